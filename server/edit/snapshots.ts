/**
 * Snapshots and rollback: before a turn first changes a file, its bytes, mode and existence are
 * saved under .smallcode/snapshots/<taskId>/ (manifest.json + content-addressed blobs, written
 * atomically), so rollback is byte-exact and still works after a crash and restart. All state is
 * on disk; this object holds none beyond a lock. It never decides *when* to snapshot (the changeset does).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SmallCodeError } from '../core/errors.js';
import { atomicWriteFile } from '../workspace/atomic-write.js';
import type { Workspace } from '../workspace/workspace.js';

export interface SnapshotEntry {
  /** Workspace-relative path. */
  path: string;
  /** The turn whose first change to this path triggered the snapshot. */
  turn: number;
  existed: boolean;
  mode: number | null;
  /** sha256 of the content (the blob's file name); null when the file did not exist. */
  blob: string | null;
  size: number;
  /** For files that did not exist: the nearest folder that did, so rollback can remove folders the task created. */
  existingAncestor: string | null;
}

export interface SnapshotManifest {
  version: 1;
  taskId: string;
  createdAt: string;
  updatedAt: string;
  entries: SnapshotEntry[];
}

/** Same shape as protocol-ext/agent.ts RollbackResult. */
export interface RollbackOutcome {
  taskId: string;
  restored: string[];
  deleted: string[];
}

export interface RetentionPolicy {
  /** Keep the snapshots of this many most recent tasks (default 20). */
  keepTasks: number;
  /** Total size cap of the snapshots folder in bytes (default 50 MB); the current task is never pruned. */
  maxBytes: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepTasks: 20, maxBytes: 50 * 1024 * 1024 };

