/**
 * Answers `smallcode/stats` and `smallcode/tokens` from the task traces on disk, so the numbers
 * survive restarts and agree with what was traced. Pure aggregation over read records.
 */
import type { StatsResultT, TokensResultT } from '../../protocol-ext/stats.js';
import { readTraces } from './trace-writer.js';

export function statsFromTraces(root: string): StatsResultT {
  const records = readTraces(root);
  const out: StatsResultT = { tasks: 0, succeeded: 0, failed: 0, toolCalls: 0, modelCalls: 0, tokens: { prompt: 0, completion: 0 }, byModel: {} };
  for (const r of records) {
    if (r.type === 'result') {
      out.tasks++;
      if (r.success) out.succeeded++;
      else out.failed++;
      const m = (out.byModel[r.model] ??= { calls: 0, failures: 0 });
      if (!r.success) m.failures++;
    } else if (r.type === 'tool') {
      out.toolCalls++;
    } else if (r.type === 'model') {
      out.modelCalls++;
      out.tokens.prompt += r.prompt;
      out.tokens.completion += r.completion;
      (out.byModel[r.model] ??= { calls: 0, failures: 0 }).calls++;
    }
  }
  return out;
}

export function tokensFromTraces(root: string, taskId?: string): TokensResultT {
  const calls = readTraces(root, taskId).flatMap((r) =>
    r.type === 'model' ? [{ taskId: r.taskId, model: r.model, purpose: r.purpose, prompt: r.prompt, completion: r.completion, estimated: r.estimated, at: r.at }] : [],
  );
  const totals = calls.reduce((t, c) => ({ prompt: t.prompt + c.prompt, completion: t.completion + c.completion, calls: t.calls + 1 }), { prompt: 0, completion: 0, calls: 0 });
  return { calls: calls.slice(-1000), totals };
}
