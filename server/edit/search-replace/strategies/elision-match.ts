/**
 * Layer 6: elision-aware matching. Marker lines in the search (`...`, `// ... existing code ...`,
 * `# ...`, `/* ... *\/`) stand for any run of file lines between the anchors around them; the anchor
 * segments must match in order with one uniform indentation shift. In the replacement the same
 * markers keep the original lines, so a replacement that drops a marker is refused, never applied.
 */
import { isSearchElisionMarker } from '../elision.js';
import { indentWidth, leadingWs, uniformShift, type IndentPair } from '../indentation.js';
import type { MatchContext } from '../match-context.js';
import { refuse, type LineMatch, type Refusal } from '../types.js';

const MAX_CANDIDATES = 2000;

export type ElisionOutcome = { kind: 'none' } | { kind: 'refuse'; refusal: Refusal } | { kind: 'match'; matches: LineMatch[] };

interface Segment {
  /** Search line indices of the segment's non-blank lines. */
  lines: number[];
}

export function elisionMarkers(lines: readonly string[], ctx: MatchContext): number[] {
  return lines.map((l, i) => (isSearchElisionMarker(l, ctx.lang) ? i : -1)).filter((i) => i >= 0);
}

export function elisionMatches(ctx: MatchContext, search: readonly string[], replace: readonly string[]): ElisionOutcome {
  const markers = elisionMarkers(search, ctx);
  if (markers.length === 0) return { kind: 'none' };
  const replaceMarkers = elisionMarkers(replace, ctx).length;
  const first = markers[0] ?? 0;
  if (replaceMarkers !== markers.length) {
    return {
      kind: 'refuse',
      refusal: refuse(
        'refused',
        `The search uses ${markers.length} elision marker(s) (search line ${first + 1}: \`${(search[first] ?? '').trim()}\`) but the replacement has ${replaceMarkers}. ` +
          'Each marker stands for the original lines between its anchors; without the same markers in the same places in the replacement those lines would be lost or misplaced. ' +
          'Repeat every marker in the replacement where the original lines should stay, or copy the exact lines instead of eliding them.',
      ),
    };
  }
  const segments: Segment[] = [];
  let cur: number[] = [];
  const segOfMarker: number[] = [];
  for (let i = 0; i < search.length; i++) {
    if (markers.includes(i)) {
      if (cur.length > 0) segments.push({ lines: cur });
      cur = [];
      segOfMarker.push(segments.length);
    } else if ((search[i] ?? '').trim() !== '') cur.push(i);
  }
  if (cur.length > 0) segments.push({ lines: cur });
  if (segments.length === 0) {
    return { kind: 'refuse', refusal: refuse('invalid', 'The search consists only of elision markers; include the exact lines around the part you want to change.') };
  }
  const { list: nb, pos: nbPos } = ctx.nonBlank();
  const segKey = (s: Segment, j: number): string => (search[s.lines[j] ?? 0] ?? '').trim();

  /** Aligned file lines for segment s at non-blank position q, or null. */
  const matchAt = (s: Segment, q: number): number[] | null => {
    if (q + s.lines.length > nb.length) return null;
    const out: number[] = [];
    for (let j = 0; j < s.lines.length; j++) {
      const f = nb[q + j] ?? -1;
      if (ctx.keyAt('trim', f) !== segKey(s, j)) return null;
      out.push(f);
    }
    return out;
  };
  const pairsOf = (s: Segment, files: number[]): IndentPair[] =>
    s.lines.map((i, j) => [leadingWs(search[i] ?? ''), leadingWs(ctx.doc.lines[files[j] ?? 0] ?? '')]);

  const matches: LineMatch[] = [];
  // An anchor line that occurs nowhere means no match; say so before looping over candidates.
  if (segments.some((s) => ctx.linesWithKey('trim', segKey(s, 0)).length === 0)) return { kind: 'none' };
  const seg0 = segments[0] as Segment;
  for (const p of ctx.linesWithKey('trim', segKey(seg0, 0)).slice(0, MAX_CANDIDATES)) {
    const first0 = matchAt(seg0, nbPos[p] ?? -1);
    if (!first0) continue;
    let pairs = pairsOf(seg0, first0);
    if (!uniformShift(pairs)) continue;
    const placed: number[][] = [first0];
    for (let k = 1; k < segments.length; k++) {
      const s = segments[k] as Segment;
      const after = (placed[k - 1] ?? [])[(placed[k - 1] ?? []).length - 1] ?? 0;
      let found: number[] | null = null;
      const list = ctx.linesWithKey('trim', segKey(s, 0));
      for (let n = firstAfter(list, after); n < list.length; n++) {
        const p2 = list[n] ?? 0;
        const files = matchAt(s, nbPos[p2] ?? -1);
        if (!files) continue;
        const next = [...pairs, ...pairsOf(s, files)];
        if (!uniformShift(next)) continue;
        // The nearest fitting anchor is the only candidate: a farther one spans more of the file.
        if (gapLeavesBlock(ctx, after, files[0] ?? after)) break;
        found = files;
        pairs = next;
        break;
      }
      if (!found) break;
      placed.push(found);
    }
    if (placed.length !== segments.length) continue;
    const align = new Array<number>(search.length).fill(-1);
    segments.forEach((s, k) => s.lines.forEach((i, j) => (align[i] = (placed[k] ?? [])[j] ?? -1)));
    const start = (placed[0] ?? [])[0] ?? 0;
    const lastSeg = placed[placed.length - 1] ?? [];
    const end = (lastSeg[lastSeg.length - 1] ?? start) + 1;
    const elided: Array<[number, number] | undefined> = new Array(search.length).fill(undefined);
    let prevSegUsed = -1;
    markers.forEach((m, n) => {
      const after = segOfMarker[n] ?? 0; // index of the segment that follows this marker
      const before = after - 1;
      if (before < 0 || after >= segments.length || before === prevSegUsed) {
        const at = before < 0 ? start : end;
        elided[m] = before < 0 || after >= segments.length ? [at, at] : [(placed[after] ?? [])[0] ?? end, (placed[after] ?? [])[0] ?? end];
        return;
      }
      const prevLast = placed[before] ?? [];
      elided[m] = [(prevLast[prevLast.length - 1] ?? start) + 1, (placed[after] ?? [])[0] ?? end];
      prevSegUsed = before;
    });
    matches.push({ start, end, align, elided });
  }
  return matches.length === 0 ? { kind: 'none' } : { kind: 'match', matches };
}

/**
 * True when the elided lines between anchor lines `before` and `after` leave the block the anchors
 * sit in: a non-blank gap line indented less than both anchors, or (when the search descends into a
 * deeper block) not deeper than the opening anchor. Stops `function a() { ... }` + `return x;` from
 * stretching over the end of a() into b().
 */
function gapLeavesBlock(ctx: MatchContext, before: number, after: number): boolean {
  const width = (i: number): number => indentWidth(leadingWs(ctx.doc.lines[i] ?? ''), 4);
  const wb = width(before);
  const wa = width(after);
  for (let k = before + 1; k < after; k++) {
    if (!/\S/.test(ctx.doc.lines[k] ?? '')) continue;
    const w = width(k);
    if (w < Math.min(wb, wa) || (wa > wb && w <= wb)) return true;
  }
  return false;
}

/** Index of the first entry of an ascending list greater than `after`. */
function firstAfter(list: readonly number[], after: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? 0) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
