/** PageRank on tiny graphs whose answers are known. */
import { describe, expect, it } from 'vitest';
import { pagerank, type OutEdges } from '../../../server/graph/query/pagerank.js';

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
