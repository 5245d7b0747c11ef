/**
 * The long-lived indexer of one workspace: owns the parse-worker pool and the last tree-sitter Tree
 * of every open document, runs cold/warm indexes, incremental didChange updates (tree.edit +
 * incremental parse) and on-disk file events, each committed in one store transaction.
 * It does not debounce (callers use Debouncer) and never talks LSP.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { statSync } from 'node:fs';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import type Parser from 'tree-sitter';
import { errorMessage } from '../../core/errors.js';
import { contentHash } from '../extract/content-hash.js';
import { extractTree, toExtractedFile } from '../extract/extract-file.js';
import type { ExtractResult } from '../extract/extract-symbols.js';
import { extractEditedRegion } from '../extract/region-extract.js';
import { languageForPath } from '../extract/languages.js';
import { parseSource } from '../extract/parse.js';
import type { GraphStore, UpsertStats } from '../store/graph-store.js';
import type { Language } from '../types.js';
import { indexWorkspace, usesNativeEngine, type IndexSummary } from './cold-index.js';
import { runFileJob } from './file-job.js';
import { generatedReason } from './file-filter.js';
import { resolveIndexOptions, type IndexOptions, type ProgressCallback, type ResolvedIndexOptions } from './index-options.js';
import { ParsePool } from './parse-pool.js';
import { applyContentChanges, diffEdit, type ContentChange, type TreeEdit } from './text-edits.js';
import { isPathIgnored } from './workspace-walk.js';

export interface FileEvent {
  /** Absolute or workspace-relative path. */
  path: string;
  type: 'created' | 'changed' | 'deleted';
}

export type UpdateOutcome =
  | {
      status: 'indexed';
      path: string;
      /** Parsed from the document's previous Tree. */
      incremental: boolean;
      /** 'region': only the touched top-level statements were re-extracted; 'full': the whole file. */
      extracted: 'region' | 'full';
      hasErrors: boolean;
      stats: UpsertStats;
    }
  | { status: 'unchanged'; path: string }
  | { status: 'removed'; path: string }
  | { status: 'skipped'; path: string; reason: string };

export interface FileEventsSummary {
  indexed: number;
  unchanged: number;
  removed: number;
  skipped: number;
}

interface OpenDocument {
  language: Language;
  text: string;
  tree: Parser.Tree;
  /** The extraction of `text` (what the store holds), the base of region updates. */
  result: ExtractResult | null;
  /** Why the graph leaves this document out (ignored path, generated), decided once per open. */
  ignored: string | null;
}

const EVENTS_PER_TRANSACTION = 32;

export class GraphIndexer {
  readonly root: string;
  private readonly store: GraphStore;
  private readonly options: IndexOptions;
  private readonly resolved: ResolvedIndexOptions;
  private readonly docs = new Map<string, OpenDocument>();
  private pool: ParsePool | null = null;
  private poolProblem: string | null = null;

  constructor(root: string, store: GraphStore, options: IndexOptions = {}) {
    this.root = root;
    this.store = store;
    this.options = options;
    this.resolved = resolveIndexOptions(options, availableParallelism());
  }

  /** Why parse workers are not in use (null when they are, or when none were asked for). */
  get workerProblem(): string | null {
    return this.poolProblem;
  }

  private ensurePool(): ParsePool | null {
    if (this.pool || this.poolProblem || this.resolved.workers === 0) return this.pool;
    try {
      this.pool = new ParsePool(this.resolved.workers);
    } catch (err) {
      this.poolProblem = errorMessage(err);
    }
    return this.pool;
  }

  /** Cold or warm index of the whole workspace (unchanged files are not re-parsed). */
  async indexAll(run: { onProgress?: ProgressCallback; signal?: AbortSignal; force?: boolean } = {}): Promise<IndexSummary> {
    // the native extractor parses on its own threads: worker isolates would only cost memory
    const pool = usesNativeEngine(this.resolved) ? null : this.ensurePool();
    const opts: Parameters<typeof indexWorkspace>[2] = { ...this.options, pool };
    if (run.onProgress) opts.onProgress = run.onProgress;
    if (run.signal) opts.signal = run.signal;
    if (run.force !== undefined) opts.force = run.force;
    return indexWorkspace(this.root, this.store, opts);
  }

