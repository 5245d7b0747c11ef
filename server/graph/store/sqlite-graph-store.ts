/**
 * GraphStore on better-sqlite3: WAL, synchronous=NORMAL, cached prepared statements, FTS5 over
 * expanded name tokens and doc comments, and upserts that diff rows instead of rewriting a file.
 * Constructed through openGraphStore(); never requires the native module itself.
 */
import type { ExtractedFile, ReferenceKind, SourceRange, SymbolKind, Language } from '../types.js';
import type { FileMeta, GraphStore, StoredReference, StoredSymbol, UpsertStats } from './graph-store.js';
import { ChangeLog } from './change-log.js';
import { diffReferences, diffSymbols } from './row-diff.js';
import { expandedTokenText, ftsPrefixQuery } from './identifier-tokens.js';
import { migrateGraphSchema } from './sqlite-schema.js';
import type { SqliteConstructor, SqliteDatabase } from './sqlite-loader.js';
import type BetterSqlite3 from 'better-sqlite3';

interface SymbolRow {
  id: number; file_id: number; name: string; kind: string; container: string | null; signature: string;
  doc: string | null; exported: number; sl: number; sc: number; el: number; ec: number;
}
interface RefRow {
  id: number; file_id: number; name: string; kind: string; from_name: string | null; module: string | null;
  sl: number; sc: number; el: number; ec: number;
}
interface FileRow { id: number; path: string; hash: string; mtime: number; language: string; lines: number }

const SYMBOL_COLS = 's.id, s.file_id, s.name, s.kind, s.container, s.signature, s.doc, s.exported, s.sl, s.sc, s.el, s.ec';
const REF_SELECT = `SELECT r.id, r.file_id, n.name AS name, r.kind, fn.name AS from_name, r.module, r.sl, r.sc, r.el, r.ec
  FROM refs r JOIN names n ON n.id = r.name_id LEFT JOIN names fn ON fn.id = r.from_id`;
/** Upper bound for a prefix range scan: the largest code point sorts after any continuation. */
const MAX_CHAR = '\u{10FFFF}';

type Stmt = BetterSqlite3.Statement;

