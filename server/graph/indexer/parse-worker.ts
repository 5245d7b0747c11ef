/**
 * Worker-thread entry of the parse pool: receives chunks of FileJobs, answers with plain
 * FileJobResults. Each chunk is its own message, so the event loop turns between chunks and
 * tree-sitter Trees get freed. Never opens the store.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../../core/errors.js';
import { runFileJob, type FileJob, type FileJobResult } from './file-job.js';

export interface WorkerRequest {
  id: number;
  jobs: FileJob[];
}

export interface WorkerResponse {
  id: number;
  results: FileJobResult[];
}

/**
 * tree-sitter Trees hold native memory V8 does not see, so a worker's small JS heap rarely triggers
 * a collection and dead Trees pile up (hundreds of MB on a large corpus). A young-generation
 * collection every few chunks frees them; without `gc` (flag refused) the worker simply goes on.
 */
function loadGc(): ((opts?: { type: 'minor' | 'major' }) => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as (opts?: { type: 'minor' | 'major' }) => void;
  } catch (err) {
    process.stderr.write(`parse worker: no explicit gc (${String(err)}); memory relies on V8's own collections\n`);
    return null;
  }
}

const GC_EVERY_FILES = 48;

if (parentPort) {
  const port = parentPort;
  const gc = loadGc();
  let sinceGc = 0;
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
    sinceGc += req.jobs.length;
    if (gc && sinceGc >= GC_EVERY_FILES) {
      sinceGc = 0;
      gc();
    }
  });
}
