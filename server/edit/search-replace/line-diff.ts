/**
 * A line-level diff (longest common subsequence) between a search block and its replacement, as a
 * list of keep / delete / insert operations. Bounded: common prefix and suffix are peeled first and
 * an oversized middle degrades to delete-all + insert-all instead of quadratic work.
 */

export type DiffOp = { op: 'keep'; s: number; r: number } | { op: 'del'; s: number } | { op: 'ins'; r: number };

const MAX_CELLS = 4_000_000;

export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: DiffOp[] = [];
  for (let i = 0; i < pre; i++) ops.push({ op: 'keep', s: i, r: i });
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= MAX_CELLS) {
    // lcs[i][j] = LCS length of a[pre+i..] and b[pre+j..]
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] =
          a[pre + i] === b[pre + j]
            ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
            : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[pre + i] === b[pre + j]) {
        ops.push({ op: 'keep', s: pre + i, r: pre + j });
        i++;
        j++;
      } else if ((lcs[(i + 1) * w + j] ?? 0) >= (lcs[i * w + j + 1] ?? 0)) {
        ops.push({ op: 'del', s: pre + i });
        i++;
      } else {
        ops.push({ op: 'ins', r: pre + j });
        j++;
      }
    }
    for (; i < n; i++) ops.push({ op: 'del', s: pre + i });
    for (; j < m; j++) ops.push({ op: 'ins', r: pre + j });
  } else {
    for (let i = 0; i < n; i++) ops.push({ op: 'del', s: pre + i });
    for (let j = 0; j < m; j++) ops.push({ op: 'ins', r: pre + j });
  }
  for (let k = 0; k < suf; k++) ops.push({ op: 'keep', s: a.length - suf + k, r: b.length - suf + k });
  return ops;
}

/**
 * Diff of two blocks that contain the same number of elision markers: the k-th marker of one pairs
 * with the k-th of the other, and the segments between them are diffed separately, so a marker can
 * never be paired out of order (which would reorder the lines it stands for).
 */
export function diffAroundMarkers(a: readonly string[], b: readonly string[], isMarker: (line: string) => boolean): DiffOp[] | null {
  const cuts = (xs: readonly string[]): number[] => xs.map((l, i) => (isMarker(l) ? i : -1)).filter((i) => i >= 0);
  const ma = cuts(a);
  const mb = cuts(b);
  if (ma.length !== mb.length) return null;
  const ops: DiffOp[] = [];
  let pa = 0;
  let pb = 0;
  for (let k = 0; k <= ma.length; k++) {
    const ea = ma[k] ?? a.length;
    const eb = mb[k] ?? b.length;
    for (const op of diffLines(a.slice(pa, ea), b.slice(pb, eb))) {
      if (op.op === 'keep') ops.push({ op: 'keep', s: op.s + pa, r: op.r + pb });
      else if (op.op === 'del') ops.push({ op: 'del', s: op.s + pa });
      else ops.push({ op: 'ins', r: op.r + pb });
    }
    if (k < ma.length) ops.push({ op: 'keep', s: ea, r: eb });
    pa = ea + 1;
    pb = eb + 1;
  }
  return ops;
}
