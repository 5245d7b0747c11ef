/**
 * Weighted, personalised PageRank by power iteration over adjacency lists given per node. Pure
 * numeric code: no store, no I/O. Dangling mass and teleports follow the personalisation vector.
 */

export interface OutEdges {
  targets: Int32Array;
  weights: Float64Array;
  /** Sum of weights (precomputed by whoever builds the lists). */
  total: number;
}

export interface PageRankOptions {
  damping?: number;
  maxIterations?: number;
  /** Stop when the L1 change of an iteration falls below this. */
  tolerance?: number;
  /** Teleport distribution (sums to 1); uniform when absent. */
  personalization?: Float64Array | null;
  /** Starting vector (e.g. the previous result) to converge in fewer iterations. */
  initial?: Float64Array | null;
}

export function pagerank(n: number, edgesOf: (node: number) => OutEdges | null, options: PageRankOptions = {}): Float64Array {
  const d = options.damping ?? 0.85;
  const maxIt = options.maxIterations ?? 60;
  const tol = options.tolerance ?? 1e-6;
  if (n === 0) return new Float64Array(0);
  const p = options.personalization ?? new Float64Array(n).fill(1 / n);
  let rank = new Float64Array(n);
  if (options.initial && options.initial.length === n) rank.set(options.initial);
  else rank.set(p);
  let next = new Float64Array(n);
  const lists: Array<OutEdges | null> = new Array(n);
  for (let i = 0; i < n; i++) {
    const e = edgesOf(i);
    lists[i] = e && e.total > 0 ? e : null;
  }
  for (let it = 0; it < maxIt; it++) {
    let dangling = 0;
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const r = rank[i]!;
      if (r === 0) continue;
      const e = lists[i];
      if (!e) {
        dangling += r;
        continue;
      }
      const share = (d * r) / e.total;
      const t = e.targets;
      const w = e.weights;
      for (let k = 0; k < t.length; k++) next[t[k]!]! += share * w[k]!;
    }
    const teleport = 1 - d + d * dangling;
    let delta = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = next[i]! + teleport * p[i]!;
      next[i] = v;
      sum += v;
    }
    // Renormalise against drift (and against a personalisation that does not sum exactly to 1).
    for (let i = 0; i < n; i++) {
      next[i] = next[i]! / sum;
      delta += Math.abs(next[i]! - rank[i]!);
    }
    const tmp = rank;
    rank = next;
    next = tmp;
    if (delta < tol) break;
  }
  return rank;
}
