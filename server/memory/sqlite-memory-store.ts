/**
 * MemoryStore as tables in the workspace's `.smallcode/graph.db` (its own connection, WAL):
 * memories and evidence with FTS5 indexes, versioned in `smallcode_meta` so the graph schema's
 * user_version stays the graph's own. Refuses a newer memory schema.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { SmallCodeError } from '../core/errors.js';
import { ftsMatchQuery } from '../graph/store/identifier-tokens.js';
import type { SqliteConstructor, SqliteDatabase } from '../graph/store/sqlite-loader.js';
import {
  EVIDENCE_KEEP, clipText, normalizeEvidence,
  type EvidenceRecord, type MemoryKind, type MemoryRecord, type MemoryStore, type NewEvidence, type NewMemory,
} from './memory-store.js';

export const MEMORY_SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
CREATE TABLE memories (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT NOT NULL, source TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX memories_kind_text ON memories(kind, text);
CREATE VIRTUAL TABLE memories_fts USING fts5(text, content='memories', content_rowid='id');
CREATE TABLE evidence (id INTEGER PRIMARY KEY, task_id TEXT NOT NULL, tool TEXT NOT NULL, args TEXT NOT NULL,
  outcome TEXT NOT NULL, error TEXT, created_at INTEGER NOT NULL);
CREATE INDEX evidence_task ON evidence(task_id);
CREATE VIRTUAL TABLE evidence_fts USING fts5(tool, args, error, content='evidence', content_rowid='id');
`;

interface MemoryRow { id: number; kind: string; text: string; source: string; created_at: number }
interface EvidenceRow { id: number; task_id: string; tool: string; args: string; outcome: string; error: string | null; created_at: number }

const toMemory = (r: MemoryRow): MemoryRecord => ({ id: r.id, kind: r.kind as MemoryKind, text: r.text, source: r.source, createdAt: r.created_at });
const toEvidence = (r: EvidenceRow): EvidenceRecord => ({
  id: r.id, taskId: r.task_id, tool: r.tool, args: r.args, outcome: r.outcome === 'ok' ? 'ok' : 'failed', error: r.error, createdAt: r.created_at,
});

export function memorySchemaVersion(db: SqliteDatabase): number {
  db.exec('CREATE TABLE IF NOT EXISTS smallcode_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM smallcode_meta WHERE key = 'memory_schema'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

function migrate(db: SqliteDatabase, location: string): void {
  const found = memorySchemaVersion(db);
  if (found > MEMORY_SCHEMA_VERSION) {
    throw new SmallCodeError('StoreFailed', `${location} has memory schema version ${found}, newer than this SmallCode understands (${MEMORY_SCHEMA_VERSION}).`, {
      tried: `open ${location}`,
      next: 'Upgrade smallcode; memories are kept in that file and are not discarded.',
    });
  }
  if (found === 0) {
    db.transaction(() => {
      db.exec(SCHEMA_V1);
      db.prepare("INSERT OR REPLACE INTO smallcode_meta(key, value) VALUES ('memory_schema', ?)").run(String(MEMORY_SCHEMA_VERSION));
    })();
  }
}

export class SqliteMemoryStore implements MemoryStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: SqliteDatabase;
  private readonly s: Record<string, BetterSqlite3.Statement>;
  private inserts = 0;

  constructor(Database: SqliteConstructor, location: string) {
    this.location = location;
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // The graph indexer may hold the write lock for a moment on the other connection.
    this.db.pragma('busy_timeout = 2000');
    migrate(this.db, location);
    const p = (sql: string): BetterSqlite3.Statement => this.db.prepare(sql);
    this.s = {
      findSame: p('SELECT * FROM memories WHERE kind = ? AND text = ? LIMIT 1'),
      insertMemory: p('INSERT INTO memories(kind, text, source, created_at) VALUES (?, ?, ?, ?)'),
      insertMemoryFts: p('INSERT INTO memories_fts(rowid, text) VALUES (?, ?)'),
      deleteMemoryFts: p("INSERT INTO memories_fts(memories_fts, rowid, text) VALUES ('delete', ?, ?)"),
      getMemory: p('SELECT * FROM memories WHERE id = ?'),
      deleteMemory: p('DELETE FROM memories WHERE id = ?'),
      listAll: p('SELECT * FROM memories ORDER BY created_at DESC, id DESC LIMIT ?'),
      listKind: p('SELECT * FROM memories WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
      memoryMatch: p('SELECT m.* FROM memories_fts f JOIN memories m ON m.id = f.rowid WHERE memories_fts MATCH ? ORDER BY m.created_at DESC, m.id DESC LIMIT ?'),
      insertEvidence: p('INSERT INTO evidence(task_id, tool, args, outcome, error, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertEvidenceFts: p('INSERT INTO evidence_fts(rowid, tool, args, error) VALUES (?, ?, ?, ?)'),
      evidenceMatch: p('SELECT e.* FROM evidence_fts f JOIN evidence e ON e.id = f.rowid WHERE evidence_fts MATCH ? ORDER BY e.created_at DESC, e.id DESC LIMIT ?'),
      recent: p('SELECT * FROM evidence ORDER BY created_at DESC, id DESC LIMIT ?'),
      recentTask: p('SELECT * FROM evidence WHERE task_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
      pruneCutoff: p('SELECT id FROM evidence ORDER BY id DESC LIMIT 1 OFFSET ?'),
      pruneFts: p("INSERT INTO evidence_fts(evidence_fts, rowid, tool, args, error) SELECT 'delete', id, tool, args, COALESCE(error, '') FROM evidence WHERE id <= ?"),
      prune: p('DELETE FROM evidence WHERE id <= ?'),
    };
  }

  addMemory(m: NewMemory): { memory: MemoryRecord; created: boolean } {
    return this.db.transaction(() => {
      const same = this.s.findSame!.get(m.kind, m.text) as MemoryRow | undefined;
      if (same) return { memory: toMemory(same), created: false };
      const createdAt = m.createdAt ?? Date.now();
      const id = Number(this.s.insertMemory!.run(m.kind, m.text, m.source, createdAt).lastInsertRowid);
      this.s.insertMemoryFts!.run(id, m.text);
      return { memory: { id, kind: m.kind, text: m.text, source: m.source, createdAt }, created: true };
    })();
  }

  getMemory(id: number): MemoryRecord | undefined {
    const r = this.s.getMemory!.get(id) as MemoryRow | undefined;
    return r && toMemory(r);
  }

  listMemories(kind: MemoryKind | undefined, limit: number): MemoryRecord[] {
    const rows = kind ? this.s.listKind!.all(kind, limit) : this.s.listAll!.all(limit);
    return (rows as MemoryRow[]).map(toMemory);
  }

  memoryCandidates(tokens: string[], limit: number): MemoryRecord[] {
    const q = ftsMatchQuery(tokens, 'OR', true, true);
    return q === null ? [] : (this.s.memoryMatch!.all(q, limit) as MemoryRow[]).map(toMemory);
  }

  forgetMemory(id: number): boolean {
    return this.db.transaction(() => {
      const r = this.s.getMemory!.get(id) as MemoryRow | undefined;
      if (!r) return false;
      this.s.deleteMemoryFts!.run(id, r.text);
      this.s.deleteMemory!.run(id);
      return true;
    })();
  }

  addEvidence(e: NewEvidence): EvidenceRecord {
    const rec = normalizeEvidence(e);
    const id = this.db.transaction(() => {
      const newId = Number(this.s.insertEvidence!.run(rec.taskId, rec.tool, rec.args, rec.outcome, rec.error, rec.createdAt).lastInsertRowid);
      this.s.insertEvidenceFts!.run(newId, rec.tool, rec.args, rec.error ?? '');
      if (++this.inserts % 100 === 0) this.prune();
      return newId;
    })();
    return { id, ...rec };
  }

  private prune(): void {
    const cut = this.s.pruneCutoff!.get(EVIDENCE_KEEP) as { id: number } | undefined;
    if (!cut) return;
    this.s.pruneFts!.run(cut.id);
    this.s.prune!.run(cut.id);
  }

  evidenceCandidates(tokens: string[], limit: number): EvidenceRecord[] {
    const q = ftsMatchQuery(tokens, 'OR', true, true);
    return q === null ? [] : (this.s.evidenceMatch!.all(q, limit) as EvidenceRow[]).map(toEvidence);
  }

  recentEvidence(limit: number, taskId?: string): EvidenceRecord[] {
    const rows = taskId === undefined ? this.s.recent!.all(limit) : this.s.recentTask!.all(taskId, limit);
    return (rows as EvidenceRow[]).map(toEvidence);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
