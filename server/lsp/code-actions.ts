/**
 * textDocument/codeAction: "SmallCode: fix this diagnostic", "SmallCode: do the task in this comment"
 * and "SmallCode: explain", each a command that starts `smallcode.runTask` (so Helix, which cannot send
 * custom requests, reaches the agent). Building the actions is a pure function of the document text,
 * range and diagnostics; it never runs a task itself.
 */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type Connection,
  type Diagnostic,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver/node.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands } from '../../protocol-ext/commands.js';
import type { Host } from '../agent/host.js';
import { errorMessage } from '../core/errors.js';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.RefactorRewrite] as const;
export const EXPLAIN_KIND = `${CodeActionKind.Refactor}.explain`;

export interface CodeActionInput {
  uri: string;
  /** Workspace-relative path for the task text. */
  path: string;
  text: string;
  range: Range;
  diagnostics: readonly Diagnostic[];
  /** The client's `context.only` filter, if any. */
  only?: readonly string[];
  /** apply when the task can be approved (auto-approve or a client that can ask), propose otherwise. */
  mode: 'apply' | 'propose';
  /** What the code graph knows about a symbol (definition, callers), put into explain tasks; null when unknown. */
  graphExplain?: (symbol: string, path: string) => string | null;
}

/** A comment line that carries a task: `// TODO: …`, `# FIXME …`, `-- smallcode: …`, `/* XXX … *\/`. */
const TASK_COMMENT = /^\s*(?:\/\/+|#+|--+|;+|\/\*+|\*+)\s*(?:@?(TODO|FIXME|XXX|HACK|smallcode)\b\s*(?:\([^)]*\))?\s*[:\-–]?\s*)(.*?)\s*(?:\*+\/)?\s*$/i;
const MAX_COMMENT_LINES = 20;
const MAX_SNIPPET_CHARS = 1200;

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

function linesIn(text: string, range: Range): { line: number; text: string }[] {
  const all = lines(text);
  const last = Math.min(range.end.line, range.start.line + MAX_COMMENT_LINES, all.length - 1);
  const out: { line: number; text: string }[] = [];
  for (let l = range.start.line; l <= last; l++) out.push({ line: l, text: all[l] ?? '' });
  return out;
}

/** The task written in a comment on one of the range's lines (continuation comment lines are joined). */
export function commentTask(text: string, range: Range): { line: number; task: string } | null {
  const all = lines(text);
  for (const { line, text: lineText } of linesIn(text, range)) {
    const m = TASK_COMMENT.exec(lineText);
    if (!m || !m[2]) continue;
    const parts = [m[2]];
    // Follow-on comment lines without their own marker belong to the same task.
    for (let l = line + 1; l < all.length && l < line + MAX_COMMENT_LINES; l++) {
      const next = /^\s*(?:\/\/+|#+|--+|;+|\*+)\s*(.*?)\s*(?:\*+\/)?\s*$/.exec(all[l] ?? '');
      if (!next || !next[1] || TASK_COMMENT.test(all[l] ?? '') || /^\s*\*+\/\s*$/.test(all[l] ?? '')) break;
      parts.push(next[1]);
    }
    return { line, task: parts.join(' ') };
  }
  return null;
}

function offsetAt(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  const nl = text.indexOf('\n', offset);
  let end = nl === -1 ? text.length : nl;
  if (end > offset && text[end - 1] === '\r') end--;
  return Math.min(offset + character, end);
}

/** The selected text; a selection of at most one character (Helix's cursor) grows to the identifier under it. */
export function selectionOf(text: string, range: Range): { text: string; isWord: boolean } {
  const start = offsetAt(text, range.start.line, range.start.character);
  const end = offsetAt(text, range.end.line, range.end.character);
  if (end - start > 1) return { text: text.slice(start, end), isWord: false };
  const lineText = lines(text)[range.start.line] ?? '';
  const col = range.start.character;
  const isIdent = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_$]/u.test(c);
  let a = col;
  let b = col;
  while (a > 0 && isIdent(lineText[a - 1])) a--;
  while (b < lineText.length && isIdent(lineText[b])) b++;
  return { text: lineText.slice(a, b), isWord: true };
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => o === '' || kind === o || kind.startsWith(`${o}.`));
}

