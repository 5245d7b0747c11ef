/**
 * The GraphService facade: open on a workspace, document symbols nested by container, workspace
 * symbols with file URIs, and the CLI text renderers over real results.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { GraphService } from '../../../server/graph/graph-service.js';
import { renderExplain, renderIndexSummary, renderRepoMap, renderSearch } from '../../../server/graph/render.js';
import { GraphExplainResult, GraphSearchResult, RepoMapResult } from '../../../protocol-ext/graph.js';
import { file, ref, sym } from '../store/graph-fixtures.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

const range = (a: number, b: number) => ({ startLine: a, startCol: 0, endLine: b, endCol: 1 });

describe('GraphService', () => {
  const open = openedResources();
  let root: string;
  let svc: GraphService;
  beforeEach(() => {
    root = open.workspace(makeTempWorkspace({}, 'sc-svc-')).root;
    svc = GraphService.open(root);
    open.add(() => svc.close(), 'graph service');
    svc.store.upsertFile(file('src/shapes.ts', [
      sym('Shape', 'interface', 0, { range: range(0, 3) }),
      sym('area', 'method', 1, { range: range(1, 1), container: 'Shape', signature: 'area(): number' }),
      sym('Circle', 'class', 5, { range: range(5, 20), signature: 'export class Circle implements Shape' }),
      sym('area', 'method', 8, { range: range(8, 10), container: 'Circle', signature: 'area(): number' }),
      sym('radius', 'field', 6, { range: range(6, 6), container: 'Circle' }),
      sym('unit', 'constant', 25, { range: range(25, 25) }),
    ], [ref('Shape', 'heritage', 5, 'Circle')]));
  });

  it('opens the SQLite store inside the workspace', () => {
    expect(svc.store.kind).toBe('sqlite');
    expect(svc.storeReason).toBeUndefined();
    expect(svc.store.location).toBe(join(root, '.smallcode', 'graph.db'));
  });

  it('nests document symbols under the container whose range holds them', () => {
    const doc = svc.documentSymbols('src/shapes.ts');
    expect(doc.map((d) => d.name)).toEqual(['Shape', 'Circle', 'unit']);
    expect(doc[0]!.children!.map((c) => c.name)).toEqual(['area']);
    expect(doc[1]!.children!.map((c) => c.name)).toEqual(['radius', 'area']);
    expect(doc[1]!.children![1]!.range.start.line).toBe(8);
    expect(doc[1]).toMatchObject({ kind: 5, detail: 'export class Circle implements Shape' });
    expect(svc.documentSymbols('missing.ts')).toEqual([]);
  });

  it('answers workspace/symbol with file URIs and container names', () => {
    const ws = svc.workspaceSymbols('area');
    expect(ws).toHaveLength(2);
    expect(ws[0]!.location.uri).toBe(pathToFileURL(join(root, 'src/shapes.ts')).href);
    expect(ws.map((w) => w.containerName).sort()).toEqual(['Circle', 'Shape']);
    expect(svc.workspaceSymbols('')).toEqual([]);
  });

  it('returns results that satisfy the protocol schemas', () => {
    expect(GraphSearchResult.safeParse(svc.search({ query: 'circle' })).success).toBe(true);
    expect(GraphExplainResult.safeParse(svc.explain({ symbol: 'Shape' })).success).toBe(true);
    expect(GraphExplainResult.safeParse(svc.explain({ symbol: 'Nope' })).success).toBe(true);
    expect(RepoMapResult.safeParse(svc.repoMap({ tokens: 256 })).success).toBe(true);
  });

  it('renders CLI text for search, explain, map and index summaries', () => {
    expect(renderSearch('circle', svc.search({ query: 'circle' }))).toBe('class     Circle  src/shapes.ts:6  export class Circle implements Shape');
    expect(renderSearch('zzz', { symbols: [] })).toBe('No symbols match "zzz".');
    const ex = svc.explain({ symbol: 'Shape' });
    expect(renderExplain(ex)).toBe(ex.text);
    expect(ex.text).toContain('src/shapes.ts: 6 heritage in Circle');
    const map = svc.repoMap({ tokens: 256 });
    expect(renderRepoMap(map, 256)).toMatch(/^src\/shapes.ts:\n[\s\S]*— 1 files, ~\d+ of 256 tokens$/);
    expect(renderRepoMap({ text: '', tokens: 0, files: [] }, 512)).toContain('run `smallcode index` first');
    expect(renderIndexSummary({ files: 3, symbols: 40, references: 90, elapsedMs: 1234, location: '/w/.smallcode/graph.db', storeKind: 'sqlite' }))
      .toBe('Indexed 3 files, 40 symbols, 90 references in 1.23s.\nIndex: /w/.smallcode/graph.db (sqlite)');
    expect(renderIndexSummary({ files: 0, symbols: 0, references: 0, elapsedMs: 5, location: 'g.json', storeKind: 'json', storeReason: 'better-sqlite3 could not load' }))
      .toContain('Note: using the JSON fallback because better-sqlite3 could not load');
    const base = { files: 3, symbols: 40, references: 90, elapsedMs: 1234, location: 'g.db', storeKind: 'sqlite' as const };
    expect(renderIndexSummary({ ...base, parsed: 3, engine: 'native', workers: 2 })).toContain('\nParser: native extractor on 2 parse threads');
    expect(renderIndexSummary({ ...base, parsed: 3, engine: 'binding', workers: 1 })).toContain('\nParser: Node tree-sitter binding on 1 worker');
    expect(renderIndexSummary({ ...base, parsed: 3, engine: 'native', workers: 0 })).toContain('\nParser: native extractor on the main thread');
    expect(renderIndexSummary({ ...base, parsed: 0, engine: 'native', workers: 2 })).not.toContain('Parser:');
  });
});
