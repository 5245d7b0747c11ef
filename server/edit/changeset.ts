/**
 * A task's changes, accumulated in one changeset. `apply` mode snapshots, writes atomically and
 * mirrors each change into open buffers through an injected applyEdit callback, undoing the write
 * when the client rejects; `propose` mode writes nothing and serves reads from the proposed state.
 * It never imports the LSP connection and never decides *what* to change (tools and the engine do).
 */
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { errorMessage, SmallCodeError } from '../core/errors.js';
import { decodeText } from '../workspace/text-decode.js';
import type { Workspace } from '../workspace/workspace.js';
import type { SnapshotStore } from './snapshots.js';
import { renderUnifiedDiff } from './unified-diff-render.js';
import { buildWorkspaceEdit, FULL_EDIT_CAPABILITIES, type DocumentChange, type EditClientCapabilities } from './workspace-edit.js';

export type ApplyEditFn = (edit: WorkspaceEdit) => Promise<{ applied: boolean; failureReason?: string }>;
export type ChangesetMode = 'apply' | 'propose';

export interface ChangesetOptions {
  workspace: Workspace;
  taskId: string;
  mode: ChangesetMode;
  /** Null or absent: no on-disk snapshots (SMALLCODE_SNAPSHOT=false); rollback is then impossible. */
  snapshots?: SnapshotStore | null;
  /** The LSP layer passes connection.workspace.applyEdit; absent outside an editor. */
  applyEdit?: ApplyEditFn;
  capabilities?: EditClientCapabilities;
  /** Label of the change annotation in propose mode. */
  label?: string;
}

/** One file's story in this task, from its state at first touch to now. */
interface FileState {
  /** Path at first touch; null when the task created the file. */
  origPath: string | null;
  /** Path now; null when the task deleted the file. */
  path: string | null;
  originalText: string | null;
  originalVersion: number | null;
  originalUri: string | null;
  text: string | null;
}

export interface ChangeOutcome {
  kind: 'create' | 'edit' | 'delete' | 'rename';
  path: string;
  /** The text now in the file (as written, after format preservation); null after a delete. */
  text: string | null;
  /** Unified diff of this one change. */
  diff: string;
}

export interface ChangesetReadResult {
  path: string;
  text: string;
  version: number | null;
  fromBuffer: boolean;
}

export class Changeset {
  readonly taskId: string;
  readonly mode: ChangesetMode;
  private readonly ws: Workspace;
  private readonly snapshots: SnapshotStore | null;
  private readonly applyEditFn: ApplyEditFn | undefined;
  private readonly caps: EditClientCapabilities;
  private readonly label: string;
  private states: FileState[] = [];
  private turnNo = 0;
  private readonly checkpoints = new Map<number, FileState[]>();

  constructor(options: ChangesetOptions) {
    this.ws = options.workspace;
    this.taskId = options.taskId;
    this.mode = options.mode;
    this.snapshots = options.snapshots ?? null;
    this.applyEditFn = options.applyEdit;
    this.caps = options.capabilities ?? FULL_EDIT_CAPABILITIES;
    this.label = options.label ?? `SmallCode task ${options.taskId}`;
    this.checkpoints.set(0, []);
  }

  get turn(): number {
    return this.turnNo;
  }

  /** Starts the next turn (snapshots are taken per turn, so a turn can be rolled back on its own). */
  beginTurn(): number {
    this.turnNo++;
    this.checkpoints.set(this.turnNo, this.states.map((s) => ({ ...s })));
    return this.turnNo;
  }

  /** Text of a file as the task sees it: in propose mode, including its own proposed changes. */
  async readText(p: string): Promise<ChangesetReadResult> {
    const rel = this.ws.relative(p);
    if (this.mode === 'propose') {
      const st = this.byPath(rel);
      if (st) return { path: rel, text: st.text ?? '', version: null, fromBuffer: false };
      if (this.vacated(rel)) throw notFound(rel);
    }
    const r = await this.ws.readText(rel);
    return { path: r.path, text: r.text, version: r.version, fromBuffer: r.fromBuffer };
  }

