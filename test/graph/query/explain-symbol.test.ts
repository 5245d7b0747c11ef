/**
 * Explain on a small hand-built graph: definition, callers resolved to their enclosing symbols,
 * callees from inside the definition, references grouped by file, qualified names, not-found.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openGraphStore } from '../../../server/graph/store/open-graph-store.js';
import type { GraphStore } from '../../../server/graph/store/graph-store.js';
import { explainSymbol } from '../../../server/graph/query/explain-symbol.js';
import { file, ref, sym } from '../store/graph-fixtures.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

const range = (a: number, b: number) => ({ startLine: a, startCol: 0, endLine: b, endCol: 1 });

describe.each(['sqlite', 'json'] as const)('explainSymbol (%s)', (kind) => {
  const open = openedResources();
  let root: string;
  let store: GraphStore;
  beforeEach(() => {
    root = open.workspace(makeTempWorkspace({}, 'sc-explain-')).root;
    store = openGraphStore(root, { prefer: kind }).store;
    open.add(() => store.close(), 'graph store');
    store.upsertFile(file('src/db.ts', [
      sym('readRow', 'function', 20, { range: range(20, 25), signature: 'export function readRow(id: number): Row', doc: 'Reads one row by id.' }),
      sym('query', 'function', 30, { range: range(30, 34) }),
    ], [ref('query', 'call', 22, 'readRow'), ref('log', 'call', 23, 'readRow'), ref('query', 'call', 32, 'query')]));
    store.upsertFile(file('src/user.ts', [
      sym('UserService', 'class', 2, { range: range(2, 30) }),
      sym('load', 'method', 3, { range: range(3, 10), container: 'UserService', signature: 'load(id: number)' }),
      sym('helper', 'function', 40, { range: range(40, 45) }),
    ], [
      ref('readRow', 'import', 0, null, './db'),
      ref('readRow', 'call', 5, 'load'),
      ref('readRow', 'call', 42, 'helper'),
      ref('readRow', 'call', 43, 'helper'),
    ]));
    store.upsertFile(file('src/other.ts', [sym('load', 'function', 0, { range: range(0, 3) })]));
  });

  it('gives the definition, callers, callees and references grouped by file', () => {
    const r = explainSymbol(store, { symbol: 'readRow' });
    expect(r.found).toBe(true);
    expect(r.definition).toMatchObject({ name: 'readRow', file: 'src/db.ts', signature: 'export function readRow(id: number): Row', doc: 'Reads one row by id.' });
    expect(r.callers.map((c) => `${c.container ?? ''}.${c.name}@${c.file}`).sort()).toEqual(['.helper@src/user.ts', 'UserService.load@src/user.ts']);
    expect(r.callees).toEqual(['query', 'log']);
    expect(Object.keys(r.references)).toEqual(['src/user.ts']);
    expect(r.references['src/user.ts']!.map((x) => [x.line, x.kind])).toEqual([[0, 'import'], [5, 'call'], [42, 'call'], [43, 'call']]);
    expect(r.text).toContain('readRow — function at src/db.ts:21');
    expect(r.text).toContain('Reads one row by id.');
    expect(r.text).toContain('Callers (2)');
    expect(r.text).toContain('Calls (2): query, log');
    expect(r.text).toContain('References (4 in 1 file)');
  });

  it('resolves a qualified name to the member and lists the other definitions', () => {
    const r = explainSymbol(store, { symbol: 'UserService.load' });
    expect(r.definition).toMatchObject({ file: 'src/user.ts', container: 'UserService' });
    expect(r.callees).toEqual(['readRow']);
    const plain = explainSymbol(store, { symbol: 'load', file: 'src/other.ts' });
    expect(plain.definition!.file).toBe('src/other.ts');
    expect(plain.text).toContain('Other definitions: src/user.ts:4 (method)');
  });

  it('uses source lines for reference sites when a line reader is given', () => {
    const r = explainSymbol(store, { symbol: 'readRow' }, { lineText: (f, line) => `${f} line ${line}` });
    expect(r.references['src/user.ts']![1]!.text).toBe('src/user.ts line 5');
  });

  it('says what it has when the symbol is unknown', () => {
    const r = explainSymbol(store, { symbol: 'readRows' });
    expect(r.found).toBe(false);
    expect(r.definition).toBeNull();
    expect(r.text).toMatch(/No symbol named "readRows".*Did you mean: readRow \(src\/db.ts\)/);
  });
});
