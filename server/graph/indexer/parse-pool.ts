/**
 * A fixed pool of parse workers (worker_threads) that run FileJob chunks and resolve with their
 * results. The worker script is the compiled `parse-worker.js` (next to this file in dist/, or
 * dist/ of the package when running from TypeScript sources); without it the pool is unavailable
 * and callers parse on their own thread. Knows nothing about the store.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../core/package-root.js';
import { SmallCodeError, errorMessage } from '../../core/errors.js';
import type { FileJob, FileJobResult } from './file-job.js';
import { unpackResult } from './packed-file.js';
import type { WorkerRequest, WorkerResponse } from './parse-worker.js';

interface Pending {
  resolve: (r: FileJobResult[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Pending>;
  dead: boolean;
}

/** Where the compiled worker script is, or null when there is none (sources never built). */
export function parseWorkerScript(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.js')) {
    const sibling = new URL('./parse-worker.js', here);
    if (existsSync(fileURLToPath(sibling))) return sibling;
  }
  const built = join(packageRoot(), 'dist', 'server', 'graph', 'indexer', 'parse-worker.js');
  return existsSync(built) ? pathToFileURL(built) : null;
}

/**
 * The parent's Node options minus those a worker script cannot take: a worker inherits execArgv,
 * and `--input-type` (from `node --input-type=module -e …`) makes every worker fail at start, which
 * would silently turn the pool into main-thread parsing.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '--input-type') {
      i++; // and its value
      continue;
    }
    if (a.startsWith('--input-type=') || a.startsWith('--eval=') || a.startsWith('--print=')) continue;
    out.push(a);
  }
  return out;
}

export class ParsePool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private disposed = false;

  /**
   * Throws GraphUnavailable when the worker script cannot be found. `script` is for tests only: the
   * real worker turns a failing file into a skipped one, so no workspace content reliably kills it,
   * and the crash path (a chunk lost with its worker) is reachable only through a stand-in script
   * that runs the real worker and exits on cue (test/support/dying-parse-worker.mjs).
   */
  constructor(size: number, script: URL | null = parseWorkerScript()) {
    if (!script) {
      throw new SmallCodeError('GraphUnavailable', 'the parse worker script is missing (dist/ not built)', { next: 'run `npm run build`' });
    }
    this.size = Math.max(1, size);
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn(script));
  }

  private spawn(script: URL): Slot {
    // a small young generation keeps each worker's footprint small (Trees are collected explicitly per chunk)
    const worker = new Worker(script, { execArgv: workerExecArgv(process.execArgv), resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    const slot: Slot = { worker, inFlight: new Map(), dead: false };
    slot.worker.on('message', (res: WorkerResponse) => {
      const p = slot.inFlight.get(res.id);
      if (!p) return;
      slot.inFlight.delete(res.id);
      if (slot.inFlight.size === 0) slot.worker.unref();
      p.resolve(res.results.map(unpackResult));
    });
    const fail = (err: Error): void => {
      slot.dead = true;
      for (const p of slot.inFlight.values()) p.reject(err);
      slot.inFlight.clear();
    };
    slot.worker.on('error', (err) => fail(new SmallCodeError('GraphUnavailable', `parse worker crashed: ${errorMessage(err)}`, {}, { cause: err })));
    slot.worker.on('exit', (code) => {
      if (!this.disposed) fail(new SmallCodeError('GraphUnavailable', `parse worker exited with code ${code}`));
    });
    // idle workers must not keep the process alive
    slot.worker.unref();
    return slot;
  }

  /** Workers still alive (a crashed one is not replaced). */
  live(): number {
    return this.slots.filter((s) => !s.dead).length;
  }

  /** Chunks currently queued on all workers. */
  inFlight(): number {
    let n = 0;
    for (const s of this.slots) n += s.inFlight.size;
    return n;
  }

  /** Runs one chunk on the least busy live worker. */
  run(jobs: FileJob[]): Promise<FileJobResult[]> {
    if (this.disposed) return Promise.reject(new SmallCodeError('GraphUnavailable', 'the parse pool was disposed'));
    let best: Slot | undefined;
    for (const s of this.slots) if (!s.dead && (!best || s.inFlight.size < best.inFlight.size)) best = s;
    if (!best) return Promise.reject(new SmallCodeError('GraphUnavailable', 'every parse worker has died'));
    const slot = best;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.inFlight.set(id, { resolve, reject });
      slot.worker.ref(); // a busy worker keeps the process alive until its answer arrives
      const req: WorkerRequest = { id, jobs };
      slot.worker.postMessage(req);
    });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const err = new SmallCodeError('GraphUnavailable', 'the parse pool was disposed');
    for (const s of this.slots) {
      for (const p of s.inFlight.values()) p.reject(err);
      s.inFlight.clear();
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
