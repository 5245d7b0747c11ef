/** Snapshots and rollback: byte-exact restore incl. modes and created files, per-turn rollback, survival across restarts, retention. */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../server/edit/snapshots.js';
import { Workspace } from '../../server/workspace/workspace.js';
import { tempDir } from '../workspace/fixtures/temp-workspace.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Bytes that are not valid UTF-8 and contain NUL and CR: rollback must not care what a file holds.
const ODD = Buffer.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x41]);

function setup() {
  const root = tempDir({ 'a.txt': 'alpha\r\n', 'bin.dat': ODD, 'run.sh': '#!/bin/sh\n' });
  chmodSync(path.join(root, 'run.sh'), 0o750);
  const ws = new Workspace(root);
  const file = (rel: string) => path.join(ws.root, rel);
  return { ws, file, store: new SnapshotStore(ws) };
}

describe('SnapshotStore', () => {
  it('restores changed files byte-exact with their modes and deletes files the task created', async () => {
    const { ws, file, store } = setup();
    await store.snapshot('t1', 1, ['a.txt', 'bin.dat', 'run.sh', 'new/deep/file.ts']);
    writeFileSync(file('a.txt'), 'changed');
    writeFileSync(file('bin.dat'), 'text now');
    chmodSync(file('run.sh'), 0o644);
    writeFileSync(file('run.sh'), 'echo hacked\n');
    mkdirSync(file('new/deep'), { recursive: true });
    writeFileSync(file('new/deep/file.ts'), 'created');

    const r = await store.rollback('t1');
    expect(r).toEqual({ taskId: 't1', restored: ['a.txt', 'bin.dat', 'run.sh'], deleted: ['new/deep/file.ts'] });
    expect(readFileSync(file('a.txt'), 'utf8')).toBe('alpha\r\n');
    expect(readFileSync(file('bin.dat'))).toEqual(ODD);
    expect(readFileSync(file('run.sh'), 'utf8')).toBe('#!/bin/sh\n');
    expect(statSync(file('run.sh')).mode & 0o7777).toBe(0o750);
    expect(existsSync(file('new'))).toBe(false);
    void ws;
  });

  it('recreates a file the task deleted', async () => {
    const { file, store } = setup();
    await store.snapshot('t1', 1, ['a.txt']);
    rmSync(file('a.txt'));
    expect((await store.rollback('t1')).restored).toEqual(['a.txt']);
    expect(readFileSync(file('a.txt'), 'utf8')).toBe('alpha\r\n');
  });

  it('keeps the first state of a file: a later snapshot in the same turn does not overwrite it', async () => {
    const { file, store } = setup();
    await store.snapshot('t1', 1, ['a.txt']);
    writeFileSync(file('a.txt'), 'v2');
    expect(await store.snapshot('t1', 1, ['a.txt'])).toEqual([]);
    writeFileSync(file('a.txt'), 'v3');
    await store.rollback('t1');
    expect(readFileSync(file('a.txt'), 'utf8')).toBe('alpha\r\n');
  });

  it('rolls back one turn (and later ones) but keeps earlier turns', async () => {
    const { file, store } = setup();
    await store.snapshot('t1', 1, ['a.txt']);
    writeFileSync(file('a.txt'), 'turn1');
    await store.snapshot('t1', 2, ['a.txt', 'created-in-2.txt']);
    writeFileSync(file('a.txt'), 'turn2');
    writeFileSync(file('created-in-2.txt'), 'x');
    await store.snapshot('t1', 3, ['run.sh']);
    writeFileSync(file('run.sh'), 'turn3');

    const r = await store.rollbackTurn('t1', 2);
    expect(r.restored).toEqual(['a.txt', 'run.sh']);
    expect(r.deleted).toEqual(['created-in-2.txt']);
    expect(readFileSync(file('a.txt'), 'utf8')).toBe('turn1');
    expect(readFileSync(file('run.sh'), 'utf8')).toBe('#!/bin/sh\n');

    await store.rollback('t1');
    expect(readFileSync(file('a.txt'), 'utf8')).toBe('alpha\r\n');
  });

  it('rolls back after a restart: new objects over the same folder', async () => {
    const { ws, file, store } = setup();
    await store.snapshot('t9', 1, ['a.txt', 'made.txt']);
    writeFileSync(file('a.txt'), 'edited before the crash');
    writeFileSync(file('made.txt'), 'created before the crash');
    void store;
    const restarted = new SnapshotStore(new Workspace(ws.root));
    expect(await restarted.rollback('t9')).toEqual({ taskId: 't9', restored: ['a.txt'], deleted: ['made.txt'] });
    expect(readFileSync(file('a.txt'), 'utf8')).toBe('alpha\r\n');
  });

  it('a second rollback of the same task changes nothing', async () => {
    const { file, store } = setup();
    await store.snapshot('t1', 1, ['a.txt']);
    writeFileSync(file('a.txt'), 'x');
    await store.rollback('t1');
    writeFileSync(file('a.txt'), 'user edit after rollback');
    expect(await store.rollback('t1')).toEqual({ taskId: 't1', restored: [], deleted: [] });
    expect(readFileSync(file('a.txt'), 'utf8')).toBe('user edit after rollback');
  });

  it('refuses an unknown task with SnapshotMissing and an invalid task id with TaskNotFound', async () => {
    const { store } = setup();
    await expect(store.rollback('never-ran')).rejects.toMatchObject({ code: 'SnapshotMissing' });
    await expect(store.rollback('../../etc')).rejects.toMatchObject({ code: 'TaskNotFound' });
  });

  it('refuses to restore a corrupted blob rather than writing wrong bytes', async () => {
    const { file, store } = setup();
    await store.snapshot('t1', 1, ['a.txt']);
    const blobDir = path.join(store.dir, 't1', 'blobs');
    writeFileSync(path.join(blobDir, readdirSync(blobDir)[0]!), 'tampered');
    writeFileSync(file('a.txt'), 'edited');
    await expect(store.rollback('t1')).rejects.toMatchObject({ code: 'StoreFailed' });
    expect(readFileSync(file('a.txt'), 'utf8')).toBe('edited');
  });

  it('keeps only the last N tasks', async () => {
    const { ws } = setup();
    const store = new SnapshotStore(ws, { retention: { keepTasks: 3 } });
    for (let i = 1; i <= 5; i++) {
      await store.snapshot(`task-${i}`, 1, ['a.txt']);
      await sleep(5);
    }
    expect((await store.listTasks()).map((t) => t.taskId)).toEqual(['task-5', 'task-4', 'task-3']);
  });

  it('keeps the folder under the size cap, but never drops the current task', async () => {
    const root = tempDir();
    const ws = new Workspace(root);
    const store = new SnapshotStore(ws, { retention: { maxBytes: 250_000 } });
    for (let i = 1; i <= 4; i++) {
      writeFileSync(path.join(ws.root, `big${i}.bin`), Buffer.alloc(100_000, i));
      await store.snapshot(`t${i}`, 1, [`big${i}.bin`]);
      await sleep(5);
    }
    const left = await store.listTasks();
    expect(left.map((t) => t.taskId)).toEqual(['t4', 't3']);
    expect(left.reduce((s, t) => s + t.bytes, 0)).toBeLessThanOrEqual(250_000);

    const tiny = new SnapshotStore(ws, { retention: { maxBytes: 10 } });
    writeFileSync(path.join(ws.root, 'big5.bin'), Buffer.alloc(100_000, 5));
    await tiny.snapshot('t5', 1, ['big5.bin']);
    expect((await tiny.listTasks()).map((t) => t.taskId)).toEqual(['t5']);
  });
});
