import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteGraphStore } from '../../../server/graph/store/sqlite-graph-store.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';
import { file, ref, sym } from './graph-fixtures.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
const opened = openedResources();

function dbPath(): string {
  const ws = opened.workspace(makeTempWorkspace({}, 'sc-bulk-names-'));
  mkdirSync(join(ws.root, '.smallcode'));
  return join(ws.root, '.smallcode', 'graph.db');
}

function store(path: string): SqliteGraphStore {
  const s = new SqliteGraphStore(Database, path);
  opened.add(() => s.close(), 'graph store');
  return s;
}

describe('name interning during a bulk load', () => {
  it('interns each name once across files and answers reference queries by name afterwards', () => {
    const s = store(dbPath());
    s.beginBulkLoad();
    s.transaction(() => {
      for (let f = 0; f < 4; f++) s.upsertFile(file(`f${f}.ts`, [sym(`run${f}`, 'function', 0)], [ref('shared', 'call', 1, `run${f}`), ref(`own${f}`, 'call', 2, `run${f}`)]));
    });
    s.endBulkLoad();
    expect(s.referencesByName('shared', 'call', 10)).toHaveLength(4);
    expect(s.referencesByName('own2', 'call', 10).map((r) => r.fromSymbol)).toEqual(['run2']);
    // a later, ordinary update reuses the rows the load interned
    s.upsertFile(file('g.ts', [sym('later', 'function', 0)], [ref('shared', 'call', 1, 'later')]));
    expect(s.referencesByName('shared', 'call', 10)).toHaveLength(5);
  });

  it('takes a name another connection interned in the middle of the load instead of failing on it', () => {
    const path = dbPath();
    const loader = store(path);
    loader.beginBulkLoad();
    loader.upsertFile(file('a.ts', [sym('a', 'function', 0)], [ref('first', 'call', 1, 'a')]));
    // a second writer on the same database (say, a CLI index while the editor's server loads)
    const other = store(path);
    other.upsertFile(file('b.ts', [sym('b', 'function', 0)], [ref('contested', 'call', 1, 'b')]));
    loader.upsertFile(file('c.ts', [sym('c', 'function', 0)], [ref('contested', 'call', 1, 'c')]));
    loader.endBulkLoad();
    // (the loader's file cache does not know b.ts, written by the other connection: count rows)
    expect(loader.referencesByName('contested', 'call', 10)).toHaveLength(2);
    expect(loader.referencesByName('first', 'call', 10)).toHaveLength(1);
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM names WHERE name = 'contested'").pluck(true).get()).toBe(1);
    db.close();
  });
});
