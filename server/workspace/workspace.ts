/**
 * The workspace view every tool works on: files on disk overlaid with the documents open in the
 * editor (the agent sees unsaved buffer text), behind path containment, with atomic, format-keeping
 * writes. It knows nothing about LSP connections: the LSP layer feeds it open/change/close calls.
 */
import { realpathSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SmallCodeError } from '../core/errors.js';
import { atomicWriteFile } from './atomic-write.js';
import { decodeText, encodeText } from './text-decode.js';
import { applyTextFormat, DEFAULT_TEXT_FORMAT, detectTextFormat, type TextFormat } from './text-format.js';
import { realpathOfNearestAncestor, resolveInWorkspace, type ResolvedPath } from './workspace-paths.js';

export interface OpenDocument {
  /** The URI exactly as the client sent it (edits for this document must use it). */
  uri: string;
  /** Real absolute path. */
  abs: string;
  text: string;
  /** The client's version; null after the agent changed the text and before the client confirmed a new version. */
  version: number | null;
}

export interface ReadTextResult {
  path: string;
  abs: string;
  uri: string;
  text: string;
  version: number | null;
  fromBuffer: boolean;
  format: TextFormat;
}

export interface FileStat {
  exists: boolean;
  isFile: boolean;
  /** Permission bits (e.g. 0o644), null when the file does not exist on disk. */
  mode: number | null;
  size: number;
}

export interface WriteTextOptions {
  /** Re-apply the existing file's line endings, BOM and final-newline state (default true). */
  preserveFormat?: boolean;
  mode?: number;
}

export interface WriteTextResult {
  path: string;
  abs: string;
  /** The text as written (after format preservation, without BOM). */
  text: string;
  created: boolean;
}

export class Workspace {
  /** Real absolute path of the workspace root. */
  readonly root: string;
  private readonly docs = new Map<string, OpenDocument>();

  constructor(root: string) {
    try {
      this.root = realpathSync.native(path.resolve(root));
    } catch (err) {
      throw new SmallCodeError('FileNotFound', `Workspace folder ${root} does not exist.`, { path: root }, { cause: err });
    }
  }

  /** @throws SmallCodeError PathOutsideWorkspace | PathForbidden */
  resolve(p: string): ResolvedPath {
    return resolveInWorkspace(this.root, p);
  }

  /** Workspace-relative '/'-separated path of `p`. */
  relative(p: string): string {
    return this.resolve(p).rel;
  }

  /** The URI to address `p` with: the open document's own URI when open, else a file:// URI. */
  uri(p: string): string {
    const { abs } = this.resolve(p);
    return this.docs.get(abs)?.uri ?? pathToFileURL(abs).href;
  }

  // ---- open documents (fed by the LSP layer) ----

  /** Returns false (and ignores the document) when the URI does not name a file on disk. */
  openDocument(uri: string, text: string, version: number): boolean {
    const abs = docPath(uri);
    if (abs === null) return false;
    this.docs.set(abs, { uri, abs, text, version });
    return true;
  }

  /** Full-text change (the LSP layer applies incremental changes and passes the result). */
  changeDocument(uri: string, text: string, version: number): boolean {
    return this.openDocument(uri, text, version);
  }

  closeDocument(uri: string): void {
    const abs = docPath(uri);
    if (abs !== null) this.docs.delete(abs);
  }

  /** The open document for `p`, if any (no containment check: also for display). */
  document(p: string): OpenDocument | undefined {
    return this.docs.get(this.resolve(p).abs);
  }

  openDocuments(): OpenDocument[] {
    return [...this.docs.values()];
  }

  /**
   * Records text the agent put into an open buffer (through workspace/applyEdit, or on disk without an
   * editor to mirror to), so the next read sees it before the client's didChange arrives.
   */
  noteAgentText(p: string, text: string): void {
    const doc = this.docs.get(this.resolve(p).abs);
    // The client's didChange may have arrived first: then the buffer's version is known, keep it.
    if (doc && doc.text !== text) {
      doc.text = text;
      doc.version = null;
    }
  }

  // ---- reading ----

