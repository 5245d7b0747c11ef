/**
 * The parse pool's crash path with real worker threads: the stand-in worker script runs the real
 * compiled parse worker and exits on its second chunk. The pool rejects the chunk the worker died
 * holding, and a cold index over such a pool still indexes every file (on this thread) and names the
 * failure once.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexWorkspace } from '../../../server/graph/indexer/cold-index.js';
import type { FileJob } from '../../../server/graph/indexer/file-job.js';
import { ParsePool } from '../../../server/graph/indexer/parse-pool.js';
import type { GraphStore } from '../../../server/graph/store/graph-store.js';
import { openedResources } from '../../support/opened-resources.js';
import { indexedWorkspace, mixedSources } from './index-workspaces.js';
import type { TempWorkspace } from '../../support/temp-dir.js';

const open = openedResources();

/** Answers its first chunk like the real worker, then exits with code 70 when the second arrives. */
const DYING_WORKER = new URL('../../support/dying-parse-worker.mjs', import.meta.url);
const DIED = 'parse worker exited with code 70';

function workspace(files: Record<string, string>): { ws: TempWorkspace; store: GraphStore } {
  return indexedWorkspace(open, files, 'smallcode-pool-');
}

function dyingPool(size: number): ParsePool {
  const pool = new ParsePool(size, DYING_WORKER);
  open.add(() => pool.dispose(), 'parse pool');
  return pool;
}

function job(ws: TempWorkspace, path: string): FileJob {
  const absPath = join(ws.root, path);
  return { path, absPath, language: 'typescript', mtimeMs: statSync(absPath).mtimeMs, knownHash: null, size: statSync(absPath).size, engine: 'binding' };
}

describe('parse pool crash path', () => {
  it('rejects the chunk a worker died holding with GraphUnavailable naming its exit, then refuses new chunks', async () => {
    const { ws } = workspace({
      'src/a.ts': 'export function a(): number { return 1; }\n',
      'src/b.ts': 'export function b(): number { return 2; }\n',
      'src/c.ts': 'export function c(): number { return 3; }\n',
    });
    const pool = dyingPool(1);
    const first = await pool.run([job(ws, 'src/a.ts')]);
    expect(first).toMatchObject([{ status: 'parsed', file: { path: 'src/a.ts', symbols: [{ name: 'a', kind: 'function' }] } }]);
    await expect(pool.run([job(ws, 'src/b.ts')])).rejects.toMatchObject({ code: 'GraphUnavailable', message: DIED });
    expect(pool.live()).toBe(0);
    expect(pool.inFlight()).toBe(0);
    await expect(pool.run([job(ws, 'src/c.ts')])).rejects.toMatchObject({ code: 'GraphUnavailable', message: 'every parse worker has died' });
  });

  it('indexes every file with the same rows when its parse workers die mid-run, names the failure once and does not throw', async () => {
    const files = mixedSources(40);
    const clean = workspace(files);
    const crashed = workspace(files);
    const reference = await indexWorkspace(clean.ws.root, clean.store, { workers: 2, native: false });
    expect([reference.engine, reference.workers, reference.parsed]).toEqual(['binding', 2, 80]);
    expect(reference.skippedFiles).toEqual([]);

    // Two workers, ten chunks of eight files, four in flight at the start: each worker receives a second chunk and
    // dies holding it, and the chunks launched afterwards find no live worker. Every lost chunk is
    // parsed on this thread, yet the summary says so once.
    const pool = dyingPool(2);
    const summary = await indexWorkspace(crashed.ws.root, crashed.store, { native: false, pool });
    expect(summary.engine).toBe('binding');
    expect(summary.parsed).toBe(80);
    expect(summary.skipped).toBe(0);
    expect(summary.workers).toBe(0);
    expect(pool.live()).toBe(0);
    expect(summary.skippedFiles).toEqual([{ path: '.', reason: `a parse worker failed (${DIED}); its files were parsed on the main thread` }]);

    const strip = <T extends { id: number }>(rows: T[]): Array<Omit<T, 'id'>> => rows.map(({ id: _id, ...rest }) => rest);
    expect(crashed.store.listFiles().map((f) => f.path).sort()).toEqual(Object.keys(files).sort());
    for (const f of clean.store.listFiles()) {
      expect(strip(crashed.store.symbolsInFile(f.path))).toEqual(strip(clean.store.symbolsInFile(f.path)));
      expect(strip(crashed.store.referencesInFile(f.path))).toEqual(strip(clean.store.referencesInFile(f.path)));
      expect(crashed.store.getFile(f.path)?.hash).toBe(f.hash);
    }
    expect(crashed.store.counts()).toEqual(clean.store.counts());
    expect(summary.symbols).toBe(reference.symbols);
    expect(summary.references).toBe(reference.references);
  });
});
