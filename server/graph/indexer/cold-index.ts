/**
 * The cold (and warm-restart) index of a workspace: walk, skip files whose stored mtime/hash says
 * they are unchanged, parse the rest on the worker pool (or this thread), and write results in
 * batched store transactions from this thread, yielding to the event loop between batches so
 * tree-sitter Trees are freed. Does not watch files or keep trees.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import { SmallCodeError, errorMessage } from '../../core/errors.js';
import type { GraphStore } from '../store/graph-store.js';
import { extractSource, startNativeExtract } from '../extract/extract-file.js';
import type { ExtractResult } from '../extract/extract-symbols.js';
import { nativeGraphStatus, setNativeParseThreads } from '../extract/native-captures.js';
import { parsedResult, readFileJob, runFileJob, type FileJob, type FileJobResult } from './file-job.js';
import { resolveIndexOptions, type IndexOptions, type ResolvedIndexOptions } from './index-options.js';
import { ParsePool } from './parse-pool.js';
import { collectDeadTrees, TreeBudget } from './tree-gc.js';
import { walkWorkspace } from './workspace-walk.js';

export interface IndexSummary {
  /** Source files found in the workspace (after ignore rules and size limit). */
  files: number;
  /** Files parsed and written in this run. */
  parsed: number;
  /** Files left out (binary, generated, minified, too large, unreadable). */
  skipped: number;
  /** Files not re-parsed because their mtime or content hash matched the store. */
  unchanged: number;
  /** Files dropped from the store because they disappeared or are now excluded. */
  removed: number;
  /** Totals in the store after the run. */
  symbols: number;
  references: number;
  elapsedMs: number;
  /** Parse workers (or native parse threads) actually used (0 = this thread). */
  workers: number;
  /** Which parser ran: the native extractor, or the Node binding (with worker threads). */
  engine: 'native' | 'binding';
  skippedFiles: Array<{ path: string; reason: string }>;
}

export interface IndexRunOptions extends IndexOptions {
  /** Reuse a pool (GraphIndexer keeps one); otherwise one is made for this run and disposed. */
  pool?: ParsePool | null;
  signal?: AbortSignal;
}

/** Files per worker message: enough to amortise messaging, small enough to balance the two cores. */
const CHUNK_FILES = 8;
const CHUNK_BYTES = 256 * 1024;
/** Native parses queued per parse thread: enough that the threads keep going while this thread writes a batch. */
const NATIVE_IN_FLIGHT_PER_THREAD = 8;
/**
 * Files per store transaction on the native path: the parse threads only wait while a transaction
 * holds this thread, so short ones keep them busy (commits are cheap in WAL mode).
 */
const NATIVE_BATCH_FILES = 16;
/** Files parsed on this thread between event-loop turns (cancellation, other requests). */
const INLINE_YIELD_EVERY = 32;
/** Source parsed on this thread between young / full collections of dead Trees (the Tree memory trap). */
const INLINE_MINOR_BYTES = 512 * 1024;
const INLINE_MAJOR_BYTES = 2 * 1024 * 1024;

