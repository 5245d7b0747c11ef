import { describe, expect, it } from 'vitest';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { GraphIndexer } from '../../../server/graph/indexer/graph-indexer.js';
import { applyContentChanges, type ContentChange } from '../../../server/graph/indexer/text-edits.js';
import { extractFile } from '../../../server/graph/extract/extract-file.js';
import { parseSource } from '../../../server/graph/extract/parse.js';
import { openGraphStore } from '../../../server/graph/store/open-graph-store.js';
import type { GraphStore } from '../../../server/graph/store/graph-store.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';
import { fixturePath } from '../extract/check-extraction.js';

const opened = openedResources();

function setup(files: Record<string, string>, kind: 'sqlite' | 'json' = 'sqlite') {
  const ws = opened.workspace(makeTempWorkspace(files, 'smallcode-incr-'));
  const { store } = openGraphStore(ws.root, { prefer: kind });
  opened.add(() => store.close(), 'graph store');
  const indexer = new GraphIndexer(ws.root, store, { workers: 0 });
  opened.add(() => indexer.dispose(), 'graph indexer');
  return { ws, store, indexer };
}

const fixture = readFileSync(fixturePath('typescript/user-service.ts'), 'utf8');

const rows = (store: GraphStore, path: string) => ({
  symbols: store.symbolsInFile(path).map(({ id: _i, file: _f, ...s }) => s),
  references: store.referencesInFile(path).map(({ id: _i, file: _f, ...r }) => r),
});
const sortRefs = <T extends { range: { startLine: number; startCol: number } }>(xs: T[]): T[] =>
  [...xs].sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCol - b.range.startCol);

