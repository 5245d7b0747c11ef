/**
 * Keeps the code graph in step with editor buffers and the disk, without LSP: which workspace roots
 * are indexed automatically, debounced buffer updates (LSP content changes passed through for an
 * incremental parse), save / close / on-disk events, and a fallback directory watcher. It never
 * imports the LSP connection; server/lsp/graph-sync.ts feeds it.
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { homedir } from 'node:os';
import { join, parse, resolve } from 'node:path';
import { errorMessage } from '../core/errors.js';
import type { GraphService } from '../graph/graph-service.js';
import { Debouncer } from '../graph/indexer/debouncer.js';
import type { FileEvent, FileEventsSummary, GraphIndexer, UpdateOutcome } from '../graph/indexer/graph-indexer.js';
import { DEFAULT_EXCLUDES, DEFAULT_MAX_FILE_BYTES } from '../graph/indexer/index-options.js';
import { languageForPath } from '../graph/extract/languages.js';
import type { ContentChange } from '../graph/indexer/text-edits.js';
import { isPathIgnored } from '../graph/indexer/workspace-walk.js';

export interface GraphHandle {
  graph: GraphService;
  indexer: GraphIndexer;
  indexed: Promise<void>;
}

/** Files or folders that make a folder a project worth indexing on its own. */
export const PROJECT_MARKERS: readonly string[] = [
  '.git', '.hg', 'package.json', 'tsconfig.json', 'deno.json', 'pyproject.toml', 'setup.py', 'requirements.txt', 'go.mod', 'Cargo.toml', 'smallcode.toml',
];

/**
 * 'auto': index at start-up. 'on-demand': no start-up index (no project marker), the graph opens
 * when something asks for it. 'never': a root where an index would run away (`/`, the home folder).
 */
export type RootPolicy = { index: 'auto' } | { index: 'on-demand' | 'never'; reason: string };

/** Pure classification; `has(name)` says whether `<root>/<name>` exists. */
export function classifyRoot(root: string, home: string, has: (name: string) => boolean): RootPolicy {
  const r = resolve(root);
  if (parse(r).root === r) return { index: 'never', reason: `the workspace root ${r} is a file-system root` };
  if (home && r === resolve(home)) return { index: 'never', reason: `the workspace root ${r} is the home folder` };
  if (PROJECT_MARKERS.some(has)) return { index: 'auto' };
  return { index: 'on-demand', reason: `${r} has none of ${PROJECT_MARKERS.join(', ')}; the graph is built on the first graph request instead` };
}

export function rootPolicy(root: string): RootPolicy {
  return classifyRoot(root, homedir(), (name) => existsSync(join(root, name)));
}

export interface GraphSyncOptions {
  log: (line: string) => void;
  /** Quiet time after the last didChange of a document before it is re-indexed. */
  delayMs?: number;
  /** Each buffer update's outcome (incremental or not, rows changed): for traces and tests. */
  onUpdate?: (outcome: UpdateOutcome) => void;
}

interface PendingChange {
  text: string;
  /** Every content change since the indexer last saw the document, or null when one was missing. */
  changes: ContentChange[] | null;
}

/**
 * Buffer and disk events → GraphIndexer. Document events arriving before `attach` are remembered
 * (open buffers) and replayed once the graph is there. Paths are absolute file paths.
 */
export class GraphSync {
  private handle: GraphHandle | null = null;
  private readonly debouncer: Debouncer<string>;
  private readonly pending = new Map<string, PendingChange>();
  /** Open buffers' latest text: replayed after the initial index, which may have written disk text. */
  private readonly buffers = new Map<string, string>();
  private readonly log: (line: string) => void;
  private readonly onUpdate: ((outcome: UpdateOutcome) => void) | undefined;
  private disposed = false;

  constructor(opts: GraphSyncOptions) {
    this.log = opts.log;
    this.onUpdate = opts.onUpdate;
    this.debouncer = new Debouncer<string>(opts.delayMs ?? 150);
  }

  get attached(): GraphHandle | null {
    return this.handle;
  }

