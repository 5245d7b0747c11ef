/**
 * Applies a located match: walks the given search→replace line diff over the aligned file region, so
 * lines the model kept come from the FILE (its real text, trailing spaces, indentation), deleted
 * lines go, inserted lines are re-indented, and elided runs are copied through. Never touches lines
 * outside the match's region.
 */
import type { DiffOp } from './line-diff.js';
import type { Reindenter } from './indentation.js';
import type { LineDoc, LineMatch } from './types.js';

export interface RegionEdit {
  start: number;
  end: number;
  lines: string[];
  eols: string[];
}

/**
 * The replacement for the match's region, or null when the replacement drops an elision marker
 * (the lines it stands for would be lost).
 */
export function mergeRegion(
  doc: LineDoc,
  match: LineMatch,
  replace: readonly string[],
  ops: readonly DiffOp[],
  reindenter: Reindenter,
): RegionEdit | null {
  const lines: string[] = [];
  const eols: string[] = [];
  const pushFile = (k: number): void => {
    lines.push(doc.lines[k] ?? '');
    eols.push(doc.eols[k] ?? doc.eol);
  };
  let lastFile = match.start - 1;
  let prev: 'keep' | 'del' | null = null;
  const flushTo = (f: number, next: 'keep' | 'del'): void => {
    const dropBlanks = prev === 'del' && next === 'del';
    for (let k = lastFile + 1; k < f; k++) {
      // Unaligned file lines: blank ones between two deleted lines go with them; anything else the
      // model did not know about stays.
      if (!(dropBlanks && (doc.lines[k] ?? '').trim() === '')) pushFile(k);
    }
    if (f - 1 > lastFile) lastFile = f - 1;
  };
  for (const op of ops) {
    if (op.op === 'ins') {
      lines.push(reindenter.reindent(replace[op.r] ?? ''));
      eols.push(doc.eol);
      continue;
    }
    const el = match.elided[op.s];
    if (el) {
      if (op.op === 'del') return null;
      flushTo(el[0], 'keep');
      for (let k = el[0]; k < el[1]; k++) pushFile(k);
      if (el[1] - 1 > lastFile) lastFile = el[1] - 1;
      prev = 'keep';
      continue;
    }
    const f = match.align[op.s] ?? -1;
    if (f < 0 || f <= lastFile) continue;
    const status = op.op === 'keep' ? 'keep' : 'del';
    flushTo(f, status);
    if (status === 'keep') pushFile(f);
    lastFile = f;
    prev = status;
  }
  flushTo(match.end, 'keep');
  if (lines.length > 0) {
    for (let i = 0; i < eols.length - 1; i++) if (eols[i] === '') eols[i] = doc.eol;
    eols[eols.length - 1] = doc.eols[match.end - 1] ?? doc.eol;
  }
  return { start: match.start, end: match.end, lines, eols };
}

/** Applies non-overlapping region edits (any order) to a copy of the document. */
export function applyRegions(doc: LineDoc, edits: readonly RegionEdit[]): LineDoc {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  const lines = [...doc.lines];
  const eols = [...doc.eols];
  for (const e of sorted) {
    lines.splice(e.start, e.end - e.start, ...e.lines);
    eols.splice(e.start, e.end - e.start, ...e.eols);
  }
  // A region that emptied the end of the file leaves the new last line's terminator as it was,
  // exactly like deleting the same text with a plain string edit.
  return { ...doc, lines, eols };
}