export interface SnapshotTaskInfo {
  taskId: string;
  updatedAt: string;
  bytes: number;
  files: number;
}

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export class SnapshotStore {
  /** Absolute path of the snapshots folder. */
  readonly dir: string;
  private readonly retention: RetentionPolicy;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly workspace: Workspace,
    options: { retention?: Partial<RetentionPolicy> } = {},
  ) {
    this.dir = path.join(workspace.root, '.smallcode', 'snapshots');
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
  }

  /**
   * Saves the current state of `paths` for `turn`, unless this task already saved that path for this
   * turn (the first state wins). Returns the workspace-relative paths newly saved.
   */
  snapshot(taskId: string, turn: number, paths: readonly string[]): Promise<string[]> {
    return this.locked(async () => {
      const taskDir = this.taskDir(taskId);
      const existing = await this.readManifest(taskId);
      const now = new Date().toISOString();
      const manifest: SnapshotManifest = existing ?? { version: 1, taskId, createdAt: now, updatedAt: now, entries: [] };
      const saved: string[] = [];
      for (const p of paths) {
        const { abs, rel } = this.workspace.resolve(p);
        if (manifest.entries.some((e) => e.path === rel && e.turn === turn)) continue;
        const st = await fs.stat(abs).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
          throw err;
        });
        if (st && !st.isFile()) {
          throw new SmallCodeError('EditRefused', `${rel} is not a regular file; SmallCode only changes files.`, { path: rel });
        }
        let entry: SnapshotEntry;
        if (st) {
          const bytes = await fs.readFile(abs);
          const blob = createHash('sha256').update(bytes).digest('hex');
          const blobPath = path.join(taskDir, 'blobs', blob);
          if (!(await pathExists(blobPath))) await atomicWriteFile(blobPath, bytes);
          entry = { path: rel, turn, existed: true, mode: st.mode & 0o7777, blob, size: bytes.length, existingAncestor: null };
        } else {
          entry = { path: rel, turn, existed: false, mode: null, blob: null, size: 0, existingAncestor: await nearestExistingAncestor(this.workspace.root, rel) };
        }
        manifest.entries.push(entry);
        saved.push(rel);
      }
      if (saved.length > 0 || existing === null) {
        manifest.updatedAt = now;
        await this.writeManifest(manifest);
      }
      if (existing === null) await this.pruneUnlocked(taskId);
      return saved;
    });
  }

  /** The manifest of a task, or null when there is none. */
  manifest(taskId: string): Promise<SnapshotManifest | null> {
    return this.readManifest(taskId);
  }

  /** Restores every file the task changed to its state before the task, and deletes files it created. */
  rollback(taskId: string): Promise<RollbackOutcome> {
    return this.locked(() => this.restore(taskId, Number.NEGATIVE_INFINITY));
  }

  /** Undoes turn `turn` and every later turn of the task (auto-rollback when validation hard-fails). */
  rollbackTurn(taskId: string, turn: number): Promise<RollbackOutcome> {
    return this.locked(() => this.restore(taskId, turn));
  }

  /** Task snapshots on disk, newest first. */
  async listTasks(): Promise<SnapshotTaskInfo[]> {
    const names = await fs.readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    const out: SnapshotTaskInfo[] = [];
    for (const name of names) {
      if (!TASK_ID.test(name)) continue;
      const m = await this.readManifest(name).catch((err: unknown) => {
        // A corrupt manifest still takes space: list it as oldest so retention removes it first.
        void err;
        return null;
      });
      const bytes = await dirSize(path.join(this.dir, name));
      out.push({ taskId: name, updatedAt: m?.updatedAt ?? '', bytes, files: m ? new Set(m.entries.map((e) => e.path)).size : 0 });
    }
    return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /** Applies the retention policy; never removes `protect`. Returns the task ids removed. */
  prune(protect?: string): Promise<string[]> {
    return this.locked(() => this.pruneUnlocked(protect));
  }

  // ---- internals ----

  private async restore(taskId: string, fromTurn: number): Promise<RollbackOutcome> {
    const manifest = await this.readManifest(taskId);
    if (manifest === null) {
      throw new SmallCodeError(
        'SnapshotMissing',
        `No snapshot for task ${taskId}: it changed no files, or its snapshot was removed by retention (the last ${this.retention.keepTasks} tasks and ${Math.round(this.retention.maxBytes / 1048576)} MB are kept).`,
        { taskId },
      );
    }
    const chosen = new Map<string, SnapshotEntry>();
    for (const e of manifest.entries) {
      if (e.turn < fromTurn) continue;
      const prev = chosen.get(e.path);
      if (!prev || e.turn < prev.turn) chosen.set(e.path, e);
    }
    const restored: string[] = [];
    const deleted: string[] = [];
    const taskDir = this.taskDir(taskId);
    for (const e of chosen.values()) {
      const { abs } = this.workspace.resolve(e.path);
      if (e.existed && e.blob !== null) {
        const bytes = await fs.readFile(path.join(taskDir, 'blobs', e.blob));
        if (createHash('sha256').update(bytes).digest('hex') !== e.blob) {
          throw new SmallCodeError('StoreFailed', `The snapshot of ${e.path} in task ${taskId} is corrupt (checksum mismatch); it was not restored.`, { path: e.path, taskId });
        }
        await atomicWriteFile(abs, bytes, e.mode === null ? {} : { mode: e.mode });
        restored.push(e.path);
      } else {
        const removed = await fs.unlink(abs).then(
          () => true,
          (err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') return false;
            throw err;
          },
        );
        if (removed) deleted.push(e.path);
        if (e.existingAncestor !== null) await removeEmptyDirs(this.workspace.root, path.dirname(e.path), e.existingAncestor);
      }
    }
    // The consumed entries are gone, so a later turn snapshots afresh and a repeated rollback is a no-op.
    manifest.entries = manifest.entries.filter((e) => e.turn < fromTurn);
    manifest.updatedAt = new Date().toISOString();
    await this.writeManifest(manifest);
    await this.collectBlobs(manifest);
    return { taskId, restored: restored.sort(), deleted: deleted.sort() };
  }

  private async pruneUnlocked(protect?: string): Promise<string[]> {
    const tasks = await this.listTasks();
    const removed: string[] = [];
    let total = tasks.reduce((s, t) => s + t.bytes, 0);
    let kept = protect !== undefined && tasks.some((t) => t.taskId === protect) ? 1 : 0;
    for (const t of tasks) {
      if (t.taskId === protect) continue;
      if (kept < this.retention.keepTasks) {
        kept++;
        continue;
      }
      await fs.rm(path.join(this.dir, t.taskId), { recursive: true, force: true });
      removed.push(t.taskId);
      total -= t.bytes;
    }
    for (let i = tasks.length - 1; i >= 0 && total > this.retention.maxBytes; i--) {
      const t = tasks[i]!;
      if (t.taskId === protect || removed.includes(t.taskId)) continue;
      await fs.rm(path.join(this.dir, t.taskId), { recursive: true, force: true });
      removed.push(t.taskId);
      total -= t.bytes;
    }
    return removed;
  }

  private async collectBlobs(manifest: SnapshotManifest): Promise<void> {
    const live = new Set(manifest.entries.map((e) => e.blob).filter((b): b is string => b !== null));
    const blobDir = path.join(this.taskDir(manifest.taskId), 'blobs');
    const names = await fs.readdir(blobDir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    for (const n of names) if (!live.has(n)) await fs.rm(path.join(blobDir, n), { force: true });
  }

  private taskDir(taskId: string): string {
    if (!TASK_ID.test(taskId)) {
      throw new SmallCodeError('TaskNotFound', `"${taskId}" is not a valid task id (letters, digits, '.', '_' and '-', at most 128).`, { taskId });
    }
    return path.join(this.dir, taskId);
  }

  private async readManifest(taskId: string): Promise<SnapshotManifest | null> {
    const file = path.join(this.taskDir(taskId), 'manifest.json');
    let raw: string;
    try {
      raw = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      throw new SmallCodeError('StoreFailed', `Snapshot manifest ${file} is not valid JSON.`, { path: file }, { cause: err });
    }
    if (!isManifest(parsed)) throw new SmallCodeError('StoreFailed', `Snapshot manifest ${file} has an unknown shape or version.`, { path: file });
    return parsed;
  }

  private async writeManifest(m: SnapshotManifest): Promise<void> {
    await atomicWriteFile(path.join(this.taskDir(m.taskId), 'manifest.json'), new TextEncoder().encode(`${JSON.stringify(m, null, 1)}\n`));
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch((err: unknown) => void err);
    return run;
  }
}

function isManifest(x: unknown): x is SnapshotManifest {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Partial<SnapshotManifest>;
  return m.version === 1 && typeof m.taskId === 'string' && Array.isArray(m.entries);
}

async function pathExists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
}

async function nearestExistingAncestor(root: string, rel: string): Promise<string> {
  let cur = path.posix.dirname(rel);
  while (cur !== '.' && cur !== '' && !(await pathExists(path.join(root, cur)))) cur = path.posix.dirname(cur);
  return cur === '.' ? '' : cur;
}

/** Removes now-empty folders from `relDir` up to (not including) `stopAt`. */
async function removeEmptyDirs(root: string, relDir: string, stopAt: string): Promise<void> {
  let cur = relDir === '.' ? '' : relDir;
  while (cur !== '' && cur !== stopAt && cur.startsWith(stopAt === '' ? '' : `${stopAt}/`)) {
    try {
      await fs.rmdir(path.join(root, cur));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT' || code === 'ENOTDIR') return;
      throw err;
    }
    const parent = path.posix.dirname(cur);
    cur = parent === '.' ? '' : parent;
  }
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await dirSize(p);
    else total += (await fs.stat(p)).size;
  }
  return total;
}