  /** Workspace-relative forward-slash path, or null when the path lies outside the workspace. */
  relativePath(path: string): string | null {
    const rel = isAbsolute(path) ? relative(this.root, path) : path;
    const norm = rel.split(sep).join('/').replace(/^\.\//, '');
    if (norm === '' || norm.startsWith('../') || norm === '..' || isAbsolute(norm)) return null;
    return norm;
  }

  isOpen(path: string): boolean {
    const rel = this.relativePath(path);
    return rel !== null && this.docs.has(rel);
  }

  /** didOpen: remembers the buffer and indexes it. */
  openDocument(path: string, text: string): UpdateOutcome {
    const rel = this.relativePath(path);
    if (rel !== null) this.docs.delete(rel);
    return this.updateFile(path, text);
  }

  /** didClose: forgets the Tree; the rows stay (the next file event or index reconciles with disk). */
  closeDocument(path: string): void {
    const rel = this.relativePath(path);
    if (rel !== null) this.docs.delete(rel);
  }

  /**
   * didChange (after the caller's debounce): `newText` is the full buffer; `changes` are the LSP
   * content changes since the last call, in order (when debouncing, pass all of them or none: without
   * them the edit is derived from the old and new text). Parses incrementally when a Tree is kept,
   * and commits the file's changed rows in one transaction before returning.
   */
  updateFile(path: string, newText: string, changes?: readonly ContentChange[]): UpdateOutcome {
    const rel = this.relativePath(path);
    if (rel === null) return { status: 'skipped', path, reason: 'outside the workspace' };
    const language = languageForPath(rel);
    if (!language) return { status: 'skipped', path: rel, reason: 'not a language the graph indexes' };
    let doc = this.docs.get(rel);
    if (doc && doc.language !== language) doc = undefined;
    const ignored = doc ? doc.ignored : isPathIgnored(this.root, rel, this.resolved) ? 'excluded by .gitignore or the exclude list' : null;
    const skip = ignored ?? generatedReason(newText);

    let tree: Parser.Tree;
    let incremental = false;
    let result: ExtractResult | null = null;
    if (doc && !skip) {
      if (doc.text === newText) return { status: 'unchanged', path: rel };
      const edits = this.editsFor(doc.text, newText, changes);
      for (const e of edits) doc.tree.edit(e);
      tree = parseSource(language, newText, doc.tree);
      incremental = true;
      const overall = edits.length === 1 ? edits[0]! : diffEdit(doc.text, newText);
      if (doc.result && overall) result = extractEditedRegion(language, newText, doc.tree, tree, doc.result, overall);
    } else {
      tree = parseSource(language, skip ? '' : newText);
    }
    const extracted = result ? 'region' : 'full';
    if (!skip && !result) result = extractTree(language, newText, tree);
    // a skipped document keeps an empty tree, so its text must be empty too for later edits to line up
    this.docs.set(rel, { language, text: skip ? '' : newText, tree, result, ignored });
    if (skip || !result) {
      if (this.store.getFile(rel)) {
        this.store.transaction(() => this.store.removeFile(rel));
      }
      return { status: 'skipped', path: rel, reason: skip ?? 'not extracted' };
    }
    // mtime 0 marks rows taken from an unsaved buffer: the next index re-hashes the file on disk
    const file = toExtractedFile({ path: rel, text: newText, mtimeMs: 0 }, language, result);
    const stats = this.store.transaction(() => this.store.upsertFile(file));
    return { status: 'indexed', path: rel, incremental, extracted, hasErrors: result.hasErrors, stats };
  }

  private editsFor(oldText: string, newText: string, changes: readonly ContentChange[] | undefined): TreeEdit[] {
    if (changes && changes.length) {
      const applied = applyContentChanges(oldText, changes);
      // ranges that do not reproduce the buffer (client and server out of step) are not trusted
      if (applied.edits && applied.text === newText) return applied.edits;
    }
    const e = diffEdit(oldText, newText);
    return e ? [e] : [];
  }

  /**
   * didSave / workspace/didChangeWatchedFiles: re-reads created and changed files from disk (an open
   * buffer stays the truth unless disk now equals it), removes deleted ones.
   */
  async applyFileEvents(events: readonly FileEvent[]): Promise<FileEventsSummary> {
    const out: FileEventsSummary = { indexed: 0, unchanged: 0, removed: 0, skipped: 0 };
    for (let i = 0; i < events.length; i += EVENTS_PER_TRANSACTION) {
      const slice = events.slice(i, i + EVENTS_PER_TRANSACTION);
      this.store.transaction(() => {
        for (const ev of slice) this.applyOne(ev, out);
      });
      if (i + EVENTS_PER_TRANSACTION < events.length) await yieldTurn();
    }
    return out;
  }

  private applyOne(ev: FileEvent, out: FileEventsSummary): void {
    const rel = this.relativePath(ev.path);
    const language = rel === null ? null : languageForPath(rel);
    if (rel === null || !language) {
      out.skipped++;
      return;
    }
    const stored = this.store.getFile(rel);
    const drop = (): void => {
      if (stored) {
        this.store.removeFile(rel);
        out.removed++;
      } else out.skipped++;
    };
    if (ev.type === 'deleted') return drop();
    if (isPathIgnored(this.root, rel, this.resolved)) return drop();
    const absPath = join(this.root, rel);
    let st;
    try {
      st = statSync(absPath);
    } catch {
      // the file vanished between the event and now: same as deleted
      return drop();
    }
    if (!st.isFile() || st.size > this.resolved.maxFileBytes) return drop();
    const doc = this.docs.get(rel);
    const knownHash = doc ? contentHash(doc.text) : (stored?.hash ?? null);
    const r = runFileJob({ path: rel, absPath, language, mtimeMs: st.mtimeMs, knownHash, size: st.size });
    if (r.status === 'unchanged') {
      this.store.touchFile?.(rel, r.mtimeMs);
      out.unchanged++;
    } else if (doc) {
      out.skipped++; // disk differs from the open buffer: the buffer wins until it is saved
    } else if (r.status === 'parsed') {
      this.store.upsertFile(r.file);
      out.indexed++;
    } else drop();
  }

  async dispose(): Promise<void> {
    this.docs.clear();
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.dispose();
  }
}
