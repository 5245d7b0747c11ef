/**
 * What only the SQLite store has: the database file and its pragmas, schema migration from
 * version 1, refusal of a newer schema, the JSON fallback when the native module does not load,
 * and that an upsert diff writes only the affected rows.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { openGraphStore } from '../../../server/graph/store/open-graph-store.js';
import { SqliteGraphStore } from '../../../server/graph/store/sqlite-graph-store.js';
import { GRAPH_SCHEMA_VERSION, SCHEMA_V1 } from '../../../server/graph/store/sqlite-schema.js';
import { isSmallCodeError } from '../../../server/core/errors.js';
import { file, ref, sym } from './graph-fixtures.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

describe('SqliteGraphStore', () => {
  const open = openedResources();
  let root: string;
  let dbPath: string;
  beforeEach(() => {
    root = open.workspace(makeTempWorkspace({}, 'sc-sqlite-')).root;
    mkdirSync(join(root, '.smallcode'));
    dbPath = join(root, '.smallcode', 'graph.db');
  });

  it('creates .smallcode/graph.db in WAL mode at the current schema version', () => {
    const { store, kind, reason } = openGraphStore(root);
    expect(kind).toBe('sqlite');
    expect(reason).toBeUndefined();
    expect(store.location).toBe(dbPath);
    store.close();
    expect(existsSync(dbPath)).toBe(true);
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(GRAPH_SCHEMA_VERSION);
    db.close();
  });

  it('migrates a version-1 database and keeps its rows searchable', () => {
    const old = new Database(dbPath);
    old.exec(SCHEMA_V1);
    old.prepare("INSERT INTO files(id, path, hash, mtime, language) VALUES (1, 'a.ts', 'h', 1, 'typescript')").run();
    old.prepare(`INSERT INTO symbols(id, file_id, name, kind, container, signature, doc, exported, sl, sc, el, ec)
      VALUES (7, 1, 'loadUserProfile', 'function', NULL, 'function loadUserProfile()', 'Fetches the avatar.', 1, 3, 0, 9, 1)`).run();
    old.prepare("INSERT INTO names(id, name) VALUES (1, 'fetch')").run();
    old.prepare('INSERT INTO refs(file_id, name_id, kind, from_id, module_id, sl, sc, el, ec) VALUES (1, 1, 1, NULL, NULL, 4, 2, 4, 7)').run();
    old.pragma('user_version = 1');
    old.close();

    const store = new SqliteGraphStore(Database, dbPath);
    expect(store.migratedFrom).toBe(1);
    expect(store.getFile('a.ts')).toMatchObject({ lines: 0, language: 'typescript' });
    expect(store.symbolsByTokens(['profile'], 10).map((s) => s.id)).toEqual([7]);
    expect(store.symbolsByTokens(['avatar'], 10, true).map((s) => s.id)).toEqual([7]);
    expect(store.symbolsByPrefix('LOAD_USER', 10).map((s) => s.name)).toEqual(['loadUserProfile']);
    expect(store.referencesByName('fetch', 'call', 10)).toHaveLength(1);
    store.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(GRAPH_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer schema with a message that says what to do', () => {
    const newer = new Database(dbPath);
    newer.pragma(`user_version = ${GRAPH_SCHEMA_VERSION + 1}`);
    newer.close();
    let caught: unknown;
    try {
      openGraphStore(root);
    } catch (err) {
      caught = err;
    }
    expect(isSmallCodeError(caught, 'StoreFailed')).toBe(true);
    expect((caught as Error).message).toMatch(/newer than this SmallCode understands/);
    expect((caught as { detail: { next: string } }).detail.next).toMatch(/Upgrade smallcode/);
  });

  it('falls back to the JSON store and says why when better-sqlite3 cannot load', () => {
    const opened = openGraphStore(root, { loadSqlite: () => ({ ok: false, reason: 'better-sqlite3 could not load: wrong ABI' }) });
    expect(opened.kind).toBe('json');
    expect(opened.reason).toMatch(/wrong ABI/);
    expect(opened.store.location).toBe(join(root, '.smallcode', 'graph.json'));
    opened.store.upsertFile(file('a.ts', [sym('a', 'function', 0)]));
    opened.store.close();
    expect(existsSync(join(root, '.smallcode', 'graph.json'))).toBe(true);
  });

  it('an upsert after a one-line edit writes only the affected rows', () => {
    const store = new SqliteGraphStore(Database, dbPath);
    const syms = Array.from({ length: 50 }, (_, i) => sym(`fn${i}`, 'function', i * 10));
    const refs = Array.from({ length: 50 }, (_, i) => ref(`callee${i}`, 'call', i * 10 + 1, `fn${i}`));
    store.upsertFile(file('big.ts', syms, refs));
    store.close();
    // total_changes() on the store's own connection counts every row written since it opened.
    const edited = file('big.ts', syms.map((s, i) => (i === 20 ? { ...s, name: 'renamed', signature: 'function renamed()' } : s)), refs);
    const store2 = new SqliteGraphStore(Database, dbPath);
    const probe = (store2 as unknown as { db: BetterSqlite3.Database }).db;
    const changes = (): number => (probe.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    let before = changes();
    store2.upsertFile(file('big.ts', syms, refs));
    expect(changes() - before).toBe(1); // only the files row (hash/mtime)
    before = changes();
    store2.upsertFile(edited);
    // files row + one symbol out + one in, plus FTS bookkeeping; a rewrite would be 150+ rows.
    const written = changes() - before;
    expect(written).toBeGreaterThanOrEqual(3);
    expect(written).toBeLessThanOrEqual(15);
    expect(store2.symbolsInFile('big.ts').filter((s) => s.name === 'renamed')).toHaveLength(1);
    store2.close();
  });

  const indexNames = (path: string): string[] => {
    const db = new Database(path, { readonly: true });
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck(true).all() as string[]);
    db.close();
    return names;
  };
  const ALL_INDEXES = ['refs_file', 'refs_name', 'symbols_file', 'symbols_name_key'];

  it('bulk-loads an empty store without secondary indexes and builds them at the end, with the same answers', () => {
    const store = new SqliteGraphStore(Database, dbPath);
    store.beginBulkLoad();
    expect(indexNames(dbPath)).toEqual([]);
    store.transaction(() => {
      for (let f = 0; f < 5; f++) {
        store.upsertFile(file(`f${f}.ts`, [sym(`parseUser${f}`, 'function', 0)], [ref('fetchUser', 'call', 1, `parseUser${f}`)]));
      }
    });
    store.endBulkLoad();
    expect(indexNames(dbPath)).toEqual(ALL_INDEXES);
    expect(store.symbolsByPrefix('parseuser', 10)).toHaveLength(5);
    expect(store.referencesByName('fetchUser', 'call', 10)).toHaveLength(5);
    store.close();
  });

  it('keeps the indexes of a store that already has files (bulk load only applies to an empty store)', () => {
    const store = new SqliteGraphStore(Database, dbPath);
    store.upsertFile(file('a.ts', [sym('a', 'function', 0)]));
    store.beginBulkLoad();
    expect(indexNames(dbPath)).toEqual(ALL_INDEXES);
    store.endBulkLoad();
    store.close();
  });

  it('rebuilds indexes on open after a bulk load that never finished (the process died)', () => {
    const store = new SqliteGraphStore(Database, dbPath);
    store.beginBulkLoad();
    store.upsertFile(file('a.ts', [sym('loadUser', 'function', 0)], [ref('fetch', 'call', 1, 'loadUser')]));
    // no endBulkLoad and no close: what a killed process leaves behind
    expect(indexNames(dbPath)).toEqual([]);
    const reopened = new SqliteGraphStore(Database, dbPath);
    expect(indexNames(dbPath)).toEqual(ALL_INDEXES);
    expect(reopened.symbolsByName('loadUser', 10).map((s) => s.name)).toEqual(['loadUser']);
    reopened.close();
  });

  it('prunes interned names no reference uses any more, and interns them again when they come back', () => {
    const store = new SqliteGraphStore(Database, dbPath);
    store.upsertFile(file('a.ts', [sym('run', 'function', 0)], [ref('par', 'call', 1, 'run'), ref('keep', 'call', 2, 'run')]));
    // typing on: `par` became `parse`
    store.upsertFile(file('a.ts', [sym('run', 'function', 0)], [ref('parse', 'call', 1, 'run'), ref('keep', 'call', 2, 'run')]));
    const names = (): string[] => {
      const db = new Database(dbPath, { readonly: true });
      const all = db.prepare('SELECT name FROM names ORDER BY name').pluck(true).all() as string[];
      db.close();
      return all;
    };
    expect(names()).toContain('par');
    expect(store.pruneNames()).toBe(1);
    expect(names()).toEqual(['keep', 'parse', 'run']);
    expect(store.referencesByName('parse', 'call', 10).map((r) => r.fromSymbol)).toEqual(['run']);
    store.upsertFile(file('b.ts', [sym('go', 'function', 0)], [ref('par', 'call', 1, 'go')]));
    expect(store.referencesByName('par', 'call', 10).map((r) => r.file)).toEqual(['b.ts']);
    expect(store.pruneNames()).toBe(0);
    store.close();
  });
});