export async function indexWorkspace(root: string, store: GraphStore, options: IndexRunOptions = {}): Promise<IndexSummary> {
  const started = performance.now();
  const opts = resolveIndexOptions(options, availableParallelism());
  const walk = walkWorkspace(root, opts);
  const known = new Map(store.listFiles().map((f) => [f.path, f]));
  const seen = new Set<string>();
  const jobs: FileJob[] = [];
  let unchanged = 0;
  for (const f of walk.files) {
    seen.add(f.path);
    const k = known.get(f.path);
    if (!opts.force && k && k.mtimeMs === f.mtimeMs) {
      unchanged++;
      continue;
    }
    const job: FileJob = { path: f.path, absPath: f.absPath, language: f.language, mtimeMs: f.mtimeMs, knownHash: opts.force ? null : (k?.hash ?? null), size: f.size };
    if (!opts.native) job.engine = 'binding';
    jobs.push(job);
  }
  const gone = [...known.keys()].filter((p) => !seen.has(p));

  const summary: IndexSummary = {
    files: walk.files.length,
    parsed: 0,
    skipped: walk.skipped.length,
    unchanged,
    removed: 0,
    symbols: 0,
    references: 0,
    elapsedMs: 0,
    workers: 0,
    engine: 'binding',
    skippedFiles: [...walk.skipped],
  };
  const native = usesNativeEngine(opts);
  const writer = new BatchWriter(store, known, summary, opts, jobs.length, native ? Math.min(opts.batchSize, NATIVE_BATCH_FILES) : opts.batchSize);
  if (gone.length) {
    store.transaction(() => {
      for (const p of gone) store.removeFile(p);
    });
    summary.removed += gone.length;
  }

  opts.onProgress?.(0, jobs.length, `indexing ${jobs.length} files`);
  let pool = native ? null : (options.pool ?? null);
  let ownPool = false;
  if (!native && !pool && opts.workers > 0 && jobs.length > CHUNK_FILES) {
    try {
      pool = new ParsePool(opts.workers);
      ownPool = true;
    } catch (err) {
      // no compiled worker script: parse here instead (slower, same result)
      summary.skippedFiles.push({ path: '.', reason: `parse workers unavailable, parsing on the main thread: ${errorMessage(err)}` });
    }
  }
  const bulk = known.size === 0 && jobs.length > 0 && store.beginBulkLoad !== undefined;
  if (bulk) store.beginBulkLoad!();
  // Once the last file is handed to the parsers, the secondary indexes are built while they finish
  // the files still in flight, instead of after them on an otherwise idle machine; those last files
  // are then written with the indexes in place.
  const endBulkEarly = bulk
    ? (): void => {
        writer.flush();
        store.endBulkLoad!();
      }
    : undefined;
  try {
    if (native) {
      summary.engine = 'native';
      summary.workers = opts.workers > 0 ? setNativeParseThreads(opts.workers) : 0;
      if (summary.workers > 0) await runNativeThreads(jobs, writer, options.signal, summary.workers * NATIVE_IN_FLIGHT_PER_THREAD, endBulkEarly);
      else await runInline(jobs, writer, options.signal, false);
    } else if (pool) {
      const crash = await runOnPool(pool, chunk(jobs), writer, options.signal, endBulkEarly);
      summary.workers = pool.live();
      if (crash) summary.skippedFiles.push({ path: '.', reason: `a parse worker failed (${crash}); its files were parsed on the main thread` });
    } else {
      await runInline(jobs, writer, options.signal, true);
    }
    writer.flush();
  } finally {
    if (bulk) store.endBulkLoad!();
    if (ownPool && pool) await pool.dispose();
  }
  // names left behind by edits since the last run (each keystroke in an identifier interns one)
  if (!bulk && summary.parsed + summary.removed > 0) store.pruneNames?.();
  const counts = store.counts();
  summary.symbols = counts.symbols;
  summary.references = counts.references;
  summary.elapsedMs = performance.now() - started;
  opts.onProgress?.(jobs.length, jobs.length, `indexed ${summary.parsed} files`);
  return summary;
}

function chunk(jobs: FileJob[]): FileJob[][] {
  const out: FileJob[][] = [];
  let cur: FileJob[] = [];
  let bytes = 0;
  for (const j of jobs) {
    cur.push(j);
    bytes += j.size;
    if (cur.length >= CHUNK_FILES || bytes >= CHUNK_BYTES) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SmallCodeError('TaskCancelled', 'indexing was cancelled');
}

/** `collectTrees`: the binding's Trees wait for a collection; the native extractor frees its own. */
async function runInline(jobs: FileJob[], writer: BatchWriter, signal: AbortSignal | undefined, collectTrees: boolean): Promise<void> {
  const trees = new TreeBudget(INLINE_MINOR_BYTES, INLINE_MAJOR_BYTES);
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    writer.add(runFileJob(job));
    const collect = collectTrees ? trees.add(job.size) : 'none';
    if (collect !== 'none') collectDeadTrees(collect);
    if (collect !== 'none' || (i + 1) % INLINE_YIELD_EVERY === 0) {
      checkAborted(signal);
      await yieldTurn();
    }
  }
}

/** Whether a run with these options parses with the native extractor (it is asked for and built). */
export function usesNativeEngine(opts: { native?: boolean }): boolean {
  return opts.native !== false && nativeGraphStatus().available;
}

/**
 * Keeps up to `window` items in flight. `start` begins one and returns a promise, or a value when it
 * finished at once; `finish` handles each outcome on this thread, after the window has been refilled
 * so the parsers keep working meanwhile. The first error `finish` throws (cancellation included)
 * stops launching and is rethrown; outcomes arriving after it are dropped. `onLaunchedAll` runs
 * once, on this thread, as soon as the last item has started (the parsers are still busy then).
 */
