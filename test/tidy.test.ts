/**
 * Tidy checks run as ordinary tests: the import direction of docs/architecture.md, pure folders
 * free of I/O, file headers, folder READMEs, no empty catch blocks, and a clean type-check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const rel = (p: string): string => relative(ROOT, p).split(sep).join('/');
const sources = [...walk(join(ROOT, 'server')), ...walk(join(ROOT, 'protocol-ext')), ...walk(join(ROOT, 'clients', 'cli'))].map(rel);

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

/** The folder a workspace-relative import lands in (e.g. server/model), or the package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const resolved = rel(join(ROOT, file, '..', spec));
  const parts = resolved.split('/');
  if (parts[0] === 'server') return `server/${parts[1]}`;
  return parts[0]!;
}

const LAYER: Record<string, number> = {
  'server/core': 0,
  'server/config': 0,
  'server/workspace': 1,
  'server/shell': 1,
  'server/observe': 1,
  'server/model': 2,
  'server/tools': 2,
  'server/edit': 2,
  'server/graph': 2,
  'server/memory': 2,
  'server/agent': 3,
  'server/lsp': 4,
};

const PURE = ['server/model/tool-calls/', 'server/model/budget/', 'server/edit/search-replace/'];

describe('tidy: dependency direction (docs/architecture.md)', () => {
  it('protocol-ext imports only zod, JSON-RPC / LSP type packages and itself', () => {
    const bad = sources
      .filter((f) => f.startsWith('protocol-ext/'))
      .flatMap((f) => importsOf(f).filter((s) => !(s === 'zod' || s.startsWith('vscode-jsonrpc') || s.startsWith('vscode-languageserver-protocol') || s.startsWith('vscode-languageserver-types') || (s.startsWith('./') && target(f, s) === 'protocol-ext'))).map((s) => `${f} -> ${s}`));
    expect(bad).toEqual([]);
  });

  it('nothing below server/lsp imports the LSP connection package', () => {
    const bad = sources
      .filter((f) => f.startsWith('server/') && !f.startsWith('server/lsp/'))
      .flatMap((f) => importsOf(f).filter((s) => s === 'vscode-languageserver' || s.startsWith('vscode-languageserver/')).map((s) => `${f} -> ${s}`));
    expect(bad).toEqual([]);
  });

  it('server folders import only their own layer or lower ones, never clients/ or test/', () => {
    const bad: string[] = [];
    for (const f of sources.filter((s) => s.startsWith('server/'))) {
      const own = `server/${f.split('/')[1]}`;
      const ownLayer = LAYER[own];
      if (ownLayer === undefined) {
        bad.push(`${own} has no layer in test/tidy.test.ts (add it and to docs/architecture.md)`);
        continue;
      }
      for (const spec of importsOf(f).filter((s) => s.startsWith('.'))) {
        const t = target(f, spec);
        if (t === 'protocol-ext') continue;
        const layer = LAYER[t];
        if (layer === undefined) bad.push(`${f} -> ${spec} (outside server/)`);
        else if (layer > ownLayer) bad.push(`${f} -> ${spec} (layer ${ownLayer} imports layer ${layer})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('pure folders import no node:*, SQLite, openai, tree-sitter or LSP connection', () => {
    const bad = sources
      .filter((f) => PURE.some((p) => f.startsWith(p)) || f === 'server/edit/text-edits.ts')
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s.startsWith('node:') || ['fs', 'path', 'child_process', 'better-sqlite3', 'openai', 'tree-sitter', 'vscode-languageserver'].includes(s))
          .map((s) => `${f} -> ${s}`),
      );
    expect(bad).toEqual([]);
  });

  it('no server/ file imports the package barrel index.ts', () => {
    const bad = sources.filter((f) => f.startsWith('server/')).flatMap((f) => importsOf(f).filter((s) => s.startsWith('.') && rel(join(ROOT, f, '..', s)).replace(/\.js$/, '') === 'index').map((s) => `${f} -> ${s}`));
    expect(bad).toEqual([]);
  });
});

describe('tidy: code hygiene', () => {
  it('every source file opens with a header comment', () => {
    const missing = sources.filter((f) => {
      const head = readFileSync(join(ROOT, f), 'utf8').replace(/^#!.*\n/, '').trimStart();
      return !(head.startsWith('/**') || head.startsWith('//') || head.startsWith('/*'));
    });
    expect(missing).toEqual([]);
  });

  it('no empty catch blocks (say why an error is ignored)', () => {
    const bad = sources.filter((f) => /catch\s*(\([^)]*\))?\s*\{\s*\}/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(bad).toEqual([]);
  });

  it('every server/ folder has a README.md', () => {
    const folders = readdirSync(join(ROOT, 'server')).filter((d) => statSync(join(ROOT, 'server', d)).isDirectory());
    expect(folders.filter((d) => !existsSync(join(ROOT, 'server', d, 'README.md')))).toEqual([]);
  });

  it('no source file grows past 700 lines', () => {
    const big = sources.filter((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').length > 700);
    expect(big).toEqual([]);
  });

  it('type-checks cleanly (tsc --noEmit)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
