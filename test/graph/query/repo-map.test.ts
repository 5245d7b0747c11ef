/**
 * The repo map on a generated 120-file graph: every budget from 256 to 8192 tokens is respected,
 * personalisation moves mentioned files and identifiers up, results are cached per graph
 * generation, and one changed file refreshes only that file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGraphStore } from '../../../server/graph/store/open-graph-store.js';
import type { GraphStore } from '../../../server/graph/store/graph-store.js';
import { FileGraph } from '../../../server/graph/query/file-graph.js';
import { RepoMapper } from '../../../server/graph/query/repo-map.js';
import { defaultEstimateTokens, fitMapToBudget, renderMap, type MapEntry } from '../../../server/graph/query/repo-map-render.js';
import { file, ref, sym } from '../store/graph-fixtures.js';
import { trackedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

/** A hub (`src/core/core.ts`) everyone calls, 10 mid-level modules, 110 leaves; each defines 8 symbols. */
function populate(store: GraphStore): void {
  store.transaction(() => {
    store.upsertFile(file('src/core/core.ts', [
      sym('Core', 'class', 0, { signature: 'export class Core {' }),
      sym('run', 'method', 2, { container: 'Core', signature: 'run(task: Task): Promise<Result>' }),
      sym('createCore', 'function', 20, { signature: 'export function createCore(options: CoreOptions): Core' }),
    ]));
    for (let m = 0; m < 10; m++) {
      store.upsertFile(file(`src/mod${m}/mod${m}.ts`,
        Array.from({ length: 8 }, (_, i) => sym(`mod${m}Fn${i}`, 'function', i * 5, { signature: `export function mod${m}Fn${i}(input: Mod${m}Input, options?: Options): Mod${m}Output` })),
        [ref('createCore', 'call', 1, `mod${m}Fn0`), ref('Core', 'type', 2, `mod${m}Fn0`)]));
    }
    for (let l = 0; l < 110; l++) {
      const m = l % 10;
      store.upsertFile(file(`src/leaf/leaf-${l}.ts`,
        Array.from({ length: 8 }, (_, i) => sym(`leaf${l}Fn${i}`, 'function', i * 7, { signature: `export function leaf${l}Fn${i}(value: number, label: string): boolean` })),
        [ref(`mod${m}Fn${l % 8}`, 'call', 3, `leaf${l}Fn0`), ref('createCore', 'call', 4, `leaf${l}Fn1`)]));
    }
  });
}

