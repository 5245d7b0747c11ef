import { describe, expect, it } from 'vitest';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/workspace/workspace.js';
import { createSearchTool } from '../../server/tools/search.js';
import { findRipgrep, requiredLiteral, searchText, type SearchEngineChoice } from '../../server/tools/search-engine.js';
import { ToolRegistry } from '../../server/tools/registry.js';
import { tempWorkspace, toolContext } from './tool-test-context.js';

const FIXTURE = {
  '.gitignore': 'build/\n*.log\n',
  'src/app.ts': 'export function handleRequest(req) {\n  return compute(req);\n}\n',
  'src/util.ts': 'export const compute = (x) => x * 2;\n// handleRequest is called from app\n',
  'src/nested/.gitignore': 'generated.ts\n',
  'src/nested/generated.ts': 'handleRequest generated\n',
  'src/nested/kept.ts': 'const a = handleRequest;\n',
  'build/out.js': 'handleRequest built\n',
  'debug.log': 'handleRequest logged\n',
  'node_modules/lib/index.js': 'handleRequest vendored\n',
  '.hidden/secret.ts': 'handleRequest hidden\n',
  'image.bin': new Uint8Array([0x68, 0x61, 0x00, 0x01, ...Buffer.from('handleRequest')]),
  'README.md': 'Call HANDLEREQUEST( to start\n',
};

const EXPECTED = [
  'src/app.ts:1: export function handleRequest(req) {',
  'src/nested/kept.ts:1: const a = handleRequest;',
  'src/util.ts:2: // handleRequest is called from app',
];

const engines: SearchEngineChoice[] = findRipgrep() ? ['builtin', 'rg'] : ['builtin'];

async function run(engine: SearchEngineChoice, args: Record<string, unknown>, files: Record<string, string | Uint8Array> = FIXTURE) {
  const root = tempWorkspace(files);
  const reg = new ToolRegistry([createSearchTool({ engine })]);
  return reg.dispatch('search', args, toolContext(root));
}

