/**
 * The storage contract between the indexer (which extracts) and the queries (which read).
 * Two implementations keep it: SQLite + FTS5 (better-sqlite3) and a JSON fallback used when the
 * native module cannot load. No tree-sitter here.
 */
import type { ExtractedFile, ExtractedSymbol, ExtractedReference, Language, ReferenceKind } from '../types.js';

export interface FileMeta {
  path: string;
  hash: string;
  mtimeMs: number;
  language: Language;
  lines: number;
}

export interface StoredSymbol extends ExtractedSymbol {
  id: number;
  file: string;
}

export interface StoredReference extends ExtractedReference {
  id: number;
  file: string;
}

/** Index entries (in key order from the two-letter prefix) a fuzzyNameKeys lookup scans at most. */
export const FUZZY_SCAN = 3000;

/** A symbol without its text fields: enough to rank, cheap to read in bulk. */
export interface SymbolCandidate {
  id: number;
  name: string;
  kind: ExtractedSymbol['kind'];
  file: string;
  exported: boolean;
}

export interface UpsertStats {
  symbolsAdded: number;
  symbolsRemoved: number;
  symbolsKept: number;
  referencesAdded: number;
  referencesRemoved: number;
}

export interface GraphStore {
  /** 'sqlite' or 'json' — `smallcode doctor` reports which one is in use and why. */
  readonly kind: 'sqlite' | 'json';
  readonly location: string;

  getFile(path: string): FileMeta | undefined;
  listFiles(): FileMeta[];
  /** Replaces a file's rows by diffing against what is stored (unchanged rows are kept, not rewritten). */
  upsertFile(file: ExtractedFile): UpsertStats;
  removeFile(path: string): void;
  /**
   * Records a new mtime for a file whose content hash did not change (a `touch`, a checkout), so the
   * next start takes the mtime fast path without re-parsing. Optional: without it the indexer re-extracts.
   */
  touchFile?(path: string, mtimeMs: number): void;
  /**
   * Bulk loading into an empty store (the first index of a workspace): secondary indexes are built
   * once at the end instead of row by row. Optional; reads stay correct in between, only slower.
   * endBulkLoad must follow (a crash in between is repaired on the next open).
   */
  beginBulkLoad?(): void;
  endBulkLoad?(): void;
  /**
   * Drops stored strings that no row refers to any more (edits leave interned names behind); the
   * indexer calls it after a workspace index. Optional; returns how many went.
   */
  pruneNames?(): number;
  /** Runs fn atomically; nested calls join the outer transaction. */
  transaction<T>(fn: () => T): T;

  symbolsInFile(path: string): StoredSymbol[];
  referencesInFile(path: string): StoredReference[];
  counts(): { files: number; symbols: number; references: number };
  close(): void;

  // --- Read side for the queries (search, explain, repo map). Additive; the indexer need not call these.

  /** A counter that grows on every write that changed rows; caches key on it. */
  generation(): number;
  /**
   * Paths written or removed after `generation` (as returned by generation()), or null when the
   * change log no longer reaches that far back (the caller then reloads everything).
   */
  changedSince(generation: number): string[] | null;
  getSymbol(id: number): StoredSymbol | undefined;
  /** Name-key match (lowercase, separators dropped: `parse_user` ≡ `parseUser`), at most `limit` rows. */
  symbolsByName(name: string, limit: number): StoredSymbol[];
  /** Name-key prefix match in key order, at most `limit` rows (a bounded range scan). */
  symbolsByPrefix(prefix: string, limit: number): StoredSymbol[];
  /**
   * Symbols whose name parts (camelCase / snake_case / acronym split) contain every given
   * lowercase token, the last one as a prefix; with `includeDoc`, doc-comment words instead.
   * Unranked, at most `limit` rows.
   */
  symbolsByTokens(tokens: string[], limit: number, includeDoc?: boolean): StoredSymbol[];
  /** The same three lookups returning light rows, for ranking many candidates cheaply. */
  nameCandidates(name: string, limit: number): SymbolCandidate[];
  prefixCandidates(prefix: string, limit: number): SymbolCandidate[];
  tokenCandidates(tokens: string[], limit: number, includeDoc?: boolean): SymbolCandidate[];
  /**
   * Distinct name keys that start with the key's first two characters and contain the whole key
   * as a subsequence (`crtusr` → `createuser`), in key order, at most `limit`: the fuzzy pool.
   * Two leading characters keep the scan to a small index range (abbreviations keep them), and the
   * scan stops after a fixed number of index entries.
   */
  fuzzyNameKeys(key: string, limit: number): string[];
  /** Every symbol and every reference's (file, name, kind): one pass to build in-memory graphs. */
  allSymbols(): StoredSymbol[];
  allReferenceNames(): Array<{ file: string; name: string; kind: ReferenceKind }>;
  /** References to a name (case-sensitive), optionally of one kind, at most `limit` rows. */
  referencesByName(name: string, kind: ReferenceKind | null, limit: number): StoredReference[];
}