export class SqliteGraphStore implements GraphStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  /** The schema version the file had before this open migrated it (0 for a new file). */
  readonly migratedFrom: number;
  private readonly db: SqliteDatabase;
  private readonly log = new ChangeLog();
  private readonly fileById = new Map<number, FileMeta & { id: number }>();
  private readonly fileByPath = new Map<string, FileMeta & { id: number }>();
  private readonly nameIds = new Map<string, number>();
  private readonly s: Record<string, Stmt>;

  constructor(Database: SqliteConstructor, location: string) {
    this.location = location;
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('temp_store = MEMORY');
    this.migratedFrom = migrateGraphSchema(this.db, location);
    const p = (sql: string): Stmt => this.db.prepare(sql);
    this.s = {
      insertFile: p('INSERT INTO files(path, hash, mtime, language, lines) VALUES (?, ?, ?, ?, ?)'),
      updateFile: p('UPDATE files SET hash = ?, mtime = ?, language = ?, lines = ? WHERE id = ?'),
      deleteFile: p('DELETE FROM files WHERE id = ?'),
      symbolsOfFile: p(`SELECT ${SYMBOL_COLS} FROM symbols s WHERE s.file_id = ? ORDER BY s.sl, s.sc, s.id`),
      symbolIdsOfFile: p('SELECT id FROM symbols WHERE file_id = ?'),
      deleteSymbolsOfFile: p('DELETE FROM symbols WHERE file_id = ?'),
      insertSymbol: p(`INSERT INTO symbols(file_id, name, name_lower, kind, container, signature, doc, exported, sl, sc, el, ec)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      updateSymbol: p('UPDATE symbols SET doc = ?, exported = ?, sl = ?, sc = ?, el = ?, ec = ? WHERE id = ?'),
      deleteSymbol: p('DELETE FROM symbols WHERE id = ?'),
      insertFts: p('INSERT INTO symbols_fts(rowid, tokens, doc) VALUES (?, ?, ?)'),
      deleteFts: p('DELETE FROM symbols_fts WHERE rowid = ?'),
      symbolById: p(`SELECT ${SYMBOL_COLS} FROM symbols s WHERE s.id = ?`),
      symbolsByName: p(`SELECT ${SYMBOL_COLS} FROM symbols s WHERE s.name_lower = ? LIMIT ?`),
      symbolsByPrefix: p(`SELECT ${SYMBOL_COLS} FROM symbols s WHERE s.name_lower >= ? AND s.name_lower < ? ORDER BY s.name_lower LIMIT ?`),
      symbolsByFts: p(`SELECT ${SYMBOL_COLS} FROM symbols_fts f JOIN symbols s ON s.id = f.rowid WHERE symbols_fts MATCH ? LIMIT ?`),
      refsOfFile: p(`${REF_SELECT} WHERE r.file_id = ? ORDER BY r.sl, r.sc, r.id`),
      refsByName: p(`${REF_SELECT} WHERE r.name_id = ? LIMIT ?`),
      refsByNameKind: p(`${REF_SELECT} WHERE r.name_id = ? AND r.kind = ? LIMIT ?`),
      insertRef: p('INSERT INTO refs(file_id, name_id, kind, from_id, module, sl, sc, el, ec) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      updateRef: p('UPDATE refs SET sl = ?, sc = ?, el = ?, ec = ? WHERE id = ?'),
      deleteRef: p('DELETE FROM refs WHERE id = ?'),
      deleteRefsOfFile: p('DELETE FROM refs WHERE file_id = ?'),
      nameId: p('SELECT id FROM names WHERE name = ?'),
      insertName: p('INSERT INTO names(name) VALUES (?)'),
      countFiles: p('SELECT count(*) AS n FROM files'),
      countSymbols: p('SELECT count(*) AS n FROM symbols'),
      countRefs: p('SELECT count(*) AS n FROM refs'),
    };
    for (const r of this.db.prepare('SELECT id, path, hash, mtime, language, lines FROM files').all() as FileRow[]) {
      this.cacheFile(r);
    }
  }

  private cacheFile(r: FileRow): void {
    const meta = { id: r.id, path: r.path, hash: r.hash, mtimeMs: r.mtime, language: r.language as Language, lines: r.lines };
    this.fileById.set(r.id, meta);
    this.fileByPath.set(r.path, meta);
  }

  private toSymbol = (r: SymbolRow): StoredSymbol => ({
    id: r.id,
    file: this.fileById.get(r.file_id)?.path ?? '',
    name: r.name,
    kind: r.kind as SymbolKind,
    range: { startLine: r.sl, startCol: r.sc, endLine: r.el, endCol: r.ec },
    container: r.container,
    signature: r.signature,
    doc: r.doc,
    exported: r.exported === 1,
  });

  private toRef = (r: RefRow): StoredReference => {
    const ref: StoredReference = {
      id: r.id,
      file: this.fileById.get(r.file_id)?.path ?? '',
      name: r.name,
      kind: r.kind as ReferenceKind,
      range: { startLine: r.sl, startCol: r.sc, endLine: r.el, endCol: r.ec },
      fromSymbol: r.from_name,
    };
    if (r.module !== null) ref.module = r.module;
    return ref;
  };

  /** Interned name id; `create` false returns undefined for an unknown name. */
  private nameId(name: string, create: true): number;
  private nameId(name: string, create: false): number | undefined;
  private nameId(name: string, create: boolean): number | undefined {
    const hit = this.nameIds.get(name);
    if (hit !== undefined) return hit;
    const row = this.s.nameId!.get(name) as { id: number } | undefined;
    let id = row?.id;
    if (id === undefined && create) id = Number(this.s.insertName!.run(name).lastInsertRowid);
    if (id !== undefined) this.nameIds.set(name, id);
    return id;
  }

  getFile(path: string): FileMeta | undefined {
    const f = this.fileByPath.get(path);
    return f && { path: f.path, hash: f.hash, mtimeMs: f.mtimeMs, language: f.language, lines: f.lines };
  }

  listFiles(): FileMeta[] {
    return [...this.fileByPath.values()].map((f) => ({ path: f.path, hash: f.hash, mtimeMs: f.mtimeMs, language: f.language, lines: f.lines }));
  }

  upsertFile(file: ExtractedFile): UpsertStats {
    return this.transaction(() => {
      const existing = this.fileByPath.get(file.path);
      let fileId: number;
      let oldSymbols: StoredSymbol[] = [];
      let oldRefs: StoredReference[] = [];
      if (existing) {
        fileId = existing.id;
        this.s.updateFile!.run(file.hash, file.mtimeMs, file.language, file.lines, fileId);
        oldSymbols = (this.s.symbolsOfFile!.all(fileId) as SymbolRow[]).map(this.toSymbol);
        oldRefs = (this.s.refsOfFile!.all(fileId) as RefRow[]).map(this.toRef);
      } else {
        fileId = Number(this.s.insertFile!.run(file.path, file.hash, file.mtimeMs, file.language, file.lines).lastInsertRowid);
      }
      this.cacheFile({ id: fileId, path: file.path, hash: file.hash, mtime: file.mtimeMs, language: file.language, lines: file.lines });

      const sd = diffSymbols(oldSymbols, file.symbols);
      for (const o of sd.removed) {
        this.s.deleteSymbol!.run(o.id);
        this.s.deleteFts!.run(o.id);
      }
      for (const n of sd.added) {
        const r = n.range;
        const id = Number(this.s.insertSymbol!.run(fileId, n.name, n.name.toLowerCase(), n.kind, n.container, n.signature, n.doc,
          n.exported ? 1 : 0, r.startLine, r.startCol, r.endLine, r.endCol).lastInsertRowid);
        this.s.insertFts!.run(id, expandedTokenText(n.name), n.doc ?? '');
      }
      let moved = 0;
      for (const k of sd.kept) {
        if (!k.changed) continue;
        moved++;
        const r = k.next.range;
        this.s.updateSymbol!.run(k.next.doc, k.next.exported ? 1 : 0, r.startLine, r.startCol, r.endLine, r.endCol, k.old.id);
        if (k.old.doc !== k.next.doc) {
          this.s.deleteFts!.run(k.old.id);
          this.s.insertFts!.run(k.old.id, expandedTokenText(k.next.name), k.next.doc ?? '');
        }
      }

      const rd = diffReferences(oldRefs, file.references);
      for (const o of rd.removed) this.s.deleteRef!.run(o.id);
      for (const n of rd.added) {
        const r: SourceRange = n.range;
        this.s.insertRef!.run(fileId, this.nameId(n.name, true), n.kind, n.fromSymbol === null ? null : this.nameId(n.fromSymbol, true),
          n.module ?? null, r.startLine, r.startCol, r.endLine, r.endCol);
      }
      for (const k of rd.kept) {
        if (!k.changed) continue;
        moved++;
        const r = k.next.range;
        this.s.updateRef!.run(r.startLine, r.startCol, r.endLine, r.endCol, k.old.id);
      }

      const stats: UpsertStats = {
        symbolsAdded: sd.added.length,
        symbolsRemoved: sd.removed.length,
        symbolsKept: sd.kept.length,
        referencesAdded: rd.added.length,
        referencesRemoved: rd.removed.length,
      };
      if (!existing || moved > 0 || sd.added.length + sd.removed.length + rd.added.length + rd.removed.length > 0) {
        this.log.record(file.path);
      }
      return stats;
    });
  }

  removeFile(path: string): void {
    const f = this.fileByPath.get(path);
    if (!f) return;
    this.transaction(() => {
      for (const r of this.s.symbolIdsOfFile!.all(f.id) as Array<{ id: number }>) this.s.deleteFts!.run(r.id);
      this.s.deleteSymbolsOfFile!.run(f.id);
      this.s.deleteRefsOfFile!.run(f.id);
      this.s.deleteFile!.run(f.id);
    });
    this.fileByPath.delete(path);
    this.fileById.delete(f.id);
    this.log.record(path);
  }

  transaction<T>(fn: () => T): T {
    // better-sqlite3 turns a nested transaction into a savepoint of the outer one.
    return this.db.transaction(fn)();
  }

  symbolsInFile(path: string): StoredSymbol[] {
    const f = this.fileByPath.get(path);
    return f ? (this.s.symbolsOfFile!.all(f.id) as SymbolRow[]).map(this.toSymbol) : [];
  }

  referencesInFile(path: string): StoredReference[] {
    const f = this.fileByPath.get(path);
    return f ? (this.s.refsOfFile!.all(f.id) as RefRow[]).map(this.toRef) : [];
  }

  counts(): { files: number; symbols: number; references: number } {
    const n = (st: Stmt): number => (st.get() as { n: number }).n;
    return { files: n(this.s.countFiles!), symbols: n(this.s.countSymbols!), references: n(this.s.countRefs!) };
  }

  close(): void {
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }

  generation(): number {
    return this.log.generation();
  }

  changedSince(generation: number): string[] | null {
    return this.log.changedSince(generation);
  }

  getSymbol(id: number): StoredSymbol | undefined {
    const r = this.s.symbolById!.get(id) as SymbolRow | undefined;
    return r && this.toSymbol(r);
  }

  symbolsByName(name: string, limit: number): StoredSymbol[] {
    return (this.s.symbolsByName!.all(name.toLowerCase(), limit) as SymbolRow[]).map(this.toSymbol);
  }

  symbolsByPrefix(prefix: string, limit: number): StoredSymbol[] {
    const lo = prefix.toLowerCase();
    return (this.s.symbolsByPrefix!.all(lo, lo + MAX_CHAR, limit) as SymbolRow[]).map(this.toSymbol);
  }

  symbolsByTokens(tokens: string[], limit: number, includeDoc = false): StoredSymbol[] {
    const q = ftsPrefixQuery(tokens, includeDoc ? ['tokens', 'doc'] : ['tokens']);
    if (q === null) return [];
    return (this.s.symbolsByFts!.all(q, limit) as SymbolRow[]).map(this.toSymbol);
  }

  referencesByName(name: string, kind: ReferenceKind | null, limit: number): StoredReference[] {
    const id = this.nameId(name, false);
    if (id === undefined) return [];
    const rows = kind === null ? this.s.refsByName!.all(id, limit) : this.s.refsByNameKind!.all(id, kind, limit);
    return (rows as RefRow[]).map(this.toRef);
  }

  /** Flushes the WAL into the main file (for size measurements and before copying the file). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