describe('incremental updates', () => {
  it('changes exactly the affected rows for an edit inside one function (real SQLite store)', async () => {
    const { store, indexer } = setup({ 'src/user-service.ts': fixture });
    await indexer.indexAll();
    indexer.openDocument('src/user-service.ts', fixture);
    const before = rows(store, 'src/user-service.ts');
    // rename the call `this.load(id)` to `this.fetch(id)` on line 43 (0-based 42): same length, no shift
    const line = fixture.split('\n')[42]!;
    const col = line.indexOf('load');
    const change: ContentChange = { range: { start: { line: 42, character: col }, end: { line: 42, character: col + 4 } }, text: 'etch' };
    const next = applyContentChanges(fixture, [change]).text.replace('this.etch', 'this.etch');
    const out = indexer.updateFile('src/user-service.ts', next, [change]);
    expect(out).toMatchObject({ status: 'indexed', incremental: true, hasErrors: false });
    if (out.status !== 'indexed') throw new Error('unreachable');
    expect(out.stats).toMatchObject({ symbolsAdded: 0, symbolsRemoved: 0, referencesAdded: 1, referencesRemoved: 1 });
    expect(out.stats.symbolsKept).toBe(before.symbols.length);
    const after = rows(store, 'src/user-service.ts');
    expect(after.symbols).toEqual(before.symbols);
    expect(after.references.filter((r) => r.name === 'etch').map((r) => r.fromSymbol)).toEqual(['find']);
    expect(after.references.some((r) => r.name === 'load' && r.kind === 'call')).toBe(false);
  });

  it('adds and removes symbol rows when a declaration is inserted and deleted', async () => {
    const { store, indexer } = setup({ 'a.py': 'def one():\n    return 1\n' });
    await indexer.indexAll();
    indexer.openDocument('a.py', 'def one():\n    return 1\n');
    const grown = 'def one():\n    return 1\n\n\ndef two():\n    """Second."""\n    return one()\n';
    const add = indexer.updateFile('a.py', grown, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: grown.slice(24) }]);
    expect(add).toMatchObject({ status: 'indexed', incremental: true, stats: { symbolsAdded: 1, symbolsRemoved: 0, referencesAdded: 1 } });
    expect(store.symbolsInFile('a.py').map((s) => `${s.name}:${s.doc ?? ''}`)).toEqual(['one:', 'two:Second.']);
    const shrunk = indexer.updateFile('a.py', 'def one():\n    return 1\n');
    expect(shrunk).toMatchObject({ status: 'indexed', stats: { symbolsAdded: 0, symbolsRemoved: 1, referencesRemoved: 1 } });
    expect(store.symbolsInFile('a.py').map((s) => s.name)).toEqual(['one']);
  });

  const languages: Array<[string, string, string]> = [
    ['typescript/user-service.ts', 'const 日本 = "😀";\n', 'class K extends UserService {}\n'],
    ['tsx/button.tsx', '', 'export const Z = () => <Button label="z" />;\n'],
    ['javascript/router.js', '', 'export { VERSION };\n'],
    ['python/inventory.py', '', 'def added(x):\n    """Doc."""\n    return x\n'],
    ['go/server.go', '', '// Z is new.\nfunc (s *Server) Z() {}\n'],
    ['rust/shapes.rs', '', '/// Z doc.\n#[inline]\npub fn z() {}\n'],
  ];
  for (const [fixtureName, prefix, decl] of languages) {
    it(`equals a full extraction after every random LSP edit (${fixtureName})`, async () => {
      const start = prefix + readFileSync(fixturePath(fixtureName), 'utf8');
      const path = `src/${fixtureName.split('/')[1]}`;
      let regionUpdates = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              at: fc.nat(),
              len: fc.nat({ max: 12 }),
              text: fc.constantFrom('', 'x', '\n', '\n\n', '😀', '{', '}', 'é', '// c\n', '/// d\n', '# c\n', '/** d */\n', decl),
            }),
            { minLength: 1, maxLength: 8 },
          ),
          async (edits) => {
            const { store, indexer } = setup({ [path]: start });
            indexer.openDocument(path, start);
            let text = start;
            for (const e of edits) {
              const lines = text.split('\n');
              const line = e.at % lines.length;
              // positions inside a surrogate pair are not valid LSP positions: step back to the pair's start
              const inPair = (c: number): number => ((lines[line]!.charCodeAt(c) & 0xfc00) === 0xdc00 ? c - 1 : c);
              const ch = inPair((e.at * 7) % (lines[line]!.length + 1));
              const endCh = inPair(Math.min(lines[line]!.length, ch + e.len));
              const change: ContentChange = { range: { start: { line, character: ch }, end: { line, character: endCh } }, text: e.text };
              const next = applyContentChanges(text, [change]).text;
              const out = indexer.updateFile(path, next, [change]);
              text = next;
              if (out.status !== 'indexed') continue;
              expect(out.incremental).toBe(true);
              if (out.extracted === 'region') regionUpdates++;
              const full = extractFile({ path, text });
              const got = rows(store, path);
              expect(got.symbols).toEqual(full.symbols);
              expect(sortRefs(got.references)).toEqual(sortRefs(full.references));
            }
            await indexer.dispose();
            store.close();
          },
        ),
        { numRuns: 25, seed: 5 },
      );
      // the region path must actually have been exercised, not only the full fallback
      expect(regionUpdates).toBeGreaterThan(20);
    });
  }

  it('keeps an incrementally re-parsed tree identical to a fresh parse (UTF-16 edit positions)', () => {
    const text = 'const s = "日本😀";\nexport function a() { return 1; }\n';
    const tree = parseSource('typescript', text);
    const change: ContentChange = { range: { start: { line: 1, character: 16 }, end: { line: 1, character: 17 } }, text: 'renamedFn' };
    const r = applyContentChanges(text, [change]);
    for (const e of r.edits!) tree.edit(e);
    const incremental = parseSource('typescript', r.text, tree);
    expect(incremental.rootNode.toString()).toBe(parseSource('typescript', r.text).rootNode.toString());
    expect(r.text).toContain('function renamedFn()');
  });

  it('falls back to a text diff when the change ranges do not reproduce the new text', async () => {
    const { store, indexer } = setup({ 'a.ts': 'export const a = 1;\n' });
    indexer.openDocument('a.ts', 'export const a = 1;\n');
    const wrong: ContentChange = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'zzz' };
    const out = indexer.updateFile('a.ts', 'export const b = 1;\n', [wrong]);
    expect(out).toMatchObject({ status: 'indexed', incremental: true });
    expect(store.symbolsInFile('a.ts').map((s) => s.name)).toEqual(['b']);
  });

  it('works the same against the JSON fallback store', async () => {
    const { store, indexer } = setup({ 'a.go': 'package a\n\nfunc A() {}\n' }, 'json');
    expect(store.kind).toBe('json');
    await indexer.indexAll();
    indexer.openDocument('a.go', 'package a\n\nfunc A() {}\n');
    indexer.updateFile('a.go', 'package a\n\nfunc A() {}\n\nfunc B() { A() }\n');
    expect(store.symbolsInFile('a.go').map((s) => s.name)).toEqual(['A', 'B']);
    expect(store.referencesInFile('a.go').map((r) => `${r.name}<${r.fromSymbol}`)).toEqual(['A<B']);
  });

  it('skips ignored and generated documents and paths outside the workspace', async () => {
    const { store, indexer } = setup({ '.gitignore': 'out/\n', 'out/x.ts': 'export const x = 1;\n' });
    expect(indexer.openDocument('out/x.ts', 'export const x = 1;\n')).toMatchObject({ status: 'skipped' });
    expect(indexer.updateFile('g.go', '// Code generated by stringer. DO NOT EDIT.\npackage g\n')).toMatchObject({ status: 'skipped', reason: 'generated (header marker)' });
    expect(indexer.updateFile('/elsewhere/z.ts', 'export const z = 1;\n')).toMatchObject({ status: 'skipped', reason: 'outside the workspace' });
    expect(indexer.updateFile('notes.md', '# hi\n')).toMatchObject({ status: 'skipped' });
    expect(store.counts().files).toBe(0);
  });
});

