/**
 * Loaded by dying-parse-worker.mjs before the real parse worker, so this listener runs first on
 * every chunk: on the second one the thread exits (code 70) before the real worker sees it, and the
 * pool is left holding a chunk nobody will answer. Plain JavaScript: a worker thread cannot load
 * the TypeScript sources vitest runs.
 */
import { parentPort } from 'node:worker_threads';

let chunks = 0;
parentPort?.on('message', () => {
  chunks++;
  // 70 (EX_SOFTWARE): an exit code no real worker uses, so a test can tell this death from others
  if (chunks === 2) process.exit(70);
});
