/** PageRank on tiny graphs whose answers are known. */
import { describe, expect, it } from 'vitest';
import { pagerank, personalizedPush, updatePageRank, type OutEdges } from '../../../server/graph/query/pagerank.js';

function edges(adj: number[][]): (i: number) => OutEdges | null {
  return (i) => {
    const t = adj[i] ?? [];
    return t.length ? { targets: Int32Array.from(t), weights: new Float64Array(t.length).fill(1), total: t.length } : null;
  };
}

describe('pagerank', () => {
  it('sums to one and ranks the centre of a star highest', () => {
    const r = pagerank(5, edges([[], [0], [0], [0], [0]]));
    expect([...r].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(Math.max(...r)).toBe(r[0]);
  });

  it('gives every node of a cycle the same rank', () => {
    const r = pagerank(4, edges([[1], [2], [3], [0]]));
    for (const v of r) expect(v).toBeCloseTo(0.25, 6);
  });

  it('personalisation lifts the chosen node and its successors', () => {
    const adj = [[1], [], [3], []];
    const plain = pagerank(4, edges(adj));
    const p = Float64Array.from([0, 0, 1, 0]);
    const focused = pagerank(4, edges(adj), { personalization: p });
    expect(focused[3]!).toBeGreaterThan(plain[3]!);
    expect(focused[3]!).toBeGreaterThan(focused[1]!);
  });

  it('a warm start converges to the same vector', () => {
    const adj = [[1, 2], [2], [0], [0, 2]];
    const cold = pagerank(4, edges(adj));
    const warm = pagerank(4, edges(adj), { initial: Float64Array.from([0.7, 0.1, 0.1, 0.1]) });
    for (let i = 0; i < 4; i++) expect(warm[i]!).toBeCloseTo(cold[i]!, 5);
  });

  it('handles an empty graph', () => {
    expect(pagerank(0, () => null)).toHaveLength(0);
  });
});

describe('local PageRank updates', () => {
  // A 60-node graph: a ring with chords, a few dangling nodes.
  const n = 60;
  const adj: number[][] = Array.from({ length: n }, (_, i) => (i % 13 === 5 ? [] : [(i + 1) % n, (i * 7 + 3) % n]));
  const uniform = Float64Array.from({ length: n }, () => 1 / n);
  const exact = (a: number[][], p: Float64Array): Float64Array => pagerank(n, edges(a), { personalization: p, tolerance: 1e-13, maxIterations: 1000 });

  it('forward push from seeds matches personalised power iteration', () => {
    const seeds = new Map([[7, 0.5], [30, 0.5]]);
    const p = new Float64Array(n);
    p[7] = 0.5;
    p[30] = 0.5;
    const want = exact(adj, p);
    const got = personalizedPush(n, edges(adj), seeds, { epsilon: 1e-8 });
    for (let i = 0; i < n; i++) expect(got[i]!).toBeCloseTo(want[i]!, 6);
  });

  it('updating after edge changes matches a recomputation', () => {
    const x = exact(adj, uniform);
    const changed = adj.map((t) => [...t]);
    changed[10] = [40, 41, 42];
    changed[5] = [0]; // was dangling
    changed[20] = []; // becomes dangling
    const e0 = edges(adj);
    const e1 = edges(changed);
    updatePageRank(x, e1, [10, 5, 20].map((node) => ({ node, before: e0(node), after: e1(node) })), { epsilon: 1e-9 });
    const want = exact(changed, uniform);
    for (let i = 0; i < n; i++) expect(x[i]!).toBeCloseTo(want[i]!, 5);
  });

  it('updating a personalised vector after edge changes matches a new push', () => {
    const seeds = new Map([[3, 1]]);
    const x = personalizedPush(n, edges(adj), seeds, { epsilon: 1e-8 });
    const changed = adj.map((t) => [...t]);
    changed[4] = [50, 51];
    changed[18] = []; // 18 becomes dangling: its mass returns to the seed
    const e0 = edges(adj);
    const e1 = edges(changed);
    updatePageRank(x, e1, [4, 18].map((node) => ({ node, before: e0(node), after: e1(node) })), { epsilon: 1e-8 });
    const want = personalizedPush(n, e1, seeds, { epsilon: 1e-8 });
    for (let i = 0; i < n; i++) expect(x[i]!).toBeCloseTo(want[i]!, 5);
  });
});