describe('file events (didSave, didChangeWatchedFiles)', () => {
  it('indexes created and changed files and removes deleted ones', async () => {
    const { ws, store, indexer } = setup({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 1;\n' });
    await indexer.indexAll();
    ws.write('c.rs', 'pub fn c() {}\n');
    ws.write('a.ts', 'export const a2 = 2;\n');
    unlinkSync(join(ws.root, 'b.ts'));
    const s = await indexer.applyFileEvents([
      { path: join(ws.root, 'c.rs'), type: 'created' },
      { path: 'a.ts', type: 'changed' },
      { path: 'b.ts', type: 'deleted' },
      { path: 'README.md', type: 'created' },
    ]);
    expect(s).toEqual({ indexed: 2, unchanged: 0, removed: 1, skipped: 1 });
    expect(store.listFiles().map((f) => f.path).sort()).toEqual(['a.ts', 'c.rs']);
    expect(store.symbolsInFile('a.ts').map((x) => x.name)).toEqual(['a2']);
  });

  it('lets an open buffer win over disk until disk equals it (save)', async () => {
    const { ws, store, indexer } = setup({ 'a.ts': 'export const a = 1;\n' });
    await indexer.indexAll();
    indexer.openDocument('a.ts', 'export const a = 1;\n');
    indexer.updateFile('a.ts', 'export const buffered = 1;\n');
    ws.write('a.ts', 'export const external = 1;\n');
    expect(await indexer.applyFileEvents([{ path: 'a.ts', type: 'changed' }])).toMatchObject({ skipped: 1 });
    expect(store.symbolsInFile('a.ts').map((x) => x.name)).toEqual(['buffered']);
    ws.write('a.ts', 'export const buffered = 1;\n');
    expect(await indexer.applyFileEvents([{ path: 'a.ts', type: 'changed' }])).toMatchObject({ unchanged: 1 });
    expect(store.symbolsInFile('a.ts').map((x) => x.name)).toEqual(['buffered']);
  });

  it('removes a file that an event shows is now excluded', async () => {
    const { ws, store, indexer } = setup({ 'a.ts': 'export const a = 1;\n' });
    await indexer.indexAll();
    ws.write('.gitignore', 'a.ts\n');
    expect(await indexer.applyFileEvents([{ path: 'a.ts', type: 'changed' }])).toMatchObject({ removed: 1 });
    expect(store.counts().files).toBe(0);
  });
});
