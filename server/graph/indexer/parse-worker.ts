/**
 * Worker-thread entry of the parse pool: receives chunks of FileJobs, answers with plain
 * FileJobResults. Each chunk is its own message, so the event loop turns between chunks and
 * tree-sitter Trees get freed. Never opens the store.
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../core/errors.js';
import { collectDeadTrees } from './tree-gc.js';
import { runFileJob, type FileJob, type FileJobResult } from './file-job.js';

export interface WorkerRequest {
  id: number;
  jobs: FileJob[];
}

export interface WorkerResponse {
  id: number;
  results: FileJobResult[];
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: WorkerRequest) => {
    const results = req.jobs.map((job): FileJobResult => {
      try {
        return runFileJob(job);
      } catch (err) {
        return { status: 'skipped', path: job.path, reason: `extraction failed: ${errorMessage(err)}` };
      }
    });
    const res: WorkerResponse = { id: req.id, results };
    port.postMessage(res);
    // the chunk's Trees are garbage now; collected here, freed when this handler returns
    collectDeadTrees();
  });
}
