/**
 * Per-function statistics of prompt functions (calls, cache hits, failures, repairs, latency, tokens)
 * for `smallcode/cognition`. Plain counters and a bounded window of latencies; no I/O.
 */

export interface PromptFnStatsRow {
  name: string;
  /** Every run, cache hits included. */
  calls: number;
  cacheHits: number;
  /** Runs that ended without a valid output (after the repair retry) or with a model error. */
  failures: number;
  /** Runs that needed the repair retry. */
  repairs: number;
  /** Median latency of runs that called the model; null before the first. */
  p50LatencyMs: number | null;
  tokens: number;
}

interface Acc {
  calls: number;
  cacheHits: number;
  failures: number;
  repairs: number;
  latencies: number[];
  tokens: number;
}

const WINDOW = 500;

export class CognitionStats {
  private readonly rows = new Map<string, Acc>();

  private acc(name: string): Acc {
    let a = this.rows.get(name);
    if (!a) {
      a = { calls: 0, cacheHits: 0, failures: 0, repairs: 0, latencies: [], tokens: 0 };
      this.rows.set(name, a);
    }
    return a;
  }

  record(name: string, e: { cached: boolean; ok: boolean; repaired: boolean; latencyMs?: number; tokens?: number }): void {
    const a = this.acc(name);
    a.calls++;
    if (e.cached) a.cacheHits++;
    if (!e.ok) a.failures++;
    if (e.repaired) a.repairs++;
    if (e.latencyMs !== undefined && !e.cached) {
      a.latencies.push(e.latencyMs);
      if (a.latencies.length > WINDOW) a.latencies.shift();
    }
    a.tokens += e.tokens ?? 0;
  }

  snapshot(): { functions: PromptFnStatsRow[]; totals: { calls: number; cacheHits: number; failures: number; tokens: number } } {
    const functions = [...this.rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, a]) => ({
      name,
      calls: a.calls,
      cacheHits: a.cacheHits,
      failures: a.failures,
      repairs: a.repairs,
      p50LatencyMs: median(a.latencies),
      tokens: a.tokens,
    }));
    const totals = functions.reduce(
      (t, f) => ({ calls: t.calls + f.calls, cacheHits: t.cacheHits + f.cacheHits, failures: t.failures + f.failures, tokens: t.tokens + f.tokens }),
      { calls: 0, cacheHits: 0, failures: 0, tokens: 0 },
    );
    return { functions, totals };
  }

  reset(): void {
    this.rows.clear();
  }
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round(((s[mid - 1]! + s[mid]!) / 2) * 10) / 10;
}
