/**
 * Options of the workspace indexer and their defaults (exclude list, size limit, worker count,
 * batching). Plain data; no I/O.
 */

/** gitignore-syntax patterns skipped on top of .gitignore files. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  'node_modules/',
  'dist/',
  'build/',
  '.git/',
  '.smallcode/',
  'vendor/',
  'target/',
  '__pycache__/',
  '*.min.js',
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
];

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** (files done, files to do, what is happening) — the LSP layer turns it into `$/progress`. */
export type ProgressCallback = (done: number, total: number, message: string) => void;

export interface IndexOptions {
  /** Extra gitignore-syntax patterns; replaces nothing (see `replaceDefaultExcludes`). */
  exclude?: readonly string[];
  /** Use only `exclude`, not DEFAULT_EXCLUDES. */
  replaceDefaultExcludes?: boolean;
  /** Honour .gitignore files (root and nested). Default true. */
  gitignore?: boolean;
  /** Files larger than this are skipped. Default 1 MiB. */
  maxFileBytes?: number;
  /** Parse workers; 0 parses on the calling thread. Default min(2, cores). */
  workers?: number;
  /** Files per store transaction. Default 100. */
  batchSize?: number;
  onProgress?: ProgressCallback;
  /** Re-parse even when the stored mtime/hash says a file is unchanged. */
  force?: boolean;
  /**
   * Parse with the native extractor when it is built (default true): `workers` then counts its
   * parse threads, and no worker isolates start. False keeps the Node binding and worker threads.
   */
  native?: boolean;
}

export interface ResolvedIndexOptions {
  exclude: readonly string[];
  gitignore: boolean;
  maxFileBytes: number;
  workers: number;
  batchSize: number;
  onProgress: ProgressCallback | undefined;
  force: boolean;
  native: boolean;
}

export function resolveIndexOptions(o: IndexOptions, cores: number): ResolvedIndexOptions {
  return {
    exclude: o.replaceDefaultExcludes ? [...(o.exclude ?? [])] : [...DEFAULT_EXCLUDES, ...(o.exclude ?? [])],
    gitignore: o.gitignore ?? true,
    maxFileBytes: o.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    workers: Math.max(0, Math.floor(o.workers ?? Math.min(2, cores))),
    batchSize: Math.max(1, o.batchSize ?? 100),
    onProgress: o.onProgress,
    force: o.force ?? false,
    native: o.native ?? true,
  };
}
