/**
 * Incremental extraction for an edited document: re-runs the symbol query only over the top-level
 * statements an edit touched (plus their neighbours and the comment block above, which carry doc
 * comments), keeps the previous records before that region and shifts the ones after it. Returns
 * null whenever a region update could differ from a full extraction (the caller then extracts it all).
 * No I/O and no store here.
 */
import type Parser from 'tree-sitter';
import type { ExtractedReference, ExtractedSymbol, Language, SourceRange } from '../types.js';
import { extractFromTree, type ExtractResult } from './extract-symbols.js';
import { queriesFor } from './query-loader.js';

/** The overall edit between the previous and the new text (UTF-16 indices, rows, columns). */
export interface RegionEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: { row: number; column: number };
  oldEndPosition: { row: number; column: number };
  newEndPosition: { row: number; column: number };
}

type Node = Parser.SyntaxNode;
type Point = { row: number; column: number };

const CONTEXT_TYPES = new Set(['comment', 'line_comment', 'block_comment', 'attribute_item', 'decorator']);

function before(a: Point, b: Point): boolean {
  return a.row < b.row || (a.row === b.row && a.column < b.column);
}

/** Maps a point at or after the edit's old end into the new text. */
function shiftPoint(line: number, col: number, edit: RegionEdit): Point {
  const oe = edit.oldEndPosition;
  const ne = edit.newEndPosition;
  if (line === oe.row) return { row: ne.row, column: ne.column + (col - oe.column) };
  return { row: line + (ne.row - oe.row), column: col };
}

function shiftRange(r: SourceRange, edit: RegionEdit): SourceRange {
  const s = shiftPoint(r.startLine, r.startCol, edit);
  const e = shiftPoint(r.endLine, r.endCol, edit);
  return { startLine: s.row, startCol: s.column, endLine: e.row, endCol: e.column };
}

/** Old records split around [from, to) (old coordinates); null if one straddles a boundary. */
function split<T extends { range: SourceRange }>(rows: T[], from: Point, to: Point, edit: RegionEdit): { head: T[]; tail: T[] } | null {
  const head: T[] = [];
  const tail: T[] = [];
  for (const x of rows) {
    const s = { row: x.range.startLine, column: x.range.startCol };
    const e = { row: x.range.endLine, column: x.range.endCol };
    if (!before(from, e)) head.push(x); // ends at or before the region start
    else if (!before(s, to)) tail.push({ ...x, range: shiftRange(x.range, edit) });
    else if (before(s, from) || before(to, e)) return null; // straddles: region boundaries are wrong
  }
  return { head, tail };
}

function inRows(r: SourceRange, startRow: number, endRow: number): boolean {
  return r.startLine >= startRow && r.startLine < endRow;
}

/**
 * Region update. `oldTree` must already be `edit()`ed and `newTree` parsed from it; `prev` is the
 * extraction of the previous text. Returns the full-file result, or null to ask for a full extraction.
 */
export function extractEditedRegion(
  language: Language,
  text: string,
  oldTree: Parser.Tree,
  newTree: Parser.Tree,
  prev: ExtractResult,
  edit: RegionEdit,
): ExtractResult | null {
  const root = newTree.rootNode;
  let lo = edit.startIndex;
  let hi = edit.newEndIndex;
  for (const r of oldTree.getChangedRanges(newTree)) {
    lo = Math.min(lo, r.startIndex);
    hi = Math.max(hi, r.endIndex);
  }
  const first = root.firstChildForIndex(lo) ?? root.lastChild;
  const last = root.firstChildForIndex(Math.max(lo, hi - 1)) ?? root.lastChild;
  if (!first || !last) return null;
  // statements before `first` whose doc comment or neighbourhood may have changed
  let startNode: Node = first.previousSibling ?? first;
  // the replaced region ends after `last`, the comments/attributes after it and the statement they document
  let endNode: Node = last;
  for (let n = last.nextSibling; n; n = n.nextSibling) {
    endNode = n;
    if (!CONTEXT_TYPES.has(n.type)) break;
  }
  // the query also covers the statement before the region and the comment block above that: error
  // recovery can nest the doc comment of the region's first statement inside its predecessor
  let queryStart: Node = startNode;
  for (let p = startNode.previousSibling; p && CONTEXT_TYPES.has(p.type); p = p.previousSibling) queryStart = p;
  queryStart = queryStart.previousSibling ?? queryStart;
  if (startNode.type === 'ERROR' || endNode.type === 'ERROR') return null;

  const regionStart = startNode.startPosition;
  const regionEndRowExclusive = endNode.endPosition.row + 1;
  // whole rows: the region must not share a row with a statement outside it
  const prevOfStart = startNode.previousSibling;
  const nextOfEnd = endNode.nextSibling;
  if (prevOfStart && prevOfStart.endPosition.row >= regionStart.row) return null;
  if (nextOfEnd && nextOfEnd.startPosition.row < regionEndRowExclusive) return null;

  const from: Point = { row: regionStart.row, column: 0 };
  const newTo: Point = { row: regionEndRowExclusive, column: 0 };
  // the region end in old coordinates (it lies after the edit, so it maps back by the row delta)
  const oldTo: Point = { row: regionEndRowExclusive - (edit.newEndPosition.row - edit.oldEndPosition.row), column: 0 };
  if (oldTo.row <= edit.oldEndPosition.row || from.row > edit.startPosition.row) return null;

  // `export { name }` flags symbols anywhere in the file: such edits take the full path
  if (prev.exportRows.some((r) => r >= from.row && r < oldTo.row)) return null;

  const fresh = extractFromTree(newTree, text, language, queriesFor(language), {
    startRow: queryStart.startPosition.row,
    endRow: newTo.row,
    knownExports: prev.exportNames,
  });
  if (fresh.exportRows.length) return null;
  const symbols = fresh.symbols.filter((s) => inRows(s.range, from.row, newTo.row));
  const references = fresh.references.filter((r) => inRows(r.range, from.row, newTo.row));

  const ps = split<ExtractedSymbol>(prev.symbols, from, oldTo, edit);
  const pr = split<ExtractedReference>(prev.references, from, oldTo, edit);
  if (!ps || !pr) return null;
  const exportRows = prev.exportRows.map((r) => (r < from.row ? r : shiftPoint(r, 0, edit).row));
  return {
    symbols: [...ps.head, ...symbols, ...ps.tail],
    references: [...pr.head, ...references, ...pr.tail],
    hasErrors: root.hasError,
    exportRows,
    exportNames: prev.exportNames,
  };
}
