/**
 * server/agent/graph-sync.ts with a real indexer, real SQLite store and real files: which roots are
 * indexed, debounced incremental buffer updates equal a full parse, replay after attach, close
 * reverting to disk, and the fallback directory watcher.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyRoot, DirectoryWatcher, GraphSync, type GraphHandle } from '../../server/agent/graph-sync.js';
import { GraphService } from '../../server/graph/graph-service.js';
import type { FileEvent, UpdateOutcome } from '../../server/graph/indexer/graph-indexer.js';
import { GraphIndexer } from '../../server/graph/indexer/graph-indexer.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const BASE = 'export function alpha(): number {\n  return 1;\n}\n\nexport class Beta {\n  gamma(): void {}\n}\n';

const open = openedResources();

function openGraph(root: string): GraphHandle {
  const graph = GraphService.open(root);
  const indexer = new GraphIndexer(root, graph.store, { workers: 0 });
  open.add(async () => {
    await indexer.dispose();
    graph.close();
  });
  return { graph, indexer, indexed: indexer.indexAll().then(() => undefined) };
}

const rows = (g: GraphHandle, rel: string): string[] =>
  g.graph.store.symbolsInFile(rel).map((s) => `${s.kind} ${s.container ?? ''}.${s.name} ${s.range.startLine}:${s.range.startCol}-${s.range.endLine}:${s.range.endCol} ${s.signature}`).sort();

const until = async (cond: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('classifyRoot', () => {
  const cases: Array<[string, string, string[], 'auto' | 'on-demand' | 'never']> = [
    ['/', '/home/u', ['.git'], 'never'],
    ['/home/u', '/home/u', ['.git', 'package.json'], 'never'],
    ['/home/u/', '/home/u', [], 'never'],
    ['/home/u/app', '/home/u', ['package.json'], 'auto'],
    ['/home/u/app', '/home/u', ['.git'], 'auto'],
    ['/home/u/svc', '/home/u', ['go.mod'], 'auto'],
    ['/home/u/lib', '/home/u', ['Cargo.toml'], 'auto'],
    ['/home/u/py', '/home/u', ['pyproject.toml'], 'auto'],
    ['/home/u/Downloads', '/home/u', [], 'on-demand'],
    ['/home/u/notes', '/home/u', ['README.md'], 'on-demand'],
  ];
  it.each(cases)('root %s (home %s, present %j) → %s', (root, home, present, expected) => {
    const p = classifyRoot(root, home, (name) => present.includes(name));
    expect(p.index).toBe(expected);
    if (p.index !== 'auto') expect(p.reason).toContain(root.replace(/\/$/, '') || '/');
  });
  it('treats the real home folder as never indexed', () => {
    expect(classifyRoot(homedir(), homedir(), () => true).index).toBe('never');
  });
});

describe('GraphSync', () => {
  it('merges a burst of ranged changes into one incremental update equal to a full parse', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'package.json': '{}', 'src/a.ts': BASE }));
    const g = openGraph(ws.root);
    const outcomes: UpdateOutcome[] = [];
    const sync = new GraphSync({ log: () => undefined, delayMs: 30, onUpdate: (o) => outcomes.push(o) });
    open.add(() => sync.dispose());
    await sync.attach(g);
    const path = join(ws.root, 'src/a.ts');
    sync.openDocument(path, BASE);
    outcomes.length = 0;
    // rename alpha → alphaOne, then append a function: two ranged changes before the debounce fires
    const t1 = BASE.replace('alpha()', 'alphaOne()');
    sync.changeDocument(path, t1, [{ range: { start: { line: 0, character: 21 }, end: { line: 0, character: 21 } }, text: 'One' }]);
    const t2 = t1 + 'export function delta(x: string): string {\n  return x;\n}\n';
    sync.changeDocument(path, t2, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: 'export function delta(x: string): string {\n  return x;\n}\n' }]);
    expect(outcomes).toEqual([]); // debounced
    await until(() => outcomes.length > 0, 'the debounced update');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ status: 'indexed', incremental: true });

    ws.write('full/a.ts', t2);
    const fresh = openGraph(join(ws.root, 'full'));
    await fresh.indexed;
    expect(rows(g, 'src/a.ts')).toEqual(rows(fresh, 'a.ts'));
    expect(rows(g, 'src/a.ts').join('\n')).toContain('.alphaOne');
  });

  it('stays correct when a change without ranges is mixed into the burst', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'package.json': '{}', 'src/a.ts': BASE }));
    const g = openGraph(ws.root);
    const sync = new GraphSync({ log: () => undefined, delayMs: 10_000 });
    open.add(() => sync.dispose());
    await sync.attach(g);
    const path = join(ws.root, 'src/a.ts');
    sync.openDocument(path, BASE);
    sync.changeDocument(path, BASE + 'export const one = 1;\n', [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: 'export const one = 1;\n' }]);
    const whole = 'export const onlyThis = 2;\n';
    sync.changeDocument(path, whole, [{ text: whole }]);
    sync.flush(path); // a query flushes without waiting for the debounce
    expect(g.graph.store.symbolsInFile('src/a.ts').map((s) => s.name)).toEqual(['onlyThis']);
  });

  it('replays buffers opened before attach, again after the initial index, and reverts to disk on close', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'package.json': '{}', 'src/a.ts': BASE }));
    const sync = new GraphSync({ log: () => undefined });
    open.add(() => sync.dispose());
    const path = join(ws.root, 'src/a.ts');
    const edited = BASE + 'export function unsaved(): void {}\n';
    sync.openDocument(path, edited); // before the graph exists: remembered
    const g = openGraph(ws.root);
    await sync.attach(g);
    expect(g.graph.store.symbolsInFile('src/a.ts').map((s) => s.name)).toContain('unsaved');
    await sync.closeDocument(path);
    expect(g.graph.store.symbolsInFile('src/a.ts').map((s) => s.name)).not.toContain('unsaved');
  });

  it('gives a saved buffer the file\'s real mtime, so a warm index skips it', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'package.json': '{}', 'src/a.ts': BASE }));
    const g = openGraph(ws.root);
    const sync = new GraphSync({ log: () => undefined, delayMs: 10_000 });
    open.add(() => sync.dispose());
    await sync.attach(g);
    const path = join(ws.root, 'src/a.ts');
    const edited = BASE + 'export const saved = 1;\n';
    sync.openDocument(path, BASE);
    sync.changeDocument(path, edited);
    sync.flush(path);
    expect(g.graph.store.getFile('src/a.ts')?.mtimeMs).toBe(0); // rows from an unsaved buffer
    ws.write('src/a.ts', edited);
    await sync.saveDocument(path);
    expect(g.graph.store.getFile('src/a.ts')?.mtimeMs).toBe(statSync(path).mtimeMs);
    const warm = await g.indexer.indexAll();
    expect(warm).toMatchObject({ parsed: 0, unchanged: 1 });
  });

  it('drops every indexed file below a deleted folder', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'package.json': '{}', 'src/a.ts': BASE, 'src/sub/b.py': 'def b():\n    pass\n', 'keep/c.ts': 'export const c = 1;\n' }));
    const g = openGraph(ws.root);
    const sync = new GraphSync({ log: () => undefined });
    open.add(() => sync.dispose());
    await sync.attach(g);
    expect(g.graph.store.listFiles().map((f) => f.path).sort()).toEqual(['keep/c.ts', 'src/a.ts', 'src/sub/b.py']);
    rmSync(join(ws.root, 'src'), { recursive: true });
    const summary = await sync.filesChanged([{ path: join(ws.root, 'src'), type: 'deleted' }]);
    expect(summary).toMatchObject({ removed: 2 });
    expect(g.graph.store.listFiles().map((f) => f.path)).toEqual(['keep/c.ts']);
  });
});

describe('DirectoryWatcher', () => {
  it('watches source folders but not ignored ones, and reports new files and files in new folders', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'package.json': '{}', '.gitignore': 'out/\n', 'src/a.ts': BASE, 'node_modules/dep/index.js': 'x', 'out/gen.js': 'y' }));
    const events: FileEvent[] = [];
    const w = DirectoryWatcher.start(ws.root, (e) => events.push(...e), () => undefined, 30);
    expect(w).not.toBeNull();
    open.add(() => w!.close());
    expect(w!.watchedDirectories).toBe(2); // the root and src/
    ws.write('src/b.ts', 'export const b = 1;\n');
    await until(() => events.some((e) => e.path === 'src/b.ts'), 'src/b.ts event');
    mkdirSync(join(ws.root, 'lib'));
    ws.write('lib/c.py', 'def c():\n    pass\n');
    await until(() => events.some((e) => e.path === 'lib/c.py'), 'lib/c.py event');
    ws.write('node_modules/dep/other.js', 'z');
    ws.write('out/more.js', 'z');
    ws.write('src/after.ts', 'export const after = 1;\n');
    await until(() => events.some((e) => e.path === 'src/after.ts'), 'src/after.ts event');
    expect(events.map((e) => e.path).filter((p) => p.startsWith('node_modules') || p.startsWith('out'))).toEqual([]);
    rmSync(join(ws.root, 'lib'), { recursive: true });
    await until(() => events.some((e) => e.path === 'lib' && e.type === 'deleted'), 'lib deletion event');
    expect(w!.watchedDirectories).toBe(2);
  });
});
