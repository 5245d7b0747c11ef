/**
 * Renders a readable unified diff (git style, 3 lines of context) of one file's change for the CLI
 * summary and for tool results. Pure; it is for people and models to read, not for patch(1) to
 * round-trip exotic line endings.
 */
import { diffLines } from './line-diff.js';
import { splitLinesKeepEnds } from './text-edits.js';

export interface UnifiedDiffOptions {
  /** Path before the change (workspace-relative); omitted means same as newPath. */
  oldPath?: string;
  /** Path after the change. */
  newPath: string;
  /** Lines of context around each change (default 3). */
  context?: number;
}

/** A unified diff of oldText → newText; null text means the file does not exist on that side. Empty when nothing changed. */
export function renderUnifiedDiff(oldText: string | null, newText: string | null, options: UnifiedDiffOptions): string {
  const oldPath = options.oldPath ?? options.newPath;
  const ctx = options.context ?? 3;
  if (oldText === newText && oldPath === options.newPath) return '';
  const a = splitLinesKeepEnds(oldText ?? '');
  const b = splitLinesKeepEnds(newText ?? '');
  const out: string[] = [];
  if (oldPath !== options.newPath && oldText !== null && newText !== null) out.push(`rename ${oldPath} → ${options.newPath}`);
  out.push(oldText === null ? '--- /dev/null' : `--- a/${oldPath}`);
  out.push(newText === null ? '+++ /dev/null' : `+++ b/${options.newPath}`);

  const hunks = diffLines(a, b);
  let i = 0;
  while (i < hunks.length) {
    // Merge hunks whose context would touch or overlap.
    let j = i;
    while (j + 1 < hunks.length && hunks[j + 1]!.oldStart - hunks[j]!.oldEnd <= 2 * ctx) j++;
    const first = hunks[i]!;
    const last = hunks[j]!;
    const oStart = Math.max(0, first.oldStart - ctx);
    const oEnd = Math.min(a.length, last.oldEnd + ctx);
    const nStart = first.newStart - (first.oldStart - oStart);
    const nEnd = last.newEnd + (oEnd - last.oldEnd);
    out.push(`@@ -${rangeLabel(oStart, oEnd - oStart)} +${rangeLabel(nStart, nEnd - nStart)} @@`);
    let o = oStart;
    for (let k = i; k <= j; k++) {
      const h = hunks[k]!;
      for (; o < h.oldStart; o++) pushLine(out, ' ', a[o]!);
      for (let x = h.oldStart; x < h.oldEnd; x++) pushLine(out, '-', a[x]!);
      for (let y = h.newStart; y < h.newEnd; y++) pushLine(out, '+', b[y]!);
      o = h.oldEnd;
    }
    for (; o < oEnd; o++) pushLine(out, ' ', a[o]!);
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
}

function rangeLabel(start: number, count: number): string {
  // diff(1) convention: an empty range names the line before it.
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

function pushLine(out: string[], mark: string, line: string): void {
  const body = line.replace(/(\r\n|\n|\r)$/, '');
  out.push(`${mark}${body}`);
  if (body === line) out.push('\\ No newline at end of file');
}
