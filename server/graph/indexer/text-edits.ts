/**
 * Converts LSP content changes (ranges in UTF-16 line/character) into the new text plus the
 * tree-sitter edits that keep an old Tree in sync; without ranges, derives one edit from the
 * common prefix/suffix of old and new text. Pure: no tree-sitter objects, no I/O.
 */

export interface Point {
  row: number;
  column: number;
}

/** Same shape as tree-sitter's Edit: indices and columns in UTF-16 code units (what the Node binding uses). */
export interface TreeEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

/** An LSP TextDocumentContentChangeEvent: a ranged change, or the whole text. */
export type ContentChange =
  | { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }
  | { text: string };

/** UTF-16 offset of an LSP position; characters past a line's end clamp to it (as LSP says). */
export function offsetAt(text: string, line: number, character: number): number {
  let start = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return text.length;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  else if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return Math.min(start + Math.max(0, character), end);
}

/** The position after inserting `inserted` at `start`. */
function endPointAfter(start: Point, inserted: string): Point {
  let rows = 0;
  let last = -1;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) {
    rows++;
    last = i;
  }
  return rows === 0 ? { row: start.row, column: start.column + inserted.length } : { row: start.row + rows, column: inserted.length - last - 1 };
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * Applies changes in order. Returns the resulting text and one TreeEdit per ranged change, or
 * `edits: null` when a change replaced the whole document (the caller then diffs or re-parses).
 */
export function applyContentChanges(text: string, changes: readonly ContentChange[]): { text: string; edits: TreeEdit[] | null } {
  let cur = text;
  let edits: TreeEdit[] | null = [];
  for (const c of changes) {
    if (!('range' in c)) {
      cur = c.text;
      edits = null;
      continue;
    }
    const s = offsetAt(cur, c.range.start.line, c.range.start.character);
    const e = Math.max(s, offsetAt(cur, c.range.end.line, c.range.end.character));
    if (edits) {
      const startPosition = pointAt(cur, s);
      const oldEndPosition = pointAt(cur, e);
      edits.push({
        startIndex: s,
        oldEndIndex: e,
        newEndIndex: s + c.text.length,
        startPosition,
        oldEndPosition,
        newEndPosition: endPointAfter(startPosition, c.text),
      });
    }
    cur = cur.slice(0, s) + c.text + cur.slice(e);
  }
  return { text: cur, edits };
}

/** One edit covering the difference between two texts (common prefix and suffix kept), or null if equal. */
export function diffEdit(oldText: string, newText: string): TreeEdit | null {
  if (oldText === newText) return null;
  const max = Math.min(oldText.length, newText.length);
  let p = 0;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let sfx = 0;
  while (sfx < max - p && oldText.charCodeAt(oldText.length - 1 - sfx) === newText.charCodeAt(newText.length - 1 - sfx)) sfx++;
  // never split a surrogate pair
  if (p > 0 && (oldText.charCodeAt(p - 1) & 0xfc00) === 0xd800) p--;
  const oldEnd = oldText.length - sfx;
  const newEnd = newText.length - sfx;
  const startPosition = pointAt(oldText, p);
  return {
    startIndex: p,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAt(oldText, oldEnd),
    newEndPosition: endPointAfter(startPosition, newText.slice(p, newEnd)),
  };
}
