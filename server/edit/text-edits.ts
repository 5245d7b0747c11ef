/**
 * Turns a change (old text → new text) into minimal LSP TextEdits — line-diff hunks narrowed to the
 * changed characters, positions in UTF-16 code units — and applies TextEdits to text. Pure: no I/O,
 * and a range never splits a surrogate pair or a CRLF pair.
 */
import type { Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { SmallCodeError } from '../core/errors.js';
import { diffLines, type DiffOptions } from './line-diff.js';

/** Splits text into lines that keep their terminator (\r\n, \n or \r, as LSP counts lines). */
export function splitLinesKeepEnds(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Minimal TextEdits that turn `oldText` into `newText`, sorted by position, non-overlapping. */
export function computeTextEdits(oldText: string, newText: string, options: DiffOptions = {}): TextEdit[] {
  if (oldText === newText) return [];
  // Cut the unchanged head and tail at line starts of the old text first: only the middle is split and diffed.
  const { start, oldEnd, newEnd } = unchangedEnds(oldText, newText);
  const firstLine = countLineBreaks(oldText, start);
  const a = splitLinesKeepEnds(oldText.slice(start, oldEnd));
  const b = splitLinesKeepEnds(newText.slice(start, newEnd));
  const edits: TextEdit[] = [];
  for (const h of diffLines(a, b, options)) {
    const oldPart = a.slice(h.oldStart, h.oldEnd).join('');
    const newPart = b.slice(h.newStart, h.newEnd).join('');
    const [pre, suf] = commonEnds(oldPart, newPart);
    const hunkStart: Position = { line: firstLine + h.oldStart, character: 0 };
    const startPos = advance(hunkStart, oldPart, 0, pre);
    const endPos = advance(startPos, oldPart, pre, oldPart.length - suf);
    edits.push({ range: { start: startPos, end: endPos }, newText: newPart.slice(pre, newPart.length - suf) });
  }
  return edits;
}

/**
 * Offsets bounding the changed middle: [start, oldEnd) of the old text, [start, newEnd) of the new.
 * Both cuts in the old text fall on line starts (never inside a CRLF or a surrogate pair).
 */
function unchangedEnds(x: string, y: string): { start: number; oldEnd: number; newEnd: number } {
  const max = Math.min(x.length, y.length);
  let p = 0;
  while (p < max && x.charCodeAt(p) === y.charCodeAt(p)) p++;
  if (p > 0 && x.charCodeAt(p - 1) === 13) p--;
  // lastIndexOf treats a negative fromIndex as 0, so p === 0 needs its own case.
  const start = p === 0 ? 0 : Math.max(x.lastIndexOf('\n', p - 1), x.lastIndexOf('\r', p - 1)) + 1;
  let s = 0;
  const sMax = max - start;
  while (s < sMax && x.charCodeAt(x.length - 1 - s) === y.charCodeAt(y.length - 1 - s)) s++;
  let e = x.length - s;
  while (e < x.length && !isLineStart(x, e)) e++;
  return { start, oldEnd: e, newEnd: y.length - (x.length - e) };
}

function isLineStart(t: string, i: number): boolean {
  if (i === 0) return true;
  const c = t.charCodeAt(i - 1);
  return c === 10 || (c === 13 && t.charCodeAt(i) !== 10);
}

/** LSP line breaks (\r\n, \n, lone \r) in text[0, end). */
function countLineBreaks(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  for (let i = text.indexOf('\r'); i !== -1 && i < end; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) n++;
  return n;
}

/**
 * Lengths of the common prefix and suffix of two strings, shortened so that neither cut falls inside
 * a surrogate pair or between the \r and \n of a CRLF.
 */
function commonEnds(x: string, y: string): [number, number] {
  const max = Math.min(x.length, y.length);
  let pre = 0;
  while (pre < max && x.charCodeAt(pre) === y.charCodeAt(pre)) pre++;
  while (pre > 0 && (isHigh(x.charCodeAt(pre - 1)) || (x.charCodeAt(pre - 1) === 13 && (x.charCodeAt(pre) === 10 || y.charCodeAt(pre) === 10)))) pre--;
  let suf = 0;
  while (suf < max - pre && x.charCodeAt(x.length - 1 - suf) === y.charCodeAt(y.length - 1 - suf)) suf++;
  for (;;) {
    if (suf === 0) break;
    const xi = x.length - suf;
    const yi = y.length - suf;
    const cutsPair = isLow(x.charCodeAt(xi));
    const cutsCrlf = x.charCodeAt(xi) === 10 && (x.charCodeAt(xi - 1) === 13 || y.charCodeAt(yi - 1) === 13);
    if (!cutsPair && !cutsCrlf) break;
    suf--;
  }
  return [pre, suf];
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The position reached from `pos` by walking text[from, to). */
function advance(pos: Position, text: string, from: number, to: number): Position {
  let line = pos.line;
  let character = pos.character;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < to) i++;
      line++;
      character = 0;
    } else {
      character++;
    }
  }
  return { line, character };
}

/** Start offsets of each line, LSP style (\r\n, \n and \r all end a line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** Offset of a position; a line past the end maps to the text's end, a character past the line's end to the line's end. */
export function offsetAt(text: string, starts: readonly number[], pos: Position): number {
  if (pos.line >= starts.length) return text.length;
  const lineStart = starts[pos.line]!;
  let lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1]! : text.length;
  while (lineEnd > lineStart && (text.charCodeAt(lineEnd - 1) === 10 || text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
  return Math.min(lineStart + Math.max(0, pos.character), lineEnd);
}

/**
 * Applies TextEdits whose ranges all refer to `text` (LSP semantics). Edits at the same start keep
 * their order.
 * @throws SmallCodeError EditRefused when two ranges overlap
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e, i) => ({ s: offsetAt(text, starts, e.range.start), e: offsetAt(text, starts, e.range.end), t: e.newText, i }))
    .sort((x, y) => x.s - y.s || x.i - y.i);
  let out = '';
  let at = 0;
  for (const sp of spans) {
    if (sp.s < at || sp.e < sp.s) {
      throw new SmallCodeError('EditRefused', `TextEdits overlap or are inverted at offset ${sp.s}; each edit must cover its own range of the original text.`);
    }
    out += text.slice(at, sp.s) + sp.t;
    at = sp.e;
  }
  return out + text.slice(at);
}

/** A range covering the whole of `text`. */
export function fullRange(text: string): Range {
  const starts = lineStarts(text);
  const last = starts.length - 1;
  return { start: { line: 0, character: 0 }, end: { line: last, character: text.length - starts[last]! } };
}
