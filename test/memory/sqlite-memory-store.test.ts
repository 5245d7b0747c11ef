/**
 * SQLite-only memory behaviour: memory tables share `.smallcode/graph.db` with the graph without
 * touching its schema version, a newer memory schema is refused, and the fallback is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { openGraphStore } from '../../server/graph/store/open-graph-store.js';
import { GRAPH_SCHEMA_VERSION } from '../../server/graph/store/sqlite-schema.js';
import { openMemoryStore } from '../../server/memory/open-memory-store.js';
import { MEMORY_SCHEMA_VERSION } from '../../server/memory/sqlite-memory-store.js';
import { isSmallCodeError } from '../../server/core/errors.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

describe('SqliteMemoryStore', () => {
  const opened = openedResources();
  let root: string;
  beforeEach(() => {
    root = opened.workspace(makeTempWorkspace({}, 'sc-memsql-')).root;
  });

  it('lives in graph.db next to the graph tables, each with its own version', () => {
    const graph = openGraphStore(root).store;
    const mem = openMemoryStore(root);
    expect(mem.kind).toBe('sqlite');
    expect(mem.store.location).toBe(graph.location);
    mem.store.addMemory({ kind: 'fact', text: 'shared file', source: 'test' });
    graph.close();
    mem.store.close();
    const db = new Database(join(root, '.smallcode', 'graph.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(GRAPH_SCHEMA_VERSION);
    expect((db.prepare("SELECT value FROM smallcode_meta WHERE key = 'memory_schema'").get() as { value: string }).value).toBe(String(MEMORY_SCHEMA_VERSION));
    expect((db.prepare('SELECT count(*) AS n FROM memories').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('refuses a memory schema newer than it understands', () => {
    openMemoryStore(root).store.close();
    const db = new Database(join(root, '.smallcode', 'graph.db'));
    db.prepare("UPDATE smallcode_meta SET value = '99' WHERE key = 'memory_schema'").run();
    db.close();
    let caught: unknown;
    try {
      openMemoryStore(root);
    } catch (err) {
      caught = err;
    }
    expect(isSmallCodeError(caught, 'StoreFailed')).toBe(true);
    expect((caught as Error).message).toMatch(/memory schema version 99, newer/);
  });

  it('falls back to memory.json when the native module cannot load', () => {
    const r = openMemoryStore(root, { loadSqlite: () => ({ ok: false, reason: 'better-sqlite3 could not load: missing binary' }) });
    expect(r.kind).toBe('json');
    expect(r.reason).toMatch(/missing binary/);
    expect(r.store.location).toBe(join(root, '.smallcode', 'memory.json'));
  });
});

describe('JsonMemoryStore', () => {
  it('reports a corrupt memory.json instead of starting over on top of it', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'sc-memjson-'));
    mkdirSync(join(root, '.smallcode'));
    writeFileSync(join(root, '.smallcode', 'memory.json'), '{ not json');
    let caught: unknown;
    try {
      openMemoryStore(root, { prefer: 'json' });
    } catch (err) {
      caught = err;
    }
    expect(isSmallCodeError(caught, 'StoreFailed')).toBe(true);
    expect((caught as Error).message).toMatch(/memory.json is not readable JSON/);
    rmSync(root, { recursive: true, force: true });
  });
});
