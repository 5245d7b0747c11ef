import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it, vi } from 'vitest';
import { VARIABLE_BY_ENV } from '../../server/config/variables.js';
import { LspTestClient, REPO_ROOT } from '../support/lsp-client.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

// Each test spawns the real server; on a loaded shared machine that alone can take many seconds.
vi.setConfig({ testTimeout: 120_000 });

const HELIX = join(REPO_ROOT, 'clients/helix');

interface HelixLanguages {
  'language-server': Record<string, { command: string; args?: string[]; config?: { smallcode?: Record<string, unknown> } }>;
  language: { name: string; 'language-servers': string[] }[];
}

const toml = (): HelixLanguages => parse(readFileSync(join(HELIX, 'languages.toml'), 'utf8')) as unknown as HelixLanguages;

const open = openedResources();

describe('Helix configuration (clients/helix)', () => {
  it('starts the package\'s own LSP binary in stdio mode', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const server = toml()['language-server']['smallcode'];
    expect(server).toBeDefined();
    expect(Object.keys(pkg.bin)).toContain(server!.command);
    expect(pkg.bin[server!.command]).toBe('bin/smallcode-lsp.js');
    expect(server!.args).toEqual(['--stdio']);
  });

  it('names only real SMALLCODE_* settings, under the "smallcode" section the server reads', () => {
    const settings = toml()['language-server']['smallcode']!.config?.smallcode ?? {};
    expect(Object.keys(settings).length).toBeGreaterThan(0);
    for (const key of Object.keys(settings)) expect(VARIABLE_BY_ENV.has(key), key).toBe(true);
  });

  it('adds smallcode beside the usual server for typescript, javascript, python, go and rust', () => {
    const langs = new Map(toml().language.map((l) => [l.name, l['language-servers']]));
    for (const name of ['typescript', 'javascript', 'python', 'go', 'rust']) {
      const servers = langs.get(name);
      expect(servers, name).toContain('smallcode');
      expect(servers!.length, `${name} keeps its usual server`).toBeGreaterThan(1);
    }
  });

  it('every workspace command the README and the config name is one the server advertises', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'a.ts': 'export const a = 1;\n' }));
    const client = open.client(LspTestClient.start({ cwd: ws.root }));
    const init = await client.initialize();
    const advertised = (init.capabilities['executeCommandProvider'] as { commands: string[] }).commands;
    const text = readFileSync(join(HELIX, 'README.md'), 'utf8') + readFileSync(join(HELIX, 'languages.toml'), 'utf8');
    const named = [...new Set([...text.matchAll(/(?<![\w.-])smallcode\.[A-Za-z]+\b/g)].map((m) => m[0]))];
    expect(named.length).toBeGreaterThanOrEqual(5);
    for (const c of named) expect(advertised, c).toContain(c);
    // And the README documents every advertised command.
    for (const c of advertised) expect(named, c).toContain(c);
  });
});
