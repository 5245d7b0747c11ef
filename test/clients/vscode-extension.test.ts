import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as P from '../../protocol-ext/index.js';
import { REPO_ROOT } from '../support/lsp-client.js';

const DIR = join(REPO_ROOT, 'clients/vscode');

interface ExtensionManifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: { commands: { command: string; title: string; category: string }[] };
  dependencies: Record<string, string>;
}

const manifest = (): ExtensionManifest => JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8')) as ExtensionManifest;
const source = (): string => readFileSync(join(DIR, 'extension.js'), 'utf8');

/** Each contributed command and the protocol-ext request it sends. */
const EXPECTED: Record<string, P.AnyRequestDef> = {
  'smallcode.vscode.runTask': P.RunTask as unknown as P.AnyRequestDef,
  'smallcode.vscode.proposeTask': P.RunTask as unknown as P.AnyRequestDef,
  'smallcode.vscode.rollback': P.Rollback as unknown as P.AnyRequestDef,
  'smallcode.vscode.showPlan': P.Plan as unknown as P.AnyRequestDef,
  'smallcode.vscode.cancelTask': P.CancelTask as unknown as P.AnyRequestDef,
};

describe('VS Code extension (clients/vscode)', () => {
  it('contributes Run Task, Rollback, Show Plan and Cancel, each activating the extension', () => {
    const m = manifest();
    expect(m.main).toBe('./extension.js');
    expect(m.engines.vscode).toMatch(/^\^1\.\d+/);
    expect(m.contributes.commands.map((c) => c.command).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const c of m.contributes.commands) {
      expect(c.category).toBe('SmallCode');
      expect(m.activationEvents).toContain(`onCommand:${c.command}`);
    }
    expect(m.contributes.commands.map((c) => c.title)).toEqual(expect.arrayContaining(['Run Task', 'Rollback', 'Show Plan', 'Cancel']));
  });

  it('each command is registered and sends a request that protocol-ext defines (through the typed objects)', () => {
    const js = source();
    const requestNames = new Set(P.REQUESTS.map((r) => r.method));
    for (const [command, def] of Object.entries(EXPECTED)) {
      expect(js, command).toMatch(new RegExp(`\\b(?:registerCommand|reg)\\('${command.replace(/\./g, '\\.')}'`));
      expect(requestNames.has(def.method)).toBe(true);
    }
    const used = [...js.matchAll(/protocol\.(\w+)\.method/g)].map((m) => m[1]!);
    expect(new Set(used)).toEqual(new Set(['RunTask', 'Rollback', 'Plan', 'CancelTask', 'TaskEventNotification']));
    for (const name of used) {
      const def = (P as unknown as Record<string, { method?: string }>)[name];
      expect(def?.method, name).toMatch(/^smallcode\//);
    }
    // Method strings are never written by hand.
    expect(js).not.toMatch(/['"]smallcode\/(?!(?:protocol|package\.json)['"])[a-zA-Z]/);
  });

  it('its command ids do not collide with the server\'s workspace commands (vscode-languageclient registers those itself)', () => {
    const serverCommands = new Set<string>(Object.values(P.Commands));
    for (const c of manifest().contributes.commands) expect(serverCommands.has(c.command), c.command).toBe(false);
  });

  it('keeps vscode-languageclient in its own package.json, not the root one', () => {
    expect(manifest().dependencies['vscode-languageclient']).toMatch(/^\^9\./);
    const root = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    expect(Object.keys({ ...root.dependencies, ...root.devDependencies })).not.toContain('vscode-languageclient');
  });

  it('extension.js is valid JavaScript (node --check)', () => {
    const r = spawnSync(process.execPath, ['--check', join(DIR, 'extension.js')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