  async exists(p: string): Promise<boolean> {
    const rel = this.ws.relative(p);
    if (this.mode === 'propose') {
      if (this.byPath(rel)) return true;
      if (this.vacated(rel)) return false;
    }
    return this.ws.exists(rel);
  }

  /** Creates a new file. @throws FileExists unless `overwrite` (then it is an edit). */
  async create(p: string, text: string, options: { overwrite?: boolean } = {}): Promise<ChangeOutcome> {
    const rel = this.ws.relative(p);
    if (await this.exists(rel)) {
      if (options.overwrite) return this.edit(rel, text);
      throw new SmallCodeError('FileExists', `${rel} already exists; read it and edit it instead of creating it.`, { path: rel, next: `read_file ${rel}` });
    }
    let written = text;
    if (this.mode === 'apply') {
      await this.snapshot([rel]);
      written = (await this.ws.writeText(rel, text)).text;
    }
    const revived = this.states.find((s) => s.origPath === rel && s.path === null);
    if (revived) {
      revived.path = rel;
      revived.text = written;
    } else {
      this.states.push({ origPath: null, path: rel, originalText: null, originalVersion: null, originalUri: null, text: written });
    }
    return { kind: 'create', path: rel, text: written, diff: renderUnifiedDiff(null, written, { newPath: rel }) };
  }

  /** Replaces the whole text of an existing file (the engine computed `newText` from a read). */
  async edit(p: string, newText: string): Promise<ChangeOutcome> {
    const rel = this.ws.relative(p);
    const cur = await this.readText(rel);
    let st = this.byPath(rel);
    if (!st) {
      st = { origPath: rel, path: rel, originalText: cur.text, originalVersion: cur.version, originalUri: this.ws.uri(rel), text: cur.text };
      this.states.push(st);
    }
    let written = newText;
    if (this.mode === 'apply' && newText !== cur.text) {
      await this.snapshot([rel]);
      written = await this.writeAndMirror(rel, newText);
    }
    st.text = written;
    return { kind: 'edit', path: rel, text: written, diff: renderUnifiedDiff(cur.text, written, { newPath: rel }) };
  }

  async delete(p: string): Promise<ChangeOutcome> {
    const rel = this.ws.relative(p);
    const cur = await this.readText(rel);
    if (this.mode === 'apply') {
      await this.snapshot([rel]);
      await this.ws.deleteFile(rel);
    }
    const st = this.byPath(rel);
    if (st && st.origPath === null) {
      this.states = this.states.filter((s) => s !== st);
    } else if (st) {
      st.path = null;
      st.text = null;
    } else {
      this.states.push({ origPath: rel, path: null, originalText: cur.text, originalVersion: cur.version, originalUri: this.ws.uri(rel), text: null });
    }
    return { kind: 'delete', path: rel, text: null, diff: renderUnifiedDiff(cur.text, null, { newPath: rel }) };
  }

  async rename(from: string, to: string): Promise<ChangeOutcome> {
    const src = this.ws.relative(from);
    const dst = this.ws.relative(to);
    const cur = await this.readText(src);
    if (await this.exists(dst)) throw new SmallCodeError('FileExists', `Cannot rename ${src} to ${dst}: ${dst} already exists.`, { path: dst });
    if (this.mode === 'apply') {
      await this.snapshot([src, dst]);
      await this.ws.rename(src, dst);
    }
    let st = this.byPath(src);
    if (!st) {
      st = { origPath: src, path: src, originalText: cur.text, originalVersion: cur.version, originalUri: this.ws.uri(src), text: cur.text };
      this.states.push(st);
    }
    st.path = dst;
    return { kind: 'rename', path: dst, text: cur.text, diff: renderUnifiedDiff(cur.text, cur.text, { oldPath: src, newPath: dst }) };
  }

