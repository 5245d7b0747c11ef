/**
 * Token accounting per model call for `smallcode/tokens`: a bounded list of calls plus running totals
 * per task. Pure data structure; persisting it to traces belongs to server/observe.
 */
import type { TokensResultT } from '../../../protocol-ext/stats.js';

export interface TokenCallRecord {
  taskId: string;
  model: string;
  /** What the call was for: 'act', 'plan', 'summarise', 'classify', 'route', ... */
  purpose: string;
  prompt: number;
  completion: number;
  /** True when the server reported no usage and the numbers are our estimate. */
  estimated: boolean;
  /** ISO 8601 time of the call. */
  at: string;
}

interface Totals {
  prompt: number;
  completion: number;
  calls: number;
}

export class TokenLedger {
  private readonly entries: TokenCallRecord[] = [];
  private readonly totalsAll: Totals = { prompt: 0, completion: 0, calls: 0 };
  private readonly totalsByTask = new Map<string, Totals>();

  /** @param capacity calls kept in detail; totals keep counting after the oldest calls are dropped. */
  constructor(private readonly capacity = 10_000) {}

  record(call: Omit<TokenCallRecord, 'at'> & { at?: string }): TokenCallRecord {
    const entry: TokenCallRecord = {
      taskId: call.taskId,
      model: call.model,
      purpose: call.purpose,
      prompt: Math.max(0, Math.round(call.prompt)),
      completion: Math.max(0, Math.round(call.completion)),
      estimated: call.estimated,
      at: call.at ?? new Date().toISOString(),
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    add(this.totalsAll, entry);
    let t = this.totalsByTask.get(entry.taskId);
    if (!t) {
      t = { prompt: 0, completion: 0, calls: 0 };
      this.totalsByTask.set(entry.taskId, t);
    }
    add(t, entry);
    return entry;
  }

  calls(taskId?: string): TokenCallRecord[] {
    return taskId === undefined ? this.entries.slice() : this.entries.filter((e) => e.taskId === taskId);
  }

  totals(taskId?: string): Totals {
    const t = taskId === undefined ? this.totalsAll : this.totalsByTask.get(taskId);
    return t ? { ...t } : { prompt: 0, completion: 0, calls: 0 };
  }

  /** The `smallcode/tokens` answer for one task or for everything. */
  toResult(taskId?: string): TokensResultT {
    return { calls: this.calls(taskId), totals: this.totals(taskId) };
  }
}

function add(t: Totals, e: TokenCallRecord): void {
  t.prompt += e.prompt;
  t.completion += e.completion;
  t.calls++;
}
