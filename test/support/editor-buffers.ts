/**
 * A tiny stand-in for an editor's open buffers in LSP tests: answers workspace/applyEdit the way an
 * editor does (checks each TextDocumentEdit's version, applies its edits in UTF-16 positions, bumps
 * the version and sends didChange). It applies edits with its own code, independent of server/edit.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { ApplyEditAnswer, LspTestClient } from './lsp-client.js';

interface Pos {
  line: number;
  character: number;
}
interface WireTextEdit {
  range: { start: Pos; end: Pos };
  newText: string;
}
interface WireDocEdit {
  textDocument: { uri: string; version: number | null };
  edits: WireTextEdit[];
}

export interface Buffer {
  uri: string;
  text: string;
  version: number;
}

/** Offset (UTF-16 code units) of an LSP position in `text`; lines split on \n (a \r stays in its line). */
export function offsetAt(text: string, pos: Pos): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + pos.character, end);
}

/** Applies non-overlapping LSP text edits (any order) to `text`. */
export function applyWireEdits(text: string, edits: readonly WireTextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

export class EditorBuffers {
  readonly buffers = new Map<string, Buffer>();
  /** Every WorkspaceEdit received, in order. */
  readonly received: unknown[] = [];
  client: LspTestClient | undefined;
  /** Set to make the next applyEdit answers refuse (like a user pressing "cancel"). */
  refuse: { failureReason?: string } | null = null;

  constructor(readonly root: string) {}

  uri(rel: string): string {
    return pathToFileURL(join(this.root, rel)).href;
  }

  async open(client: LspTestClient, rel: string, text: string, version = 1, languageId = 'typescript'): Promise<Buffer> {
    this.client = client;
    const b: Buffer = { uri: this.uri(rel), text, version };
    this.buffers.set(b.uri, b);
    await client.openDocument(b.uri, text, languageId, version);
    return b;
  }

  text(rel: string): string | undefined {
    return this.buffers.get(this.uri(rel))?.text;
  }

  /** The applyEdit handler to pass to LspTestClient.start. */
  readonly applyEdit = async (edit: unknown): Promise<ApplyEditAnswer> => {
    this.received.push(edit);
    if (this.refuse) return { applied: false, ...this.refuse };
    const e = edit as { documentChanges?: (WireDocEdit | { kind: string })[]; changes?: Record<string, WireTextEdit[]> };
    const docEdits: WireDocEdit[] = [];
    for (const dc of e.documentChanges ?? []) {
      if ('kind' in dc) continue; // resource operations touch disk only
      docEdits.push(dc);
    }
    for (const [uri, edits] of Object.entries(e.changes ?? {})) docEdits.push({ textDocument: { uri, version: null }, edits });
    // Check every version first: an editor applies a workspace edit all or nothing.
    for (const d of docEdits) {
      const b = this.buffers.get(d.textDocument.uri);
      if (b && d.textDocument.version !== null && d.textDocument.version !== b.version) {
        return { applied: false, failureReason: `version mismatch for ${d.textDocument.uri}: edit has ${d.textDocument.version}, buffer is ${b.version}` };
      }
    }
    for (const d of docEdits) {
      const b = this.buffers.get(d.textDocument.uri);
      if (!b) continue;
      b.text = applyWireEdits(b.text, d.edits);
      b.version++;
      const change = { textDocument: { uri: b.uri, version: b.version }, contentChanges: [{ text: b.text }] };
      if (this.client) void this.client.notify('textDocument/didChange', change);
    }
    return { applied: true };
  };
}
