/**
 * The shared engine of the whole-line layers: finds every place where a search block's lines equal
 * the file's lines under a key (trim-end, trim, whitespace-free), optionally skipping blank lines,
 * with an indentation rule (identical, uniformly shifted, or free). Finds; never decides.
 */
import { leadingWs, uniformShift, type IndentPair } from '../indentation.js';
import { lineKey, type KeyKind, type MatchContext } from '../match-context.js';
import type { LineMatch } from '../types.js';

export interface LineMatcherSpec {
  key: KeyKind;
  skipBlank: boolean;
  indent: 'exact' | 'uniform' | 'any';
}

/** Upper bound on candidate starts examined, so a search made of one very common line stays cheap. */
const MAX_CANDIDATES = 5000;

export function findLineMatches(ctx: MatchContext, search: readonly string[], spec: LineMatcherSpec): LineMatch[] {
  const sKeys = search.map((l) => lineKey(l, spec.key));
  const nonBlankS = sKeys.map((k, i) => (k === '' ? -1 : i)).filter((i) => i >= 0);
  const first = nonBlankS[0];
  if (first === undefined) return [];
  const key = (i: number): string | undefined => (i >= 0 && i < ctx.doc.lines.length ? ctx.keyAt(spec.key, i) : undefined);
  const positions = ctx.linesWithKey(spec.key, sKeys[first] ?? '', search[first]);
  const out: LineMatch[] = [];
  const { list: nbList, pos: nbPos } = ctx.nonBlank();
  for (const p of positions.slice(0, MAX_CANDIDATES)) {
    const align = new Array<number>(search.length).fill(-1);
    let ok = true;
    if (!spec.skipBlank) {
      const start = p - first;
      if (start < 0 || start + search.length > ctx.doc.lines.length) continue;
      for (let i = 0; i < search.length; i++) {
        if (key(start + i) !== sKeys[i]) {
          ok = false;
          break;
        }
        align[i] = start + i;
      }
    } else {
      const q = nbPos[p] ?? -1;
      if (q < 0 || q + nonBlankS.length > nbList.length) continue;
      for (let j = 0; j < nonBlankS.length; j++) {
        const f = nbList[q + j] ?? -1;
        const i = nonBlankS[j] ?? -1;
        if (key(f) !== sKeys[i]) {
          ok = false;
          break;
        }
        align[i] = f;
      }
    }
    if (!ok) continue;
    if (spec.indent !== 'any') {
      const pairs: IndentPair[] = [];
      for (let i = 0; i < search.length; i++) {
        const f = align[i] ?? -1;
        if (f >= 0 && (search[i] ?? '').trim() !== '') pairs.push([leadingWs(search[i] ?? ''), leadingWs(ctx.doc.lines[f] ?? '')]);
      }
      if (spec.indent === 'exact' ? pairs.some(([s, f]) => s !== f) : uniformShift(pairs) === null) continue;
    }
    const aligned = align.filter((f) => f >= 0);
    const start = spec.skipBlank ? (aligned[0] ?? p) : p - first;
    const end = spec.skipBlank ? (aligned[aligned.length - 1] ?? p) + 1 : p - first + search.length;
    out.push({ start, end, align, elided: [] });
  }
  return out;
}

/** Greedy non-overlapping subset, in file order (for replaceAll). */
export function nonOverlapping(matches: readonly LineMatch[]): LineMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  const out: LineMatch[] = [];
  let end = -1;
  for (const m of sorted) {
    if (m.start >= end) {
      out.push(m);
      end = m.end;
    }
  }
  return out;
}
