/**
 * The graph database schema, its version (PRAGMA user_version) and the migration path from every
 * older version to the current one. A database written by a newer SmallCode is refused, never
 * downgraded. Only schema work here; row reads and writes live in sqlite-graph-store.ts.
 */
import { SmallCodeError } from '../../core/errors.js';
import { expandedTokenText, nameKey } from './identifier-tokens.js';
import type { SqliteDatabase } from './sqlite-loader.js';

export const GRAPH_SCHEMA_VERSION = 2;

/** Reference kinds are stored as small integers (the refs table is the biggest one). */
export const REF_KIND_CODES = { call: 1, import: 2, type: 3, heritage: 4 } as const;

/**
 * Version 1: files, symbols, interned names and references; no name keys, no FTS, no line counts.
 * Kept verbatim: it is what the migration starts from.
 */
export const SCHEMA_V1 = `
CREATE TABLE files (
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,
  mtime REAL NOT NULL, language TEXT NOT NULL);
CREATE TABLE symbols (
  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
  container TEXT, signature TEXT NOT NULL, doc TEXT, exported INTEGER NOT NULL,
  sl INTEGER NOT NULL, sc INTEGER NOT NULL, el INTEGER NOT NULL, ec INTEGER NOT NULL);
CREATE INDEX symbols_file ON symbols(file_id);
CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE refs (
  id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, name_id INTEGER NOT NULL, kind INTEGER NOT NULL,
  from_id INTEGER, module_id INTEGER,
  sl INTEGER NOT NULL, sc INTEGER NOT NULL, el INTEGER NOT NULL, ec INTEGER NOT NULL);
CREATE INDEX refs_file ON refs(file_id);
CREATE INDEX refs_name ON refs(name_id);
`;

/**
 * 1 → 2: line counts; a name key (lowercase, separators dropped) with an index for exact and
 * prefix lookups; FTS5 over name parts and, separately, doc comments. Both FTS tables are
 * contentless with detail=none and no column sizes: they answer "which rows", nothing else, which
 * keeps them small; deletes pass the old values (the store has them). The fts5vocab tables (no
 * storage of their own) list indexed words, so a prefix can be expanded into a few exact words:
 * FTS5 materialises a whole prefix doclist before any LIMIT, an OR of words it reads lazily.
 */
function migrate1to2(db: SqliteDatabase): void {
  db.exec(`
    ALTER TABLE files ADD COLUMN lines INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE symbols ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
    CREATE VIRTUAL TABLE symbols_fts USING fts5(tokens, content='', columnsize=0, detail=none);
    CREATE VIRTUAL TABLE docs_fts USING fts5(doc, content='', columnsize=0, detail=none);
    CREATE VIRTUAL TABLE symbols_vocab USING fts5vocab('symbols_fts', 'row');
    CREATE VIRTUAL TABLE docs_vocab USING fts5vocab('docs_fts', 'row');
  `);
  // Keys and token expansion (camelCase, acronyms) are JavaScript, so the backfill runs row by row.
  const setKey = db.prepare('UPDATE symbols SET name_key = ? WHERE id = ?');
  const insertTokens = db.prepare('INSERT INTO symbols_fts(rowid, tokens) VALUES (?, ?)');
  const insertDoc = db.prepare('INSERT INTO docs_fts(rowid, doc) VALUES (?, ?)');
  const rows = db.prepare('SELECT id, name, doc FROM symbols').all() as Array<{ id: number; name: string; doc: string | null }>;
  for (const r of rows) {
    setKey.run(nameKey(r.name), r.id);
    insertTokens.run(r.id, expandedTokenText(r.name));
    if (r.doc) insertDoc.run(r.id, r.doc);
  }
  db.exec('CREATE INDEX symbols_name_key ON symbols(name_key)');
}

/**
 * Secondary indexes of the current schema. A bulk load drops them while the store is empty and
 * builds them once at the end (a sort is much cheaper than a random B-tree insert per row); every
 * open re-creates any that are missing, so a load cut short leaves no store without them.
 */
export const SECONDARY_INDEXES: ReadonlyArray<{ name: string; sql: string }> = [
  { name: 'symbols_file', sql: 'CREATE INDEX IF NOT EXISTS symbols_file ON symbols(file_id)' },
  { name: 'symbols_name_key', sql: 'CREATE INDEX IF NOT EXISTS symbols_name_key ON symbols(name_key)' },
  { name: 'refs_file', sql: 'CREATE INDEX IF NOT EXISTS refs_file ON refs(file_id)' },
  { name: 'refs_name', sql: 'CREATE INDEX IF NOT EXISTS refs_name ON refs(name_id)' },
];

export function createSecondaryIndexes(db: SqliteDatabase): void {
  for (const ix of SECONDARY_INDEXES) db.exec(ix.sql);
}

export function dropSecondaryIndexes(db: SqliteDatabase): void {
  for (const ix of SECONDARY_INDEXES) db.exec(`DROP INDEX IF EXISTS ${ix.name}`);
}

/** MIGRATIONS[v] upgrades a database from version v to v + 1. Version 0 is an empty file. */
const MIGRATIONS: Record<number, (db: SqliteDatabase) => void> = {
  0: (db) => db.exec(SCHEMA_V1),
  1: migrate1to2,
};

/** Brings the database to GRAPH_SCHEMA_VERSION; returns the version it found. */
export function migrateGraphSchema(db: SqliteDatabase, location: string): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > GRAPH_SCHEMA_VERSION) {
    throw new SmallCodeError(
      'StoreFailed',
      `${location} has graph schema version ${found}, newer than this SmallCode understands (${GRAPH_SCHEMA_VERSION}).`,
      { tried: `open ${location}`, next: 'Upgrade smallcode, or delete the file to rebuild the index with this version.' },
    );
  }
  for (let v = found; v < GRAPH_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new SmallCodeError('StoreFailed', `No migration from graph schema version ${v}.`, { tried: `open ${location}` });
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  createSecondaryIndexes(db);
  return found;
}
