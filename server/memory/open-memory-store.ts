/**
 * Opens the workspace's memory store: tables in `<root>/.smallcode/graph.db` when better-sqlite3
 * loads, otherwise `<root>/.smallcode/memory.json`, reporting why. Same loader as the graph store.
 */
import { join } from 'node:path';
import { loadSqlite, type SqliteLoad } from '../graph/store/sqlite-loader.js';
import { smallcodeDir } from '../graph/store/open-graph-store.js';
import type { MemoryStore } from './memory-store.js';
import { JsonMemoryStore } from './json-memory-store.js';
import { SqliteMemoryStore } from './sqlite-memory-store.js';

export interface OpenMemoryStoreOptions {
  prefer?: 'sqlite' | 'json';
  loadSqlite?: () => SqliteLoad;
}

export function openMemoryStore(root: string, options: OpenMemoryStoreOptions = {}): { store: MemoryStore; kind: 'sqlite' | 'json'; reason?: string } {
  const dir = smallcodeDir(root);
  let reason = 'the JSON store was requested';
  if (options.prefer !== 'json') {
    const loaded = (options.loadSqlite ?? loadSqlite)();
    if (loaded.ok) return { store: new SqliteMemoryStore(loaded.Database, join(dir, 'graph.db')), kind: 'sqlite' };
    reason = loaded.reason;
  }
  return { store: new JsonMemoryStore(join(dir, 'memory.json')), kind: 'json', reason };
}