  /** Starts syncing into `handle`; resolves when its initial index is done and open buffers are re-applied. */
  async attach(handle: GraphHandle): Promise<void> {
    this.handle = handle;
    this.replayBuffers();
    await handle.indexed;
    // the initial index may have written disk text over a buffer opened meanwhile
    if (!this.disposed) this.replayBuffers();
  }

  private replayBuffers(): void {
    for (const [path, text] of this.buffers) this.guard(`open ${path}`, (ix) => ix.openDocument(path, text));
  }

  private guard(what: string, fn: (indexer: GraphIndexer) => UpdateOutcome | void): void {
    const h = this.handle;
    if (!h || this.disposed) return;
    try {
      const outcome = fn(h.indexer);
      if (outcome) this.onUpdate?.(outcome);
    } catch (err) {
      this.log(`graph: ${what} failed: ${errorMessage(err)}`);
    }
  }

  openDocument(path: string, text: string): void {
    this.buffers.set(path, text);
    this.debouncer.cancel(path);
    this.pending.delete(path);
    this.guard(`open ${path}`, (ix) => ix.openDocument(path, text));
  }

  /** didChange: `changes` are the LSP content changes of this notification (omit when unknown). */
  changeDocument(path: string, text: string, changes?: readonly ContentChange[]): void {
    this.buffers.set(path, text);
    const prev = this.pending.get(path);
    const merged = prev === undefined ? (changes ? [...changes] : null) : prev.changes && changes ? [...prev.changes, ...changes] : null;
    this.pending.set(path, { text, changes: merged });
    this.debouncer.schedule(path, () => this.commit(path));
  }

  private commit(path: string): void {
    const p = this.pending.get(path);
    if (!p) return;
    this.pending.delete(path);
    this.guard(`update ${path}`, (ix) => ix.updateFile(path, p.text, p.changes ?? undefined));
  }

  /** Runs pending buffer updates now (of one document, or all), e.g. before answering a query. */
  flush(path?: string): void {
    this.debouncer.flush(path);
  }

  /** didSave: the buffer's rows get the file's real mtime, so a warm restart skips the file. */
  async saveDocument(path: string): Promise<void> {
    this.flush(path);
    await this.filesChanged([{ path, type: 'changed' }]);
  }

  /** didClose: the buffer stops being the truth; the disk's content is re-read (unsaved edits dropped). */
  async closeDocument(path: string): Promise<void> {
    this.flush(path);
    this.buffers.delete(path);
    this.guard(`close ${path}`, (ix) => ix.closeDocument(path));
    await this.filesChanged([{ path, type: 'changed' }]);
  }

