/**
 * GraphStore on better-sqlite3: WAL, synchronous=NORMAL, cached prepared statements, FTS5 over
 * name parts and doc comments, and upserts that diff rows instead of rewriting a file.
 * Constructed through openGraphStore(); never requires the native module itself.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ExtractedFile, ExtractedReference, Language, ReferenceKind, SymbolKind } from '../types.js';
import { FUZZY_SCAN, type FileMeta, type GraphStore, type StoredReference, type StoredSymbol, type SymbolCandidate, type UpsertStats } from './graph-store.js';
import { ChangeLog } from './change-log.js';
import { diffReferences, diffSymbols, storableSymbols, upsertChangedRows, upsertStats } from './row-diff.js';
import { expandedTokenText, nameKey } from './identifier-tokens.js';
import { REF_KIND_CODES, createSecondaryIndexes, dropSecondaryIndexes, migrateGraphSchema } from './sqlite-schema.js';
import type { SqliteConstructor, SqliteDatabase } from './sqlite-loader.js';

type Row = unknown[];
type FileEntry = FileMeta & { id: number };

const KIND_BY_CODE: Record<number, ReferenceKind> = { 1: 'call', 2: 'import', 3: 'type', 4: 'heritage' };
const SYMBOL_COLS = 's.id, s.file_id, s.name, s.kind, s.container, s.signature, s.doc, s.exported, s.sl, s.sc, s.el, s.ec';
const CANDIDATE_COLS = 's.id, s.name, s.kind, s.file_id, s.exported';
const REF_SELECT = `SELECT r.id, r.file_id, n.name, r.kind, fn.name, mn.name, r.sl, r.sc, r.el, r.ec
  FROM refs r JOIN names n ON n.id = r.name_id LEFT JOIN names fn ON fn.id = r.from_id LEFT JOIN names mn ON mn.id = r.module_id`;
/** Interned names kept in memory at most (the names table holds them all). */
const NAME_CACHE_CAP = 200_000;
/** Indexed words a trailing prefix token expands to at most. */
const PREFIX_TERMS = 24;
/** Upper bound for a prefix range scan: the largest code point sorts after any continuation. */
const MAX_CHAR = '\u{10FFFF}';
/**
 * References inserted per statement: one call binds this many rows, so the per-call cost (the
 * binding's argument marshalling, a statement step and reset) is paid once per group, not per
 * reference (references are most of the rows a cold index writes).
 */
const REF_GROUP = 32;
const REF_COLS = 'file_id, name_id, kind, from_id, module_id, sl, sc, el, ec';
const REF_PARAMS = 9;

type Stmt = BetterSqlite3.Statement;