describe.each(['sqlite', 'json'] as const)('repo map (%s)', (kind) => {
  // One graph serves every test of the block (they build on each other's edits), so it is closed
  // after the block, not after each test as openedResources() would.
  const open = trackedResources();
  let store: GraphStore;
  let graph: FileGraph;
  let mapper: RepoMapper;
  beforeAll(() => {
    const root = open.workspace(makeTempWorkspace({}, 'sc-map-')).root;
    store = openGraphStore(root, { prefer: kind }).store;
    open.add(() => store.close(), 'graph store');
    populate(store);
    graph = new FileGraph(store);
    mapper = new RepoMapper(graph);
  });
  afterAll(() => open.closeAll());

  it('stays within every budget from 256 to 8192 tokens and grows with the budget', () => {
    let prevFiles = 0;
    let prevTokens = 0;
    for (let budget = 256; budget <= 8192; budget += 61) {
      const r = mapper.map({ tokens: budget });
      expect(r.tokens).toBeLessThanOrEqual(budget);
      expect(defaultEstimateTokens(r.text)).toBe(r.tokens);
      expect(r.files.length).toBeGreaterThanOrEqual(prevFiles);
      expect(r.tokens).toBeGreaterThanOrEqual(prevTokens);
      prevFiles = r.files.length;
      prevTokens = r.tokens;
    }
    const full = mapper.map({ tokens: 8192 });
    // The budget is used, not wasted: within one entry line of the limit.
    expect(full.tokens).toBeGreaterThan(8192 - 40);
  });

  it('respects a budget measured by an injected estimator', () => {
    const strict = new RepoMapper(new FileGraph(store), (t) => t.length);
    for (const budget of [256, 300, 1000, 4096]) {
      const r = strict.map({ tokens: budget });
      expect(r.text.length).toBeLessThanOrEqual(budget);
      expect(r.text.length).toBeGreaterThan(budget - 120);
    }
  });

  it('puts the hub first and renders an outline of signatures with 1-based lines', () => {
    const r = mapper.map({ tokens: 512 });
    expect(r.files[0]).toBe('src/core/core.ts');
    expect(r.text.startsWith('src/core/core.ts:\n    1: export class Core {\n    3:   run(task: Task): Promise<Result>\n')).toBe(true);
  });

  it('moves a mentioned file and a mentioned identifier up', () => {
    const plain = mapper.map({ tokens: 1024 });
    expect(plain.files).not.toContain('src/leaf/leaf-77.ts');
    const byFile = mapper.map({ tokens: 1024, files: ['leaf-77.ts'] });
    expect(byFile.files.slice(0, 3)).toContain('src/leaf/leaf-77.ts');
    const byIdent = mapper.map({ tokens: 1024, identifiers: ['leaf42Fn3'] });
    expect(byIdent.files.slice(0, 3)).toContain('src/leaf/leaf-42.ts');
    expect(byIdent.text).toContain('leaf42Fn3(value: number');
  });

  it('serves a repeated request from the cache and refreshes after one file changes', () => {
    const a = mapper.map({ tokens: 700 });
    expect(mapper.map({ tokens: 700 })).toBe(a);
    const gen = store.generation();
    store.upsertFile(file('src/leaf/leaf-5.ts', [sym('brandNew', 'class', 0, { signature: 'export class BrandNew' })], [
      ...Array.from({ length: 30 }, (_, i) => ref(`leaf${i}Fn0`, 'call', i + 1, 'brandNew')),
    ]));
    expect(store.changedSince(gen)).toEqual(['src/leaf/leaf-5.ts']);
    const b = mapper.map({ tokens: 700 });
    expect(b).not.toBe(a);
    expect(graph.generation).toBe(store.generation());
    expect(graph.sync()).toEqual([]);
    // leaf-5 now calls 30 leaves: they gain rank, so the map's file list changes.
    expect(b.files).not.toEqual(a.files);
  });

  it('a personalised map after an edit matches one computed from scratch', () => {
    const focus = { tokens: 1024, files: ['leaf-33.ts'], identifiers: ['mod3Fn2'] };
    const before = mapper.map(focus);
    expect(before.files).not.toContain('src/leaf/leaf-90.ts');
    // The focused file now calls into leaf-90: that file must climb into the map.
    store.upsertFile(file('src/leaf/leaf-33.ts',
      Array.from({ length: 8 }, (_, i) => sym(`leaf33Fn${i}`, 'function', i * 7, { signature: `export function leaf33Fn${i}(value: number, label: string): boolean` })),
      [ref('mod3Fn1', 'call', 3, 'leaf33Fn0'), ref('createCore', 'call', 4, 'leaf33Fn1'), ref('leaf90Fn0', 'call', 5, 'leaf33Fn2'), ref('leaf90Fn1', 'call', 6, 'leaf33Fn2')]));
    const incremental = mapper.map(focus);
    const fresh = new RepoMapper(new FileGraph(store)).map(focus);
    expect(incremental.files.slice(0, 8)).toEqual(fresh.files.slice(0, 8));
    expect(incremental.files.slice(0, 4)).toContain('src/leaf/leaf-90.ts');
  });

  it('drops removed files from the map', () => {
    store.removeFile('src/core/core.ts');
    const r = mapper.map({ tokens: 2048 });
    expect(r.files).not.toContain('src/core/core.ts');
    expect(r.text).not.toContain('createCore(options');
  });
});

describe('fitMapToBudget', () => {
  const entries: MapEntry[] = Array.from({ length: 40 }, (_, i) => ({ file: `f${i % 7}.ts`, line: i, signature: `function f${i}(a: number): string`, member: false, score: 40 - i }));

  it('returns the longest prefix that fits, never over', () => {
    for (let budget = 0; budget < 400; budget += 7) {
      const r = fitMapToBudget(entries, budget);
      expect(r.tokens).toBeLessThanOrEqual(budget);
      if (r.entries < entries.length) expect(defaultEstimateTokens(renderMap(entries, r.entries + 1).text)).toBeGreaterThan(budget);
    }
  });

  it('renders an empty map as empty text', () => {
    expect(fitMapToBudget([], 100)).toEqual({ text: '', tokens: 0, files: [], entries: 0 });
    expect(renderMap(entries, 0).text).toBe('');
  });
});
