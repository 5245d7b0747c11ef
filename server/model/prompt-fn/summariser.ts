/**
 * Adapts the summariseHistory prompt function to the budget engine's `Summariser` signature, so
 * compaction is done by the model with the engine's deterministic fallback when this throws.
 * Formats the structured summary as compact text; it never decides what to compact.
 */
import { SmallCodeError } from '../../core/errors.js';
import type { ChatMessage } from '../messages.js';
import type { ChatProvider, RunOptions } from './define.js';
import { summariseHistory, type HistorySummaryT } from './functions.js';

export function formatHistorySummary(s: HistorySummaryT): string {
  const parts = [s.summary.trim()];
  if (s.facts.length) parts.push(`Facts:\n${s.facts.map((f) => `- ${f}`).join('\n')}`);
  if (s.filesTouched.length) parts.push(`Files touched: ${s.filesTouched.join(', ')}`);
  if (s.openQuestions.length) parts.push(`Open:\n${s.openQuestions.map((q) => `- ${q}`).join('\n')}`);
  return parts.join('\n\n');
}

/** `(messages, {maxTokens, task}) => Promise<string>`; throws when the model gave no usable summary. */
export function modelSummariser(provider: ChatProvider, opts: RunOptions = {}): (messages: readonly ChatMessage[], o: { maxTokens: number; task: string }) => Promise<string> {
  return async (messages, o) => {
    const r = await summariseHistory.run(provider, { messages: [...messages], task: o.task }, opts);
    if (!r.ok) throw new SmallCodeError('ModelBadResponse', r.error, { raw: r.raw.slice(0, 500) });
    const text = formatHistorySummary(r.value);
    // ~3.5 characters per token keeps the summary inside the budget the engine gave it.
    const max = Math.max(200, Math.floor(o.maxTokens * 3.5));
    return text.length <= max ? text : `${text.slice(0, max - 15)}\n[... cut ...]`;
  };
}
