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

/**
 * Personalised PageRank of a seed distribution by forward push (Andersen–Chung–Lang): only nodes
 * whose residual exceeds `epsilon` per out-edge are touched, so the cost depends on the seeds'
 * neighbourhood, not the graph. Dangling mass returns to the seeds. Result sums to ≤ 1.
 */
export function personalizedPush(
  n: number,
  edgesOf: (node: number) => OutEdges | null,
  seeds: ReadonlyMap<number, number>,
  options: { damping?: number; epsilon?: number } = {},
): Float64Array {
  const d = options.damping ?? 0.85;
  const eps = options.epsilon ?? 1e-6;
  const p = new Float64Array(n);
  const r = new Float64Array(n);
  const queued = new Uint8Array(n);
  const queue: number[] = [];
  const threshold = (u: number): number => eps * Math.max(1, edgesOf(u)?.targets.length ?? 1);
  const bump = (v: number, amount: number): void => {
    r[v]! += amount;
    if (!queued[v] && r[v]! >= threshold(v)) {
      queued[v] = 1;
      queue.push(v);
    }
  };
  for (const [s, w] of seeds) bump(s, w);
  while (queue.length > 0) {
    const u = queue.pop()!;
    queued[u] = 0;
    const ru = r[u]!;
    if (ru < threshold(u)) continue;
    r[u] = 0;
    p[u]! += (1 - d) * ru;
    const e = edgesOf(u);
    if (!e || e.total <= 0) {
      for (const [s, w] of seeds) bump(s, d * ru * w);
      continue;
    }
    const share = (d * ru) / e.total;
    for (let k = 0; k < e.targets.length; k++) bump(e.targets[k]!, share * e.weights[k]!);
  }
  return p;
}

export interface EdgeChange {
  node: number;
  before: OutEdges | null;
  after: OutEdges | null;
}

/**
 * Updates a uniform-teleport PageRank vector in place after some nodes' out-edges changed: the
 * change becomes a residual d·x[u]·(after − before) that is pushed locally until every residual is
 * below `epsilon` per out-edge. Uniform spreads (dangling nodes) are folded in at the end through
 * the identity (I − dM)⁻¹·u = x / (1 − d); the vector is then renormalised. Cost follows the change.
 */
export function updatePageRank(
  x: Float64Array,
  edgesOf: (node: number) => OutEdges | null,
  changes: readonly EdgeChange[],
  options: { damping?: number; epsilon?: number } = {},
): void {
  const n = x.length;
  const d = options.damping ?? 0.85;
  const eps = options.epsilon ?? 1e-7;
  const r = new Float64Array(n);
  let uniform = 0;
  const spread = (e: OutEdges | null, amount: number): void => {
    if (!e || e.total <= 0) {
      uniform += amount;
      return;
    }
    const share = amount / e.total;
    for (let k = 0; k < e.targets.length; k++) r[e.targets[k]!]! += share * e.weights[k]!;
  };
  for (const c of changes) {
    spread(c.before, -d * x[c.node]!);
    spread(c.after, d * x[c.node]!);
  }
  const queue: number[] = [];
  const queued = new Uint8Array(n);
  const threshold = (u: number): number => eps * Math.max(1, edgesOf(u)?.targets.length ?? 1);
  for (let v = 0; v < n; v++) {
    if (Math.abs(r[v]!) >= threshold(v)) {
      queued[v] = 1;
      queue.push(v);
    }
  }
  while (queue.length > 0) {
    const u = queue.pop()!;
    queued[u] = 0;
    const ru = r[u]!;
    if (Math.abs(ru) < threshold(u)) continue;
    r[u] = 0;
    x[u]! += ru;
    const e = edgesOf(u);
    if (!e || e.total <= 0) {
      uniform += d * ru;
      continue;
    }
    const share = (d * ru) / e.total;
    for (let k = 0; k < e.targets.length; k++) {
      const v = e.targets[k]!;
      r[v]! += share * e.weights[k]!;
      if (!queued[v] && Math.abs(r[v]!) >= threshold(v)) {
        queued[v] = 1;
        queue.push(v);
      }
    }
  }
  let sum = 0;
  const scale = 1 + uniform / (1 - d);
  for (let v = 0; v < n; v++) {
    x[v] = Math.max(0, x[v]! * scale);
    sum += x[v]!;
  }
  if (sum > 0) for (let v = 0; v < n; v++) x[v] = x[v]! / sum;
}
