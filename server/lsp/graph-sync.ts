/**
 * LSP side of keeping the code graph fresh: taps document sync (content changes included) into
 * server/agent/graph-sync.ts, runs the start-up index with work-done progress, and gets on-disk
 * changes through a registered `workspace/didChangeWatchedFiles` watcher or the fallback watcher.
 * No graph logic here: it converts URIs and events and calls the core.
 */
import { fileURLToPath } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DirectoryWatcher, GraphSync, rootPolicy, type GraphHandle, type RootPolicy } from '../agent/graph-sync.js';
import type { Host } from '../agent/host.js';
import { errorMessage } from '../core/errors.js';
import type { FileEvent } from '../graph/indexer/graph-indexer.js';
import { beginProgress, type Progress } from './progress.js';

/** The files the graph indexes, for the client-side watcher. */
export const WATCH_GLOB = '**/*.{ts,mts,cts,tsx,js,mjs,cjs,jsx,py,pyi,go,rs}';

export type ChangeTap = (uri: string, text: string, changes: readonly TextDocumentContentChangeEvent[]) => void;

/** TextDocuments that also report each didChange's content changes (TextDocuments' own events carry only the new text). */
export function trackedDocuments(tap: ChangeTap): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (doc, changes, version) => {
      const updated = TextDocument.update(doc, changes, version);
      tap(updated.uri, updated.getText(), changes);
      return updated;
    },
  });
}

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch (err) {
    void err; // a malformed file URI names nothing the graph has
    return null;
  }
}

export class LspGraphSync {
  readonly core: GraphSync;
  private policy: RootPolicy | undefined;
  private watcher: DirectoryWatcher | null = null;
  private watching = false;
  /** Settles once `initialized` has decided the policy (and opened the graph of a project root). */
  private readonly started: Promise<void>;
  private markStarted: () => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly host: Host,
    documents: TextDocuments<TextDocument>,
    private readonly client: () => ClientCapabilities | undefined,
  ) {
    this.core = new GraphSync({ log: (line) => connection.console.log(line) });
    this.started = new Promise<void>((resolve) => (this.markStarted = resolve));
    documents.onDidOpen((e) => {
      const path = uriToPath(e.document.uri);
      if (path) this.core.openDocument(path, e.document.getText());
    });
    documents.onDidSave((e) => {
      const path = uriToPath(e.document.uri);
      if (path) void this.core.saveDocument(path);
    });
    documents.onDidClose((e) => {
      const path = uriToPath(e.document.uri);
      if (path) void this.core.closeDocument(path);
    });
    connection.onDidChangeWatchedFiles((params) => {
      const events: FileEvent[] = [];
      for (const c of params.changes) {
        const path = uriToPath(c.uri);
        if (path) events.push({ path, type: c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed' });
      }
      void this.core.filesChanged(events);
    });
  }

  /** Feed of trackedDocuments(). */
  changed(uri: string, text: string, changes: readonly TextDocumentContentChangeEvent[]): void {
    const path = uriToPath(uri);
    if (path) this.core.changeDocument(path, text, changes);
  }

  /**
   * At `initialized`: indexes a project root in the background with progress; leaves a root without
   * project markers to the first graph request, and a runaway root (`/`, home) without a graph.
   */
  async initialized(): Promise<void> {
    try {
      await this.startUp();
    } finally {
      this.markStarted();
    }
  }

  private async startUp(): Promise<void> {
    const policy = (this.policy = rootPolicy(this.host.root));
    if (policy.index === 'never') {
      this.host.disableGraph(policy.reason);
      return;
    }
    if (policy.index === 'on-demand') {
      this.connection.console.log(`graph: no index at start-up: ${policy.reason}`);
      return;
    }
    let progress: Progress | null = null;
    const latest: { message?: string; pct?: number } = {};
    // host.graph() first: a graph request racing the progress round trip must find the same index
    const g = this.host.graph((done, total, message) => {
      latest.message = message;
      if (total > 0) latest.pct = (100 * done) / total;
      progress?.report(message, latest.pct);
    });
    if (!g) return;
    const synced = this.startSync(g);
    this.markStarted();
    progress = await beginProgress(this.connection, 'SmallCode: indexing', { clientSupportsCreate: Boolean(this.client()?.window?.workDoneProgress) });
    if (latest.message !== undefined) progress.report(latest.message, latest.pct);
    await synced;
    try {
      const c = g.graph.store.counts();
      progress.done(`${c.files} files, ${c.symbols} symbols`);
    } catch (err) {
      progress.done(`stopped: ${errorMessage(err)}`); // the store closed under us: shutdown
    }
  }

  /** The graph for a provider request: the synced one, or (root without markers) opened now. */
  async handle(): Promise<GraphHandle | null> {
    let timer: NodeJS.Timeout | undefined;
    // a request racing `initialized` waits for its decision (bounded: a client that never sends it still gets answers)
    await Promise.race([this.started, new Promise<void>((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
    const attached = this.core.attached;
    if (attached) return attached;
    if (this.policy?.index !== 'on-demand') return null;
    const g = this.host.graph();
    if (g) void this.startSync(g);
    return g;
  }

  private async startSync(g: GraphHandle): Promise<void> {
    this.startWatching();
    try {
      await this.core.attach(g);
    } catch (err) {
      this.connection.console.warn(`graph: sync failed: ${errorMessage(err)}`);
    }
  }

  private startWatching(): void {
    if (this.watching) return;
    this.watching = true;
    if (this.client()?.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] })
        .then(() => this.connection.console.log('graph: watching files through the client'))
        .catch((err: unknown) => {
          this.connection.console.warn(`graph: the client refused a file watcher (${errorMessage(err)}); watching the disk instead`);
          this.watchDisk();
        });
      return;
    }
    this.watchDisk();
  }

  private watchDisk(): void {
    this.watcher = DirectoryWatcher.start(this.host.root, (events) => void this.core.filesChanged(events), (line) => this.connection.console.log(line));
    if (this.watcher) this.connection.console.log(`graph: watching ${this.watcher.watchedDirectories} folders on disk`);
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = null;
    this.core.dispose();
  }
}