export class SqliteGraphStore implements GraphStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  /** The schema version the file had before this open migrated it (0 for a new file). */
  readonly migratedFrom: number;
  private readonly db: SqliteDatabase;
  private readonly log = new ChangeLog();
  private readonly fileById = new Map<number, FileEntry>();
  private readonly fileByPath = new Map<string, FileEntry>();
  private readonly nameIds = new Map<string, number>();
  private readonly s: Record<string, Stmt>;
  private bulk = false;
  /**
   * During a bulk load into an empty names table, `nameIds` holds every row: a name it lacks is
   * new, so interning skips the SELECT (~40k of them on a 500k-line corpus).
   */
  private namesCached = false;

  constructor(Database: SqliteConstructor, location: string) {
    this.location = location;
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('temp_store = MEMORY');
    // A memory store may write on its own connection to the same file.
    this.db.pragma('busy_timeout = 2000');
    this.migratedFrom = migrateGraphSchema(this.db, location);
    const p = (sql: string, raw = false): Stmt => (raw ? this.db.prepare(sql).raw(true) : this.db.prepare(sql));
    this.s = {
      insertFile: p('INSERT INTO files(path, hash, mtime, language, lines) VALUES (?, ?, ?, ?, ?)'),
      updateFile: p('UPDATE files SET hash = ?, mtime = ?, language = ?, lines = ? WHERE id = ?'),
      touchFile: p('UPDATE files SET mtime = ? WHERE id = ?'),
      deleteFile: p('DELETE FROM files WHERE id = ?'),
      symbolsOfFile: p(`SELECT ${SYMBOL_COLS} FROM symbols s WHERE s.file_id = ? ORDER BY s.sl, s.sc, s.id`, true),
      deleteSymbolsOfFile: p('DELETE FROM symbols WHERE file_id = ?'),
      insertSymbol: p(`INSERT INTO symbols(file_id, name, name_key, kind, container, signature, doc, exported, sl, sc, el, ec)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      updateSymbol: p('UPDATE symbols SET doc = ?, exported = ?, sl = ?, sc = ?, el = ?, ec = ? WHERE id = ?'),
      deleteSymbol: p('DELETE FROM symbols WHERE id = ?'),
      insertTokens: p('INSERT INTO symbols_fts(rowid, tokens) VALUES (?, ?)'),
      deleteTokens: p("INSERT INTO symbols_fts(symbols_fts, rowid, tokens) VALUES ('delete', ?, ?)"),
      insertDoc: p('INSERT INTO docs_fts(rowid, doc) VALUES (?, ?)'),
      deleteDoc: p("INSERT INTO docs_fts(docs_fts, rowid, doc) VALUES ('delete', ?, ?)"),
      symbolById: p(`SELECT ${SYMBOL_COLS} FROM symbols s WHERE s.id = ?`, true),
      symbolsByKey: p(`SELECT ${SYMBOL_COLS} FROM symbols s WHERE s.name_key = ? LIMIT ?`, true),
      symbolsByPrefix: p(`SELECT ${SYMBOL_COLS} FROM symbols s WHERE s.name_key >= ? AND s.name_key < ? ORDER BY s.name_key LIMIT ?`, true),
      symbolsByTokens: p(`SELECT ${SYMBOL_COLS} FROM symbols_fts f JOIN symbols s ON s.id = f.rowid WHERE symbols_fts MATCH ? LIMIT ?`, true),
      symbolsByDoc: p(`SELECT ${SYMBOL_COLS} FROM docs_fts f JOIN symbols s ON s.id = f.rowid WHERE docs_fts MATCH ? LIMIT ?`, true),
      candByKey: p(`SELECT ${CANDIDATE_COLS} FROM symbols s WHERE s.name_key = ? LIMIT ?`, true),
      candByPrefix: p(`SELECT ${CANDIDATE_COLS} FROM symbols s WHERE s.name_key >= ? AND s.name_key < ? ORDER BY s.name_key LIMIT ?`, true),
      candByTokens: p(`SELECT ${CANDIDATE_COLS} FROM symbols_fts f JOIN symbols s ON s.id = f.rowid WHERE symbols_fts MATCH ? LIMIT ?`, true),
      candByDoc: p(`SELECT ${CANDIDATE_COLS} FROM docs_fts f JOIN symbols s ON s.id = f.rowid WHERE docs_fts MATCH ? LIMIT ?`, true),
      // GLOB runs inside SQLite over the index range: no key is shipped to JavaScript unless it matches.
      // The inner LIMIT bounds how much of the index range is scanned, whatever the repository size.
      fuzzyKeys: p(`SELECT DISTINCT k FROM (SELECT name_key AS k FROM symbols WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ${FUZZY_SCAN})
        WHERE k GLOB ? LIMIT ?`).pluck(true),
      allSymbols: p(`SELECT ${SYMBOL_COLS} FROM symbols s ORDER BY s.file_id, s.sl, s.sc, s.id`, true),
      allRefNames: p('SELECT r.file_id, n.name, r.kind FROM refs r JOIN names n ON n.id = r.name_id', true),
      refsOfFile: p(`${REF_SELECT} WHERE r.file_id = ? ORDER BY r.sl, r.sc, r.id`, true),
      refsByName: p(`${REF_SELECT} WHERE r.name_id = ? LIMIT ?`, true),
      refsByNameKind: p(`${REF_SELECT} WHERE r.name_id = ? AND r.kind = ? LIMIT ?`, true),
      insertRef: p(`INSERT INTO refs(${REF_COLS}) VALUES (${Array(REF_PARAMS).fill('?').join(', ')})`),
      insertRefGroup: p(`INSERT INTO refs(${REF_COLS}) VALUES ${Array(REF_GROUP).fill(`(${Array(REF_PARAMS).fill('?').join(', ')})`).join(', ')}`),
      updateRef: p('UPDATE refs SET sl = ?, sc = ?, el = ?, ec = ? WHERE id = ?'),
      deleteRef: p('DELETE FROM refs WHERE id = ?'),
      deleteRefsOfFile: p('DELETE FROM refs WHERE file_id = ?'),
      symbolTerms: p(`SELECT term FROM symbols_vocab WHERE term >= ? AND term < ? LIMIT ${PREFIX_TERMS}`).pluck(true),
      docTerms: p(`SELECT term FROM docs_vocab WHERE term >= ? AND term < ? LIMIT ${PREFIX_TERMS}`).pluck(true),
      nameId: p('SELECT id FROM names WHERE name = ?').pluck(true),
      insertName: p('INSERT INTO names(name) VALUES (?)'),
      countFiles: p('SELECT count(*) FROM files').pluck(true),
      countSymbols: p('SELECT count(*) FROM symbols').pluck(true),
      countRefs: p('SELECT count(*) FROM refs').pluck(true),
    };
    for (const r of this.db.prepare('SELECT id, path, hash, mtime, language, lines FROM files').raw(true).all() as Row[]) {
      this.cacheFile({ id: r[0] as number, path: r[1] as string, hash: r[2] as string, mtimeMs: r[3] as number, language: r[4] as Language, lines: r[5] as number });
    }
  }

  private cacheFile(f: FileEntry): void {
    this.fileById.set(f.id, f);
    this.fileByPath.set(f.path, f);
  }

  private pathOf(fileId: number): string {
    return this.fileById.get(fileId)?.path ?? '';
  }

  private toSymbol = (r: Row): StoredSymbol => ({
    id: r[0] as number,
    file: this.pathOf(r[1] as number),
    name: r[2] as string,
    kind: r[3] as SymbolKind,
    range: { startLine: r[8] as number, startCol: r[9] as number, endLine: r[10] as number, endCol: r[11] as number },
    container: r[4] as string | null,
    signature: r[5] as string,
    doc: r[6] as string | null,
    exported: r[7] === 1,
  });

  private toCandidate = (r: Row): SymbolCandidate => ({
    id: r[0] as number,
    name: r[1] as string,
    kind: r[2] as SymbolKind,
    file: this.pathOf(r[3] as number),
    exported: r[4] === 1,
  });

  private toRef = (r: Row): StoredReference => {
    const ref: StoredReference = {
      id: r[0] as number,
      file: this.pathOf(r[1] as number),
      name: r[2] as string,
      kind: KIND_BY_CODE[r[3] as number] ?? 'call',
      range: { startLine: r[6] as number, startCol: r[7] as number, endLine: r[8] as number, endCol: r[9] as number },
      fromSymbol: r[4] as string | null,
    };
    if (r[5] !== null) ref.module = r[5] as string;
    return ref;
  };

  /** Interned name id (names, callers and module specifiers share one table). */
  private internName(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined && !this.namesCached) id = this.s.nameId!.get(name) as number | undefined;
    if (id === undefined) id = this.namesCached ? this.insertNewName(name) : Number(this.s.insertName!.run(name).lastInsertRowid);
    this.cacheName(name, id);
    return id;
  }

  /** Inserts a name the cache says is new; another writer may have added it meanwhile. */
  private insertNewName(name: string): number {
    try {
      return Number(this.s.insertName!.run(name).lastInsertRowid);
    } catch (err) {
      const existing = this.s.nameId!.get(name) as number | undefined;
      if (existing === undefined) throw err;
      this.namesCached = false;
      return existing;
    }
  }

  private lookupName(name: string): number | undefined {
    const id = this.nameIds.get(name) ?? (this.s.nameId!.get(name) as number | undefined);
    if (id !== undefined) this.cacheName(name, id);
    return id;
  }

  /**
   * Typing makes a new name per keystroke (`p`, `pa`, `par`…), so over a long session the cache
   * would only grow: past its cap it starts again (the table answers what it no longer holds).
   */
  private cacheName(name: string, id: number): void {
    if (this.nameIds.size >= NAME_CACHE_CAP && !this.nameIds.has(name)) {
      this.nameIds.clear();
      this.namesCached = false;
    }
    this.nameIds.set(name, id);
  }

  /** Drops interned names no reference uses any more (left behind by edits); returns how many. */
  pruneNames(): number {
    const removed = this.db
      .prepare(`DELETE FROM names WHERE id NOT IN (SELECT name_id FROM refs)
        AND id NOT IN (SELECT from_id FROM refs WHERE from_id IS NOT NULL)
        AND id NOT IN (SELECT module_id FROM refs WHERE module_id IS NOT NULL)`)
      .run().changes;
    if (removed > 0) {
      this.nameIds.clear();
      this.namesCached = false;
    }
    return removed;
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
        oldSymbols = (this.s.symbolsOfFile!.all(fileId) as Row[]).map(this.toSymbol);
        oldRefs = (this.s.refsOfFile!.all(fileId) as Row[]).map(this.toRef);
      } else {
        fileId = Number(this.s.insertFile!.run(file.path, file.hash, file.mtimeMs, file.language, file.lines).lastInsertRowid);
      }
      this.cacheFile({ id: fileId, path: file.path, hash: file.hash, mtimeMs: file.mtimeMs, language: file.language, lines: file.lines });

      // a new file has nothing to diff against: every row is added
      const fresh = storableSymbols(file);
      const sd = existing ? diffSymbols(oldSymbols, fresh) : { added: fresh, removed: [], kept: [] };
      for (const o of sd.removed) {
        this.s.deleteSymbol!.run(o.id);
        this.s.deleteTokens!.run(o.id, expandedTokenText(o.name));
        if (o.doc) this.s.deleteDoc!.run(o.id, o.doc);
      }
      for (const n of sd.added) {
        const r = n.range;
        const id = Number(this.s.insertSymbol!.run(fileId, n.name, nameKey(n.name), n.kind, n.container, n.signature, n.doc,
          n.exported ? 1 : 0, r.startLine, r.startCol, r.endLine, r.endCol).lastInsertRowid);
        this.s.insertTokens!.run(id, expandedTokenText(n.name));
        if (n.doc) this.s.insertDoc!.run(id, n.doc);
      }
      let moved = 0;
      for (const k of sd.kept) {
        if (!k.changed) continue;
        moved++;
        const r = k.next.range;
        this.s.updateSymbol!.run(k.next.doc, k.next.exported ? 1 : 0, r.startLine, r.startCol, r.endLine, r.endCol, k.old.id);
        if (k.old.doc !== k.next.doc) {
          if (k.old.doc) this.s.deleteDoc!.run(k.old.id, k.old.doc);
          if (k.next.doc) this.s.insertDoc!.run(k.old.id, k.next.doc);
        }
      }

      const rd = existing ? diffReferences(oldRefs, file.references) : { added: file.references, removed: [], kept: [] };
      for (const o of rd.removed) this.s.deleteRef!.run(o.id);
      this.insertReferences(fileId, rd.added);
      for (const k of rd.kept) {
        if (!k.changed) continue;
        moved++;
        const r = k.next.range;
        this.s.updateRef!.run(r.startLine, r.startCol, r.endLine, r.endCol, k.old.id);
      }

      if (upsertChangedRows(!existing, moved, sd, rd)) this.log.record(file.path);
      return upsertStats(sd, rd);
    });
  }

  /** Inserts rows for `refs` of file `fileId`, REF_GROUP rows per statement while enough remain. */
  private insertReferences(fileId: number, refs: readonly ExtractedReference[]): void {
    // most keystrokes add no reference: no parameter array for them
    if (refs.length === 0) return;
    const params = new Array<number | null>(REF_GROUP * REF_PARAMS);
    let at = 0;
    for (const n of refs) {
      const r = n.range;
      params[at++] = fileId;
      params[at++] = this.internName(n.name);
      params[at++] = REF_KIND_CODES[n.kind];
      params[at++] = n.fromSymbol === null ? null : this.internName(n.fromSymbol);
      params[at++] = n.module === undefined ? null : this.internName(n.module);
      params[at++] = r.startLine;
      params[at++] = r.startCol;
      params[at++] = r.endLine;
      params[at++] = r.endCol;
      if (at === params.length) {
        this.s.insertRefGroup!.run(params);
        at = 0;
      }
    }
    for (let i = 0; i < at; i += REF_PARAMS) this.s.insertRef!.run(params.slice(i, i + REF_PARAMS));
  }

  touchFile(path: string, mtimeMs: number): void {
    const f = this.fileByPath.get(path);
    if (!f) return;
    this.s.touchFile!.run(mtimeMs, f.id);
    f.mtimeMs = mtimeMs;
  }

  removeFile(path: string): void {
    const f = this.fileByPath.get(path);
    if (!f) return;
    this.transaction(() => {
      for (const s of (this.s.symbolsOfFile!.all(f.id) as Row[]).map(this.toSymbol)) {
        this.s.deleteTokens!.run(s.id, expandedTokenText(s.name));
        if (s.doc) this.s.deleteDoc!.run(s.id, s.doc);
      }
      this.s.deleteSymbolsOfFile!.run(f.id);
      this.s.deleteRefsOfFile!.run(f.id);
      this.s.deleteFile!.run(f.id);
    });
    this.fileByPath.delete(path);
    this.fileById.delete(f.id);
    this.log.record(path);
  }

  beginBulkLoad(): void {
    if (this.bulk || this.fileByPath.size > 0) return; // only an empty store: indexes of existing rows stay
    dropSecondaryIndexes(this.db);
    this.bulk = true;
    this.namesCached = this.db.prepare('SELECT 1 FROM names LIMIT 1').get() === undefined;
  }

  endBulkLoad(): void {
    if (!this.bulk) return;
    this.bulk = false;
    // outside a load other connections may intern names too: ask the table again
    this.namesCached = false;
    createSecondaryIndexes(this.db);
  }

  transaction<T>(fn: () => T): T {
    // better-sqlite3 turns a nested transaction into a savepoint of the outer one.
    return this.db.transaction(fn)();
  }

  symbolsInFile(path: string): StoredSymbol[] {
    const f = this.fileByPath.get(path);
    return f ? (this.s.symbolsOfFile!.all(f.id) as Row[]).map(this.toSymbol) : [];
  }

  referencesInFile(path: string): StoredReference[] {
    const f = this.fileByPath.get(path);
    return f ? (this.s.refsOfFile!.all(f.id) as Row[]).map(this.toRef) : [];
  }

  counts(): { files: number; symbols: number; references: number } {
    return {
      files: this.s.countFiles!.get() as number,
      symbols: this.s.countSymbols!.get() as number,
      references: this.s.countRefs!.get() as number,
    };
  }

  close(): void {
    if (!this.db.open) return;
    this.endBulkLoad();
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
    const r = this.s.symbolById!.get(id) as Row | undefined;
    return r && this.toSymbol(r);
  }

  symbolsByName(name: string, limit: number): StoredSymbol[] {
    return (this.s.symbolsByKey!.all(nameKey(name), limit) as Row[]).map(this.toSymbol);
  }

  symbolsByPrefix(prefix: string, limit: number): StoredSymbol[] {
    const lo = nameKey(prefix);
    return (this.s.symbolsByPrefix!.all(lo, lo + MAX_CHAR, limit) as Row[]).map(this.toSymbol);
  }

  /**
   * Every token a whole word except the last, which is expanded to the indexed words it prefixes
   * (at most PREFIX_TERMS) and OR-ed: `filter store opt` → "filter" AND "store" AND ("opt" OR "option").
   */
  private matchQuery(tokens: string[], doc: boolean): string | null {
    const safe = tokens.map((t) => t.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length > 0);
    if (safe.length === 0) return null;
    const last = safe[safe.length - 1]!;
    const terms = (doc ? this.s.docTerms! : this.s.symbolTerms!).all(last, last + MAX_CHAR) as string[];
    if (terms.length === 0) return null;
    const tail = terms.length === 1 ? `"${terms[0]}"` : `(${terms.map((t) => `"${t}"`).join(' OR ')})`;
    return [...safe.slice(0, -1).map((t) => `"${t}"`), tail].join(' AND ');
  }

  symbolsByTokens(tokens: string[], limit: number, includeDoc = false): StoredSymbol[] {
    const q = this.matchQuery(tokens, includeDoc);
    if (q === null) return [];
    return ((includeDoc ? this.s.symbolsByDoc! : this.s.symbolsByTokens!).all(q, limit) as Row[]).map(this.toSymbol);
  }

  nameCandidates(name: string, limit: number): SymbolCandidate[] {
    return (this.s.candByKey!.all(nameKey(name), limit) as Row[]).map(this.toCandidate);
  }

  prefixCandidates(prefix: string, limit: number): SymbolCandidate[] {
    const lo = nameKey(prefix);
    return (this.s.candByPrefix!.all(lo, lo + MAX_CHAR, limit) as Row[]).map(this.toCandidate);
  }

  tokenCandidates(tokens: string[], limit: number, includeDoc = false): SymbolCandidate[] {
    const q = this.matchQuery(tokens, includeDoc);
    if (q === null) return [];
    return ((includeDoc ? this.s.candByDoc! : this.s.candByTokens!).all(q, limit) as Row[]).map(this.toCandidate);
  }

  fuzzyNameKeys(key: string, limit: number): string[] {
    const k = nameKey(key);
    if (k === '') return [];
    const first = [...k].slice(0, 2).join('');
    const pattern = [...k].map((c) => (/[*?[\]]/.test(c) ? `[${c}]` : c)).join('*') + '*';
    return this.s.fuzzyKeys!.all(first, first + MAX_CHAR, pattern, limit) as string[];
  }

  allSymbols(): StoredSymbol[] {
    return (this.s.allSymbols!.all() as Row[]).map(this.toSymbol);
  }

  allReferenceNames(): Array<{ file: string; name: string; kind: ReferenceKind }> {
    return (this.s.allRefNames!.all() as Row[]).map((r) => ({ file: this.pathOf(r[0] as number), name: r[1] as string, kind: KIND_BY_CODE[r[2] as number] ?? 'call' }));
  }

  referencesByName(name: string, kind: ReferenceKind | null, limit: number): StoredReference[] {
    const id = this.lookupName(name);
    if (id === undefined) return [];
    const rows = kind === null ? this.s.refsByName!.all(id, limit) : this.s.refsByNameKind!.all(id, REF_KIND_CODES[kind], limit);
    return (rows as Row[]).map(this.toRef);
  }

  /** Flushes the WAL into the main file (for size measurements and before copying the file). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
