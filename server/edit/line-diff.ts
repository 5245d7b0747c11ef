/**
 * A small line diff: common prefix/suffix trimming, then Myers' O((N+M)·D) shortest edit script,
 * with unique-line anchors (patience style) to split inputs too different for a bounded Myers run.
 * Pure; it compares whole lines (terminators included) and never looks inside them.
 */

/** Half-open line ranges: old lines [oldStart, oldEnd) became new lines [newStart, newEnd). */
export interface DiffHunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export interface DiffOptions {
  /** Largest edit distance one Myers run may explore before splitting at anchors (default 2000). */
  maxEditDistance?: number;
}

export function diffLines(a: readonly string[], b: readonly string[], options: DiffOptions = {}): DiffHunk[] {
  const maxD = options.maxEditDistance ?? 2000;
  const ids = new Map<string, number>();
  const idOf = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) {
      id = ids.size;
      ids.set(s, id);
    }
    return id;
  };
  const ai = Int32Array.from(a, idOf);
  const bi = Int32Array.from(b, idOf);
  const out: DiffHunk[] = [];
  diffRange(ai, 0, ai.length, bi, 0, bi.length, maxD, 0, out);
  return out;
}

function diffRange(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, maxD: number, depth: number, out: DiffHunk[]): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    aLo++;
    bLo++;
  }
  while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
  }
  if (aLo === aHi && bLo === bHi) return;
  if (aLo === aHi || bLo === bHi) {
    out.push({ oldStart: aLo, oldEnd: aHi, newStart: bLo, newEnd: bHi });
    return;
  }
  // Big ranges split at unique common lines first (patience style): Myers then runs on small gaps,
  // which keeps a 1k-line change on a 5k-line file cheap; small ranges get Myers' minimal script.
  const big = aHi - aLo + (bHi - bLo) > 1000;
  if (big && !sharesAnyLine(a, aLo, aHi, b, bLo, bHi)) {
    out.push({ oldStart: aLo, oldEnd: aHi, newStart: bLo, newEnd: bHi });
    return;
  }
  if (!big && myers(a, aLo, aHi, b, bLo, bHi, maxD, out)) return;
  const anchors = depth < 3 ? uniqueAnchors(a, aLo, aHi, b, bLo, bHi) : [];
  if (anchors.length === 0 && big && myers(a, aLo, aHi, b, bLo, bHi, maxD, out)) return;
  if (anchors.length === 0) {
    // Nothing both sides share reliably: one replacement hunk is still a correct (if not minimal) answer.
    out.push({ oldStart: aLo, oldEnd: aHi, newStart: bLo, newEnd: bHi });
    return;
  }
  let pa = aLo;
  let pb = bLo;
  for (const [x, y] of anchors) {
    diffRange(a, pa, x, b, pb, y, maxD, depth + 1, out);
    pa = x + 1;
    pb = y + 1;
  }
  diffRange(a, pa, aHi, b, pb, bHi, maxD, depth + 1, out);
}

/** Myers' greedy forward search with a per-d copy of V for backtracking; false when D would exceed maxD. */
function myers(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, maxD: number, out: DiffHunk[]): boolean {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const max = Math.min(n + m, maxD);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  if (found < 0) return false;

  const delA = new Uint8Array(n);
  const insB = new Uint8Array(m);
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number): number => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    // The diagonal run from the move's end point up to (x, y) is equal lines: only the move is recorded.
    if (down) insB[prevY] = 1;
    else delA[prevX] = 1;
    x = prevX;
    y = prevY;
  }

  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if ((i < n && delA[i]) || (j < m && insB[j])) {
      const si = i;
      const sj = j;
      while ((i < n && delA[i]) || (j < m && insB[j])) {
        while (i < n && delA[i]) i++;
        while (j < m && insB[j]) j++;
      }
      out.push({ oldStart: aLo + si, oldEnd: aLo + i, newStart: bLo + sj, newEnd: bLo + j });
    } else {
      i++;
      j++;
    }
  }
  return true;
}

function sharesAnyLine(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): boolean {
  const seen = new Set<number>();
  for (let i = aLo; i < aHi; i++) seen.add(a[i]!);
  for (let j = bLo; j < bHi; j++) if (seen.has(b[j]!)) return true;
  return false;
}

/** Lines occurring exactly once on each side, kept in an order increasing on both (longest increasing subsequence). */
function uniqueAnchors(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): Array<[number, number]> {
  const countA = new Map<number, number>();
  const posA = new Map<number, number>();
  for (let i = aLo; i < aHi; i++) {
    countA.set(a[i]!, (countA.get(a[i]!) ?? 0) + 1);
    posA.set(a[i]!, i);
  }
  const countB = new Map<number, number>();
  const posB = new Map<number, number>();
  for (let j = bLo; j < bHi; j++) {
    countB.set(b[j]!, (countB.get(b[j]!) ?? 0) + 1);
    posB.set(b[j]!, j);
  }
  const pairs: Array<[number, number]> = [];
  for (let i = aLo; i < aHi; i++) {
    const id = a[i]!;
    if (countA.get(id) === 1 && countB.get(id) === 1) pairs.push([i, posB.get(id)!]);
  }
  // Patience LIS over the b positions (pairs are already sorted by a position).
  const tails: number[] = [];
  const prevIdx = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const yb = pairs[p]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < yb) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prevIdx[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const result: Array<[number, number]> = [];
  for (let p = tails.length > 0 ? tails[tails.length - 1]! : -1; p >= 0; p = prevIdx[p]!) result.push(pairs[p]!);
  return result.reverse();
}
