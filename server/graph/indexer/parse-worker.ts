/**
 * Worker-thread entry of the parse pool: receives chunks of FileJobs, answers with packed
 * FileJobResults (transferred buffers), one chunk per event-loop turn so tree-sitter Trees get
 * freed. Never opens the store.
 */
import { setImmediate as yieldTurn } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../core/errors.js';
import { collectDeadTrees } from './tree-gc.js';
import { runFileJob, type FileJob } from './file-job.js';
import { packResult, transferList, type PackedJobResult } from './packed-file.js';

export interface WorkerRequest {
  id: number;
  jobs: FileJob[];
}

export interface WorkerResponse {
  id: number;
  results: PackedJobResult[];
}

/**
 * A MessagePort delivers queued messages back to back without turning the event loop, and the pool
 * keeps several chunks queued: handling them straight from the listener would never let the Trees'
 * finalizers (immediates) run, and every Tree of the run would stay in memory. Chunks are therefore
 * queued here and handled one per event-loop turn.
 */
function startWorker(port: NonNullable<typeof parentPort>): void {
  const queue: WorkerRequest[] = [];
  let draining = false;
  const drain = async (): Promise<void> => {
    draining = true;
    for (let req = queue.shift(); req; req = queue.shift()) {
      const results = req.jobs.map((job): PackedJobResult => {
        try {
          return packResult(runFileJob(job));
        } catch (err) {
          return { status: 'skipped', path: job.path, reason: `extraction failed: ${errorMessage(err)}` };
        }
      });
      const res: WorkerResponse = { id: req.id, results };
      port.postMessage(res, transferList(results));
      // the chunk's Trees are garbage now: collect their wrappers (a full collection: on a worker's
      // small heap it costs about a millisecond and also finds wrappers promoted during the chunk);
      // the finalizers free the Trees on the turn
      collectDeadTrees('major');
      await yieldTurn();
    }
    draining = false;
  };
  port.on('message', (req: WorkerRequest) => {
    queue.push(req);
    if (!draining) void drain();
  });
}

if (parentPort) startWorker(parentPort);