  /**
   * Undoes turn `turn` and every later one: restores the files from the on-disk snapshot (apply mode),
   * the changeset's own record, and the open buffers. Returns the restored and deleted paths.
   */
  async rollbackTurn(turn = this.turnNo): Promise<{ restored: string[]; deleted: string[] }> {
    const checkpoint = this.checkpoints.get(turn) ?? this.checkpoints.get(0)!;
    let result = { restored: [] as string[], deleted: [] as string[] };
    if (this.mode === 'apply') {
      if (!this.snapshots) throw new SmallCodeError('SnapshotMissing', 'Snapshots are off (SMALLCODE_SNAPSHOT=false), so this turn cannot be rolled back.');
      const r = await this.snapshots.rollbackTurn(this.taskId, turn);
      result = { restored: r.restored, deleted: r.deleted };
      await mirrorDiskToBuffers(this.ws, r.restored, this.applyEditFn, this.caps);
    }
    this.states = checkpoint.map((s) => ({ ...s }));
    return result;
  }

  // ---- results for RunResult ----

  /**
   * The task's whole change as one WorkspaceEdit (original → current text per file). In propose mode
   * every edit carries a change annotation with needsConfirmation, so editors open a review.
   */
  workspaceEdit(): WorkspaceEdit {
    // Resource operations run in order on the client: deletes free names, renames move files (a
    // rename into a name another rename frees goes after it), then creates, then text edits.
    const deletes: DocumentChange[] = [];
    const renames: Array<{ kind: 'rename'; oldUri: string; newUri: string }> = [];
    const creates: DocumentChange[] = [];
    const edits: DocumentChange[] = [];
    const uriOf = (p: string): string => this.ws.uri(p);
    for (const s of this.states) {
      if (s.origPath === null && s.path !== null) {
        creates.push({ kind: 'create', uri: uriOf(s.path), text: s.text ?? '' });
      } else if (s.origPath !== null && s.path === null) {
        deletes.push({ kind: 'delete', uri: s.originalUri ?? uriOf(s.origPath) });
      } else if (s.origPath !== null && s.path !== null) {
        let uri = s.originalUri ?? uriOf(s.origPath);
        let version = s.originalVersion;
        if (s.path !== s.origPath) {
          const newUri = uriOf(s.path);
          renames.push({ kind: 'rename', oldUri: uri, newUri });
          uri = newUri;
          version = null;
        }
        if (s.text !== s.originalText) edits.push({ kind: 'edit', uri, version, oldText: s.originalText ?? '', newText: s.text ?? '' });
      }
    }
    const changes: DocumentChange[] = [...deletes, ...orderRenames(renames), ...creates, ...edits];
    const annotation =
      this.mode === 'propose' ? { id: `smallcode-${this.taskId}`, label: this.label, description: 'Proposed by SmallCode; review before applying.', needsConfirmation: true } : undefined;
    return buildWorkspaceEdit(changes, this.caps, annotation).edit;
  }

  filesCreated(): string[] {
    return this.states.filter((s) => s.origPath === null && s.path !== null).map((s) => s.path!).sort();
  }

  /** Existing files whose content or name changed (a renamed file is listed under its new name). */
  filesEdited(): string[] {
    return this.states
      .filter((s) => s.origPath !== null && s.path !== null && (s.text !== s.originalText || s.path !== s.origPath))
      .map((s) => s.path!)
      .sort();
  }

  filesDeleted(): string[] {
    return this.states.filter((s) => s.origPath !== null && s.path === null).map((s) => s.origPath!).sort();
  }

  /** Readable unified diff of the whole task, file by file. */
  unifiedDiff(): string {
    return this.states
      .map((s) => renderUnifiedDiff(s.originalText, s.text, { oldPath: s.origPath ?? s.path ?? '', newPath: s.path ?? s.origPath ?? '' }))
      .filter((d) => d !== '')
      .join('');
  }

  // ---- internals ----

  private byPath(rel: string): FileState | undefined {
    return this.states.find((s) => s.path === rel);
  }

  /** The file that was at `rel` was deleted or renamed away in this task (and nothing took its place). */
  private vacated(rel: string): boolean {
    return this.states.some((s) => s.origPath === rel && s.path !== rel);
  }

  private async snapshot(paths: string[]): Promise<void> {
    if (this.snapshots) await this.snapshots.snapshot(this.taskId, this.turnNo, paths);
  }