function runTaskCommand(title: string, task: string, uri: string, range: Range, mode: 'apply' | 'propose'): Command {
  return { title, command: Commands.runTask, arguments: [{ task, mode, context: [{ uri, range }] }] };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function lineSpan(range: Range): string {
  const a = range.start.line + 1;
  const b = range.end.line + 1 - (range.end.character === 0 && range.end.line > range.start.line ? 1 : 0);
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}

/** The SmallCode actions for one codeAction request. Pure: plain data in, plain data out. */
export function buildCodeActions(input: CodeActionInput): CodeAction[] {
  const { uri, path, text, range, mode } = input;
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, input.only)) {
    for (const d of input.diagnostics) {
      const origin = [d.source, d.code !== undefined ? String(d.code) : undefined].filter(Boolean).join(' ');
      const message = clip(d.message.replace(/\s+/g, ' ').trim(), 300);
      const task = `Fix this problem in ${path} at ${lineSpan(d.range)}${origin ? ` (reported by ${origin})` : ''}: ${message}`;
      const title = `SmallCode: fix "${clip(message, 60)}"`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: runTaskCommand(title, task, uri, d.range, mode) });
    }
  }
  const comment = commentTask(text, range);
  if (comment && wanted(CodeActionKind.RefactorRewrite, input.only)) {
    const lineRange: Range = { start: { line: comment.line, character: 0 }, end: { line: comment.line + 1, character: 0 } };
    const task = `Do the task written in the comment in ${path} at line ${comment.line + 1}: ${clip(comment.task, 500)}. When it is done, remove that comment.`;
    const title = 'SmallCode: do the task in this comment';
    actions.push({ title, kind: CodeActionKind.RefactorRewrite, command: runTaskCommand(title, task, uri, lineRange, mode) });
  }
  const selection = selectionOf(text, range);
  if (selection.text.trim() && wanted(EXPLAIN_KIND, input.only)) {
    const known = selection.isWord ? input.graphExplain?.(selection.text, path) : null;
    const task = selection.isWord
      ? `Explain what \`${selection.text}\` (used in ${path} at line ${range.start.line + 1}) is and what it does. Answer in prose and leave the files as they are.${known ? `\n\nWhat the code graph knows:\n${clip(known, MAX_SNIPPET_CHARS)}` : ''}`
      : `Explain what this code in ${path} at ${lineSpan(range)} does. Answer in prose and leave the files as they are.\n\n${clip(selection.text, MAX_SNIPPET_CHARS)}`;
    const title = selection.isWord ? `SmallCode: explain ${clip(selection.text, 40)}` : 'SmallCode: explain the selection';
    // Explaining never needs approval: it always runs in propose mode.
    actions.push({ title, kind: EXPLAIN_KIND, command: runTaskCommand(title, task, uri, range, 'propose') });
  }
  return actions;
}

function workspacePath(root: string, uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const rel = relative(root, fileURLToPath(uri));
  return rel.startsWith('..') ? fileURLToPath(uri) : rel.split(sep).join('/');
}

/** The graph's explain text for a symbol from what is indexed so far (a code action never waits for indexing). */
function graphExplainText(host: Host, symbol: string, path: string): string | null {
  if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(symbol)) return null;
  try {
    const g = host.graph();
    if (!g) return null;
    const r = g.graph.explain({ symbol, file: path });
    return r.found ? r.text : null;
  } catch (err) {
    host.log(`code action: graph explain of ${symbol} failed: ${errorMessage(err)}`);
    return null;
  }
}

/** Registers the codeAction handler. Clients without literal support get bare Commands. */
export function registerCodeActions(connection: Connection, host: Host, documents: TextDocuments<TextDocument>, client: () => ClientCapabilities | undefined): void {
  connection.onCodeAction((params: CodeActionParams): (CodeAction | Command)[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const caps = client();
    const mode = host.config.autoApprove || caps?.window?.showMessage ? 'apply' : 'propose';
    const actions = buildCodeActions({
      uri: doc.uri,
      path: workspacePath(host.root, doc.uri),
      text: doc.getText(),
      range: params.range,
      diagnostics: params.context.diagnostics,
      ...(params.context.only ? { only: params.context.only } : {}),
      mode,
      graphExplain: (symbol, path) => graphExplainText(host, symbol, path),
    });
    if (caps?.textDocument?.codeAction?.codeActionLiteralSupport) return actions;
    return actions.flatMap((a) => (a.command ? [a.command] : []));
  });
}