async function runWindowed<T, R>(
  items: readonly T[],
  window: number,
  signal: AbortSignal | undefined,
  start: (item: T) => Promise<R> | R,
  finish: (item: T, outcome: PromiseSettledResult<R>) => void,
  onLaunchedAll?: () => void,
): Promise<void> {
  let next = 0;
  let active = 0;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const handle = (item: T, outcome: PromiseSettledResult<R>): void => {
    try {
      checkAborted(signal);
      finish(item, outcome);
    } catch (error) {
      failure ??= { error };
    }
  };
  const launch = (): void => {
    while (!failure && active < window && next < items.length) {
      const item = items[next++]!;
      const started = start(item);
      if (!(started instanceof Promise)) {
        handle(item, { status: 'fulfilled', value: started });
        continue;
      }
      active++;
      const settle = (outcome: PromiseSettledResult<R>): void => {
        active--;
        if (!failure) {
          launch();
          handle(item, outcome);
        }
        const w = wake;
        wake = null;
        w?.();
      };
      started.then(
        (value) => settle({ status: 'fulfilled', value }),
        (reason: unknown) => settle({ status: 'rejected', reason }),
      );
    }
    if (onLaunchedAll && !failure && next === items.length) {
      const once = onLaunchedAll;
      onLaunchedAll = undefined;
      try {
        once();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  launch();
  while (!failure && (next < items.length || active > 0)) await new Promise<void>((resolve) => (wake = resolve));
  if (failure) throw (failure as { error: unknown }).error;
}

/**
 * Native parse threads (the extractor's own, native/graph/src/pool.c): keeps `inFlight` files
 * parsing while this thread reads the next files, runs extraction on finished ones and writes
 * batches. A file the native side fails on is extracted with the Node binding instead, so nothing
 * is lost.
 */
function runNativeThreads(jobs: FileJob[], writer: BatchWriter, signal: AbortSignal | undefined, inFlight: number, onLaunchedAll?: () => void): Promise<void> {
  type Extracted = () => FileJobResult;
  const start = (job: FileJob): Promise<Extracted> | Extracted => {
    const read = readFileJob(job);
    if (read.status !== 'read') return () => read;
    const result = (extract: () => ExtractResult) => (): FileJobResult => parsedResult(job.path, job.language, read.text, read.hash, job.mtimeMs, extract());
    const fallback = result(() => extractSource(job.language, read.text, 'binding'));
    const started = startNativeExtract(job.language, read.text);
    return started ? started.then(result, () => fallback) : fallback;
  };
  return runWindowed(jobs, inFlight, signal, start, (_job, outcome) => {
    // start() turns a native failure into the fallback, so its promise never rejects
    if (outcome.status === 'fulfilled') writer.add(outcome.value());
  }, onLaunchedAll);
}

/**
 * Keeps two chunks per worker in flight and writes their results on this thread as they arrive.
 * Returns why a worker failed, when one did (its chunks were then parsed on this thread).
 */
async function runOnPool(pool: ParsePool, chunks: FileJob[][], writer: BatchWriter, signal: AbortSignal | undefined, onLaunchedAll?: () => void): Promise<string | null> {
  let crash: string | null = null;
  await runWindowed(chunks, pool.size * 2, signal, (jobs) => pool.run(jobs), (jobs, outcome) => {
    if (outcome.status === 'fulfilled') {
      for (const r of outcome.value) writer.add(r);
      return;
    }
    // a crashed worker: finish this chunk here rather than lose its files, and say so once
    crash ??= errorMessage(outcome.reason);
    for (const r of jobs.map(runFileJob)) writer.add(r);
  }, onLaunchedAll);
  return crash;
}

/** Buffers results and writes them in one transaction per batch. */
class BatchWriter {
  private buffer: FileJobResult[] = [];
  private done = 0;

  constructor(
    private readonly store: GraphStore,
    private readonly known: Map<string, { hash: string }>,
    private readonly summary: IndexSummary,
    private readonly opts: ResolvedIndexOptions,
    private readonly total: number,
    private readonly batchSize: number,
  ) {}

  add(r: FileJobResult): void {
    this.buffer.push(r);
    if (this.buffer.length >= this.batchSize) this.flush();
  }

  flush(): void {
    if (!this.buffer.length) return;
    const batch = this.buffer;
    this.buffer = [];
    const { store, summary } = this;
    store.transaction(() => {
      for (const r of batch) {
        if (r.status === 'parsed') {
          store.upsertFile(r.file);
          summary.parsed++;
        } else if (r.status === 'unchanged') {
          summary.unchanged++;
          if (store.touchFile) store.touchFile(r.path, r.mtimeMs);
        } else {
          summary.skipped++;
          summary.skippedFiles.push({ path: r.path, reason: r.reason });
          if (this.known.has(r.path)) {
            store.removeFile(r.path);
            summary.removed++;
          }
        }
      }
    });
    this.done += batch.length;
    this.opts.onProgress?.(this.done, this.total, `indexed ${this.done} files`);
  }
}
