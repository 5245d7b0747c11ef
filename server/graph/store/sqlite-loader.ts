/**
 * Loads the native better-sqlite3 module lazily and reports why it could not, so callers can fall
 * back to a JSON store instead of crashing. The only place that requires the native module.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { errorMessage } from '../../core/errors.js';

export type SqliteDatabase = BetterSqlite3.Database;
export type SqliteConstructor = new (file: string, options?: BetterSqlite3.Options) => SqliteDatabase;

export type SqliteLoad = { ok: true; Database: SqliteConstructor } | { ok: false; reason: string };

let cached: SqliteLoad | undefined;

export function loadSqlite(): SqliteLoad {
  if (cached) return cached;
  try {
    const require = createRequire(import.meta.url);
    const Database = require('better-sqlite3') as SqliteConstructor;
    // The addon itself loads on first construction: probe it so a broken build shows up here.
    const probe = new Database(':memory:');
    probe.prepare("CREATE VIRTUAL TABLE probe USING fts5(x)").run();
    probe.close();
    cached = { ok: true, Database };
  } catch (err) {
    cached = { ok: false, reason: `better-sqlite3 could not load: ${errorMessage(err)}` };
  }
  return cached;
}
