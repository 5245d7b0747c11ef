/**
 * The storage contract between the indexer (which extracts) and the queries (which read).
 * Two implementations keep it: SQLite + FTS5 (better-sqlite3) and a JSON fallback used when the
 * native module cannot load. No tree-sitter here.
 */
import type { ExtractedFile, ExtractedSymbol, ExtractedReference, Language } from '../types.js';

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
  /** Runs fn atomically; nested calls join the outer transaction. */
  transaction<T>(fn: () => T): T;

  symbolsInFile(path: string): StoredSymbol[];
  referencesInFile(path: string): StoredReference[];
  counts(): { files: number; symbols: number; references: number };
  close(): void;
}