  /** Writes the file, then mirrors it into its open buffer; a rejected mirror puts the old bytes back. */
  private async writeAndMirror(rel: string, newText: string): Promise<string> {
    const before = await this.ws.readBytes(rel);
    const beforeMode = (await this.ws.stat(rel)).mode;
    const written = (await this.ws.writeText(rel, newText)).text;
    const doc = this.ws.document(rel);
    if (doc && this.applyEditFn && written !== doc.text) {
      const { edit } = buildWorkspaceEdit([{ kind: 'edit', uri: doc.uri, version: doc.version, oldText: doc.text, newText: written }], this.caps);
      let outcome: { applied: boolean; failureReason?: string };
      try {
        outcome = await this.applyEditFn(edit);
      } catch (err) {
        outcome = { applied: false, failureReason: errorMessage(err) };
      }
      if (!outcome.applied) {
        if (before === null) await this.ws.deleteFile(rel);
        else await this.ws.writeBytes(rel, before, beforeMode === null ? {} : { mode: beforeMode });
        const why = outcome.failureReason ? `: ${outcome.failureReason}` : ' (the editor gave no reason; the buffer may have changed meanwhile)';
        throw new SmallCodeError('ApplyRejected', `The editor rejected the change to ${rel}${why}. The file was restored; nothing was changed. Read the file again and retry.`, {
          path: rel,
          failureReason: outcome.failureReason ?? null,
        });
      }
    }
    // Without this, a read before the client's didChange arrives would see the old buffer text.
    this.ws.noteAgentText(rel, written);
    return written;
  }
}

/**
 * After files were restored on disk (rollback), puts the same text into their open buffers so the
 * editor and the disk agree. Files that are not open, or are not text, are skipped.
 */
export async function mirrorDiskToBuffers(ws: Workspace, relPaths: readonly string[], applyEdit: ApplyEditFn | undefined, caps: EditClientCapabilities = FULL_EDIT_CAPABILITIES): Promise<string[]> {
  const mirrored: string[] = [];
  const changes: DocumentChange[] = [];
  const texts = new Map<string, string>();
  for (const rel of relPaths) {
    const doc = ws.document(rel);
    const bytes = doc ? await ws.readBytes(rel) : null;
    if (!doc || bytes === null) continue;
    let text: string;
    try {
      text = decodeText(bytes, rel).text;
    } catch (err) {
      // A binary or non-UTF-8 file has no text to put into a buffer; the disk restore already happened.
      void err;
      continue;
    }
    if (text === doc.text) continue;
    changes.push({ kind: 'edit', uri: doc.uri, version: doc.version, oldText: doc.text, newText: text });
    texts.set(rel, text);
  }
  if (changes.length === 0) return mirrored;
  if (applyEdit) {
    const { edit } = buildWorkspaceEdit(changes, caps);
    const r = await applyEdit(edit);
    if (!r.applied) {
      throw new SmallCodeError('ApplyRejected', `The files were restored on disk, but the editor refused to update its open buffers${r.failureReason ? `: ${r.failureReason}` : ''}. Reload them from disk.`, {
        paths: [...texts.keys()],
      });
    }
  }
  for (const [rel, text] of texts) {
    ws.noteAgentText(rel, text);
    mirrored.push(rel);
  }
  return mirrored;
}

/**
 * Orders renames so each runs after the rename that frees its target name; a cycle (a swap) is
 * broken by moving one file to a temporary name first.
 */
function orderRenames<T extends { oldUri: string; newUri: string }>(renames: T[]): T[] {
  const out: T[] = [];
  const pending = [...renames];
  while (pending.length > 0) {
    const i = pending.findIndex((r) => !pending.some((o) => o !== r && o.oldUri === r.newUri));
    if (i !== -1) {
      out.push(...pending.splice(i, 1));
      continue;
    }
    const r = pending.shift()!;
    const parked = `${r.oldUri}.smallcode-rename`;
    out.push({ ...r, newUri: parked });
    pending.push({ ...r, oldUri: parked });
  }
  return out;
}

function notFound(rel: string): SmallCodeError {
  return new SmallCodeError('FileNotFound', `${rel} does not exist (this task deleted or renamed it).`, { path: rel });
}