function matchLines(output: string): string[] {
  return output.split('\n').filter((l) => /^[^\s[].*:\d+: /.test(l));
}

describe.each(engines)('search with engine %s', (engine) => {
  it('honours .gitignore (nested too) and skips hidden, vendored and binary files', async () => {
    const r = await run(engine, { pattern: 'handleRequest' });
    expect(r.ok).toBe(true);
    expect(matchLines(r.output)).toEqual(EXPECTED);
    expect(r.output).toMatch(/^3 matches in 3 files for "handleRequest" in the workspace \(/);
  });

  it('limits to a path and a glob', async () => {
    expect(matchLines((await run(engine, { pattern: 'handleRequest', path: 'src/nested' })).output)).toEqual(['src/nested/kept.ts:1: const a = handleRequest;']);
    expect(matchLines((await run(engine, { pattern: 'handleRequest', glob: 'app.*' })).output)).toEqual([EXPECTED[0]]);
    expect(matchLines((await run(engine, { pattern: 'compute', path: 'src/util.ts' })).output)).toEqual(['src/util.ts:1: export const compute = (x) => x * 2;']);
  });

  it('searches an invalid regex as plain text and says so', async () => {
    const r = await run(engine, { pattern: 'HANDLEREQUEST(', ignore_case: false });
    expect(matchLines(r.output)).toEqual(['README.md:1: Call HANDLEREQUEST( to start']);
    expect(r.output).toContain('searched as plain text');
  });

  it('ignore_case and regular expressions work', async () => {
    const r = await run(engine, { pattern: '^call handle', ignore_case: true });
    expect(matchLines(r.output)).toEqual(['README.md:1: Call HANDLEREQUEST( to start']);
  });

  it('stops at max_results and says how to narrow', async () => {
    const r = await run(engine, { pattern: 'handleRequest', max_results: 2 });
    expect(matchLines(r.output)).toEqual(EXPECTED.slice(0, 2));
    expect(r.output).toContain('[stopped at 2 matches;');
  });

  it('reports no matches with the engine and file count, never silently', async () => {
    const r = await run(engine, { pattern: 'doesNotExistAnywhere' });
    expect(r.ok).toBe(true);
    expect(r.output).toMatch(engine === 'rg' ? /^No matches for "doesNotExistAnywhere" in the workspace \(ripgrep\)/ : /^No matches for "doesNotExistAnywhere" in the workspace \(\d+ files, the built-in search\)/);
  });

  it('a miss caused by spacing or case is retried loosely and the real lines are shown', async () => {
    const r = await run(engine, { pattern: 'export  function   HANDLErequest' });
    expect(r.ok).toBe(true);
    expect(r.output).toMatch(/^No exact matches for "export  function   HANDLErequest" .* when case and spacing are ignored/);
    expect(matchLines(r.output)).toEqual(['src/app.ts:1: export function handleRequest(req) {']);
  });

  it('refuses a path outside the workspace or missing', async () => {
    expect((await run(engine, { pattern: 'x', path: '../..' })).ok).toBe(false);
    const missing = await run(engine, { pattern: 'x', path: 'nope/' });
    expect(missing.ok).toBe(false);
    expect(missing.output).toContain('does not exist');
  });
});

describe('search engine choice', () => {
  it('auto uses ripgrep when it is on PATH and the built-in search otherwise', async () => {
    const root = tempWorkspace(FIXTURE);
    const r = await searchText(root, { pattern: 'handleRequest', scope: '', scopeIsDir: true, maxResults: 10 });
    expect(r.engine).toBe(findRipgrep() ? 'rg' : 'builtin');
    expect(r.matches.map((m) => `${m.path}:${m.line}: ${m.text}`)).toEqual(EXPECTED);
  });

  it('falls back to the built-in search when ripgrep is missing from PATH', async () => {
    const root = tempWorkspace(FIXTURE);
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const r = await searchText(root, { pattern: 'handleRequest', scope: '', scopeIsDir: true, maxResults: 10 }, 'auto');
      expect(r.engine).toBe('builtin');
      expect(r.matches).toHaveLength(3);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('a broken ripgrep', () => {
  it('falls back to the built-in search instead of answering no matches', async () => {
    const root = tempWorkspace(FIXTURE);
    const bin = tempWorkspace({ rg: '#!/bin/sh\necho "rg: something broke" >&2\nexit 2\n' });
    chmodSync(join(bin, 'rg'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const r = await searchText(root, { pattern: 'handleRequest', scope: '', scopeIsDir: true, maxResults: 10 });
      expect(r.engine).toBe('builtin');
      expect(r.matches).toHaveLength(3);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('search argument slips', () => {
  it('treats a glob given as path as the glob', async () => {
    const r = await run('builtin', { pattern: 'handleRequest', path: 'src/**/*.ts' });
    expect(r.ok).toBe(true);
    expect(matchLines(r.output)).toEqual(EXPECTED);
    expect(r.output).toContain('glob src/**/*.ts');
  });

  it('accepts numbers and booleans written as strings', async () => {
    const r = await run('builtin', { pattern: 'HANDLEREQUEST', ignore_case: 'true', max_results: '1' });
    expect(r.ok).toBe(true);
    expect(matchLines(r.output)).toEqual(['README.md:1: Call HANDLEREQUEST( to start']);
    expect(r.output).toContain('[stopped at 1 match;');
  });
});

describe('search pattern slips', () => {
  it('reads a /regex/i literal as a case-insensitive regex', async () => {
    const r = await run('builtin', { pattern: '/^call handle/i' });
    expect(matchLines(r.output)).toEqual(['README.md:1: Call HANDLEREQUEST( to start']);
  });
});

describe('search over open editor buffers', () => {
  it('searches an unsaved buffer instead of its file on disk', async () => {
    const root = tempWorkspace(FIXTURE);
    const ws = new Workspace(root);
    ws.openDocument(pathToFileURL(join(root, 'src/util.ts')).href, 'export const compute = 1;\nhandleRequest(1);\nhandleRequest(2);\n', 3);
    const r = await new ToolRegistry([createSearchTool({ engine: 'builtin' })]).dispatch('search', { pattern: 'handleRequest' }, toolContext(root, { workspace: ws }));
    expect(matchLines(r.output)).toEqual([EXPECTED[0], EXPECTED[1], 'src/util.ts:2: handleRequest(1);', 'src/util.ts:3: handleRequest(2);']);
  });
});

describe('requiredLiteral', () => {
  it.each([
    ['handleRequest', 'handleRequest'],
    ['function\\s+\\w+Error', 'function'],
    ['def (foo|bar)', null],
    ['colou?r', 'colo'],
    ['^import .* from', 'import '],
    ['a\\.b\\.cde', 'a.b.cde'],
    ['[abc]xyz+', 'xyz'],
    ['(?:prefix)?suffix', 'suffix'],
    ['x{2,3}yz', null],
    ['\\bTODO\\b', 'TODO'],
    ['ab', null],
  ])('%s -> %s', (pattern, expected) => {
    expect(requiredLiteral(pattern)).toBe(expected);
  });

  it('never drops a real match (property: the literal is in every string the regex matches)', () => {
    const samples = ['function fooError()', 'color', 'colour', 'import x from "y"', 'a.b.cde', 'bxyzzz', 'prefixsuffix', 'suffix', 'TODO: x'];
    const patterns = ['function\\s+\\w+Error', 'colou?r', '^import .* from', 'a\\.b\\.cde', '[abc]xyz+', '(?:prefix)?suffix', '\\bTODO\\b'];
    for (const p of patterns) {
      const lit = requiredLiteral(p);
      for (const s of samples) if (new RegExp(p, 'm').test(s) && lit) expect(s.includes(lit), `${p} on ${s}`).toBe(true);
    }
  });
});