  /** workspace/didChangeWatchedFiles or the fallback watcher. */
  async filesChanged(events: readonly FileEvent[]): Promise<FileEventsSummary | null> {
    const h = this.handle;
    if (!h || this.disposed || events.length === 0) return null;
    try {
      return await h.indexer.applyFileEvents(expandFolderDeletions(events, h));
    } catch (err) {
      this.log(`graph: ${events.length} file event(s) failed: ${errorMessage(err)}`);
      return null;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.debouncer.dispose();
    this.pending.clear();
  }
}

/** A deleted folder (a path the graph would not index itself) stands for every indexed file below it. */
function expandFolderDeletions(events: readonly FileEvent[], h: GraphHandle): FileEvent[] {
  const out: FileEvent[] = [];
  let stored: string[] | undefined;
  for (const ev of events) {
    const rel = ev.type === 'deleted' && !languageForPath(ev.path) ? h.indexer.relativePath(ev.path) : null;
    if (rel === null) {
      out.push(ev);
      continue;
    }
    stored ??= h.graph.store.listFiles().map((f) => f.path);
    for (const path of stored) if (path.startsWith(`${rel}/`)) out.push({ path, type: 'deleted' });
  }
  return out;
}

/** Most directories the fallback watcher watches; beyond it, the watcher is off and says so. */
export const MAX_WATCHED_DIRS = 2000;

/**
 * The watcher used when the client cannot register file watchers: one non-recursive `fs.watch` per
 * directory that the index would walk (ignored folders such as node_modules are never watched),
 * events batched for `delayMs`. Decision (2026-11-25): not `fs.watch(root, {recursive})`: on Linux,
 * Node 20 emulates it by walking and watching every folder, ignored ones included.
 */
export class DirectoryWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly queued = new Map<string, FileEvent['type']>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly root: string,
    private readonly onEvents: (events: FileEvent[]) => void,
    private readonly log: (line: string) => void,
    private readonly delayMs: number,
  ) {}

  /** Null (with a log line) when the watcher cannot start or the tree has too many folders. */
  static start(root: string, onEvents: (events: FileEvent[]) => void, log: (line: string) => void, delayMs = 150): DirectoryWatcher | null {
    const w = new DirectoryWatcher(root, onEvents, log, delayMs);
    try {
      if (!w.addTree('')) {
        w.close();
        log(`graph: no file watcher (more than ${MAX_WATCHED_DIRS} folders); changes on disk reach the graph at the next index or save`);
        return null;
      }
    } catch (err) {
      w.close();
      log(`graph: no file watcher (${errorMessage(err)}); changes on disk reach the graph at the next index or save`);
      return null;
    }
    return w;
  }

  get watchedDirectories(): number {
    return this.watchers.size;
  }

  private ignored(rel: string): boolean {
    // a child name makes isPathIgnored test `rel` itself as a directory (patterns like `node_modules/`)
    return rel !== '' && isPathIgnored(this.root, `${rel}/x`, { exclude: DEFAULT_EXCLUDES, gitignore: true, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
  }

  /** Watches `rel` and the folders below it; false when the cap is reached. `found` collects the files already there. */
  private addTree(rel: string, found?: FileEvent[]): boolean {
    const stack = [rel];
    while (stack.length) {
      const dir = stack.pop()!;
      if (this.watchers.has(dir) || this.ignored(dir)) continue;
      if (this.watchers.size >= MAX_WATCHED_DIRS) return false;
      const abs = dir === '' ? this.root : join(this.root, dir);
      let entries;
      try {
        entries = readdirSync(abs, { withFileTypes: true });
      } catch (err) {
        if (dir === '') throw err;
        continue; // vanished or unreadable: nothing to watch there
      }
      const watcher = watch(abs, { persistent: false }, (_type, name) => {
        if (name) this.onRaw(dir === '' ? String(name) : `${dir}/${String(name)}`);
      });
      watcher.on('error', (err) => {
        this.log(`graph: watcher on ${dir || '.'} stopped: ${errorMessage(err)}`);
        watcher.close();
        this.watchers.delete(dir);
      });
      this.watchers.set(dir, watcher);
      for (const e of entries) {
        const child = dir === '' ? e.name : `${dir}/${e.name}`;
        if (e.isDirectory()) stack.push(child);
        else if (found && e.isFile()) found.push({ path: child, type: 'created' });
      }
    }
    return true;
  }

  private onRaw(rel: string): void {
    if (this.closed) return;
    this.queued.set(rel, 'changed');
    if (!this.timer) this.timer = setTimeout(() => this.drain(), this.delayMs);
  }

  private drain(): void {
    this.timer = undefined;
    if (this.closed) return;
    const events: FileEvent[] = [];
    for (const [rel, type] of this.queued) {
      const abs = join(this.root, rel);
      let isDir = false;
      try {
        isDir = statSync(abs).isDirectory();
      } catch (err) {
        void err; // gone: a deletion
      }
      if (isDir) {
        // files written into a new folder before its watcher existed are reported from the walk
        if (!this.addTree(rel, events)) this.log(`graph: watcher cap of ${MAX_WATCHED_DIRS} folders reached; ${rel} is not watched`);
        continue;
      }
      if (this.watchers.has(rel)) {
        // a watched folder was removed: forget its watchers; the graph drops the files below it
        for (const [d, w] of this.watchers) if (d === rel || d.startsWith(`${rel}/`)) (w.close(), this.watchers.delete(d));
        events.push({ path: rel, type: 'deleted' });
        continue;
      }
      events.push({ path: rel, type: existsSync(abs) ? type : 'deleted' });
    }
    this.queued.clear();
    if (events.length) this.onEvents(events);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