  async stat(p: string): Promise<FileStat> {
    const { abs } = this.resolve(p);
    const st = await fs.stat(abs).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
      throw err;
    });
    if (!st) return { exists: this.docs.has(abs), isFile: this.docs.has(abs), mode: null, size: 0 };
    return { exists: true, isFile: st.isFile(), mode: st.mode & 0o7777, size: st.size };
  }

  async exists(p: string): Promise<boolean> {
    return (await this.stat(p)).exists;
  }

  /** Raw bytes on disk (buffers ignored), or null when the file does not exist. */
  async readBytes(p: string): Promise<Uint8Array | null> {
    return readDisk(this.resolve(p).abs);
  }

  /**
   * Text of a file as the user sees it: the open buffer when there is one, else the disk.
   * @throws SmallCodeError FileNotFound | BinaryFile | NotUtf8 | PathOutsideWorkspace | PathForbidden
   */
  async readText(p: string): Promise<ReadTextResult> {
    const { abs, rel } = this.resolve(p);
    const doc = this.docs.get(abs);
    const bytes = await readDisk(abs);
    if (doc) {
      const bom = bytes !== null && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      return { path: rel, abs, uri: doc.uri, text: doc.text, version: doc.version, fromBuffer: true, format: detectTextFormat(doc.text, bom) };
    }
    if (bytes === null) {
      throw new SmallCodeError('FileNotFound', `${rel} does not exist in the workspace.`, { path: rel, next: 'Check the path (list or search files first), or create the file.' });
    }
    const { text, bom } = decodeText(bytes, rel);
    return { path: rel, abs, uri: pathToFileURL(abs).href, text, version: null, fromBuffer: false, format: detectTextFormat(text, bom) };
  }

  // ---- writing ----

  /**
   * Atomically writes text, keeping the existing file's mode, line endings, BOM and final newline.
   * Refuses to overwrite a binary or non-UTF-8 file. Open buffers are not touched (see noteAgentText).
   */
  async writeText(p: string, text: string, options: WriteTextOptions = {}): Promise<WriteTextResult> {
    const { abs, rel } = this.resolve(p);
    const bytes = await readDisk(abs);
    let format: TextFormat = DEFAULT_TEXT_FORMAT;
    const doc = this.docs.get(abs);
    if (bytes !== null) {
      const decoded = decodeText(bytes, rel);
      format = detectTextFormat(doc ? doc.text : decoded.text, decoded.bom);
    } else if (doc) {
      format = detectTextFormat(doc.text, false);
    }
    let out = text.startsWith('\uFEFF') ? text.slice(1) : text;
    if (options.preserveFormat !== false) out = applyTextFormat(out, format);
    await atomicWriteFile(abs, encodeText(out, format.bom), options.mode === undefined ? {} : { mode: options.mode });
    return { path: rel, abs, text: out, created: bytes === null };
  }

  /** Atomically writes raw bytes (used by rollback; no format handling). */
  async writeBytes(p: string, data: Uint8Array, options: { mode?: number } = {}): Promise<void> {
    await atomicWriteFile(this.resolve(p).abs, data, options);
  }

  /** Deletes a file; returns false when it did not exist. */
  async deleteFile(p: string): Promise<boolean> {
    const { abs } = this.resolve(p);
    try {
      await fs.unlink(abs);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /** Renames a file inside the workspace; refuses to overwrite an existing target unless asked. */
  async rename(from: string, to: string, options: { overwrite?: boolean } = {}): Promise<void> {
    const src = this.resolve(from);
    const dst = this.resolve(to);
    if (!options.overwrite && (await readDisk(dst.abs)) !== null) {
      throw new SmallCodeError('FileExists', `Cannot rename ${src.rel} to ${dst.rel}: ${dst.rel} already exists.`, { path: dst.rel });
    }
    await fs.mkdir(path.dirname(dst.abs), { recursive: true });
    await fs.rename(src.abs, dst.abs);
  }
}

function docPath(uri: string): string | null {
  if (!/^file:/i.test(uri)) return null;
  try {
    return realpathOfNearestAncestor(fileURLToPath(uri));
  } catch (err) {
    // A malformed URI from the client names no file we could edit; the document is simply not tracked.
    void err;
    return null;
  }
}

async function readDisk(abs: string): Promise<Uint8Array | null> {
  try {
    return await fs.readFile(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') throw new SmallCodeError('FileNotFound', `${abs} is a directory, not a file.`, { path: abs });
    throw err;
  }
}
