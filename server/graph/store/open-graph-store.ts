/**
 * Opens the workspace's graph store: SQLite at `<root>/.smallcode/graph.db` when better-sqlite3
 * loads, otherwise the JSON fallback at `<root>/.smallcode/graph.json`, and says why. A database
 * from a newer SmallCode is refused (thrown), not silently replaced by the fallback.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphStore } from './graph-store.js';
import { JsonGraphStore } from './json-graph-store.js';
import { SqliteGraphStore } from './sqlite-graph-store.js';
import { loadSqlite, type SqliteLoad } from './sqlite-loader.js';

export interface OpenGraphStoreOptions {
  /** 'json' skips SQLite (tests, or a user who asked for it). Default 'sqlite'. */
  prefer?: 'sqlite' | 'json';
  /** Replaces the native-module loader (tests simulate a module that does not load). */
  loadSqlite?: () => SqliteLoad;
}

export interface OpenedGraphStore {
  store: GraphStore;
  kind: 'sqlite' | 'json';
  /** Why the JSON fallback is in use (absent for SQLite). */
  reason?: string;
}

export function smallcodeDir(root: string): string {
  const dir = join(root, '.smallcode');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function openGraphStore(root: string, options: OpenGraphStoreOptions = {}): OpenedGraphStore {
  const dir = smallcodeDir(root);
  let reason: string;
  if (options.prefer === 'json') {
    reason = 'the JSON store was requested';
  } else {
    const loaded = (options.loadSqlite ?? loadSqlite)();
    if (loaded.ok) {
      return { store: new SqliteGraphStore(loaded.Database, join(dir, 'graph.db')), kind: 'sqlite' };
    }
    reason = loaded.reason;
  }
  const store = new JsonGraphStore(join(dir, 'graph.json'));
  if (store.loadProblem) reason += `; ${store.loadProblem}`;
  return { store, kind: 'json', reason };
}
