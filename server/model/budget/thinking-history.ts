/**
 * Reasoning text in history: separates `<think>`-style blocks from answers, strips them (so reasoning
 * never leaks into edits or parsed calls), and keeps at most a token budget of reasoning in history,
 * newest first. Pure functions over strings and messages.
 */
import type { ChatMessage } from '../messages.js';
import type { TokenEstimator } from './token-estimate.js';

const TAGS = ['think', 'thinking', 'reasoning', 'thought'];
const OPEN_RE = new RegExp(`<(${TAGS.join('|')})>`, 'i');
const CLOSE_ANY_RE = new RegExp(`</(${TAGS.join('|')})>`, 'i');
const CLOSE_ALL_RE = new RegExp(`</(${TAGS.join('|')})>`, 'gi');

export interface SplitReasoning {
  /** The reasoning text, blocks joined by blank lines (empty when none). */
  reasoning: string;
  /** The answer with every reasoning block removed. */
  content: string;
}

/**
 * Splits reasoning from the answer. Rules: a closed `<think>…</think>` block anywhere is reasoning;
 * a `</think>` with no opener before it means the template opened the block in the prompt, so all text
 * before it is reasoning; an opener that never closes (cut off by max_tokens) makes the rest reasoning.
 */
export function splitReasoning(text: string): SplitReasoning {
  if (!text || (!OPEN_RE.test(text) && !CLOSE_ANY_RE.test(text))) return { reasoning: '', content: text };
  const reasoning: string[] = [];
  let content = '';
  let rest = text;
  // A leading close with no opener before it: the opener was part of the prompt.
  const firstOpen = rest.search(OPEN_RE);
  const firstClose = rest.search(CLOSE_ANY_RE);
  if (firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) {
    const m = CLOSE_ANY_RE.exec(rest);
    const closeLen = m ? m[0].length : 0;
    reasoning.push(rest.slice(0, firstClose));
    rest = rest.slice(firstClose + closeLen);
  }
  for (;;) {
    const open = OPEN_RE.exec(rest);
    if (!open) {
      content += rest;
      break;
    }
    content += rest.slice(0, open.index);
    const tag = open[1]!.toLowerCase();
    const after = rest.slice(open.index + open[0].length);
    const closeRe = new RegExp(`</${tag}>`, 'i');
    const close = closeRe.exec(after);
    if (!close) {
      reasoning.push(after);
      break;
    }
    reasoning.push(after.slice(0, close.index));
    rest = after.slice(close.index + close[0].length);
  }
  // A closer left after the first one has no block to end; drop the tag itself.
  content = content.replace(CLOSE_ALL_RE, '');
  return {
    reasoning: reasoning.map((r) => r.trim()).filter((r) => r.length > 0).join('\n\n'),
    content: content.replace(/^\s*\n/, '').trim() === '' ? '' : content.trim(),
  };
}

/** The answer without any reasoning: use before parsing tool calls and before writing text anywhere. */
export function stripReasoning(text: string): string {
  return splitReasoning(text).content;
}

/** All reasoning carried by an assistant message: the reasoning_content field plus inline blocks. */
export function reasoningOf(message: ChatMessage): string {
  if (message.role !== 'assistant') return '';
  const inline = message.content ? splitReasoning(message.content).reasoning : '';
  return [message.reasoning_content ?? '', inline].filter((s) => s.length > 0).join('\n\n');
}

export const REASONING_OMITTED = '[reasoning omitted]';

function withoutReasoning(m: Extract<ChatMessage, { role: 'assistant' }>): ChatMessage {
  const { reasoning_content: _dropped, ...rest } = m;
  void _dropped;
  let content = m.content === null ? null : splitReasoning(m.content).content;
  // A turn that was only reasoning must not become an empty assistant message (templates reject it).
  if (!content && (m.tool_calls ?? []).length === 0) content = REASONING_OMITTED;
  return { ...rest, content };
}

function withReasoningTail(m: Extract<ChatMessage, { role: 'assistant' }>, reasoning: string, keepChars: number): ChatMessage {
  const base = withoutReasoning(m) as Extract<ChatMessage, { role: 'assistant' }>;
  const tail = reasoning.slice(Math.max(0, reasoning.length - keepChars));
  return { ...base, reasoning_content: `[earlier reasoning cut]\n${tail}` };
}

export interface ThinkingBudgetResult {
  messages: ChatMessage[];
  /** Tokens of reasoning still in history. */
  keptTokens: number;
  /** Assistant messages whose reasoning was dropped or cut. */
  dropped: number;
}

const reasoningCache = new WeakMap<object, WeakMap<TokenEstimator, number>>();

/** Reasoning tokens of a message, cached per message object and estimator (history is re-checked every turn). */
function reasoningTokens(m: ChatMessage, estimator: TokenEstimator): number {
  let byEst = reasoningCache.get(m);
  const hit = byEst?.get(estimator);
  if (hit !== undefined) return hit;
  const r = reasoningOf(m);
  const n = r ? estimator.text(r) : 0;
  if (!byEst) {
    byEst = new WeakMap();
    reasoningCache.set(m, byEst);
  }
  byEst.set(estimator, n);
  return n;
}

/**
 * Keeps reasoning in history up to `budgetTokens`, newest first; when over budget, trims down to
 * `trimTo` (hysteresis, so trimming — which rewrites history — happens every few turns, not every turn); older reasoning is removed (inline
 * blocks and reasoning_content alike). The newest reasoning that does not fit whole keeps its tail
 * (the conclusion). Messages without reasoning are returned as the same objects.
 */
export function applyThinkingBudget(messages: readonly ChatMessage[], budgetTokens: number, estimator: TokenEstimator, trimTo = budgetTokens): ThinkingBudgetResult {
  const out = messages.slice();
  // Within budget: nothing changes (history stays byte-identical for the server's cache).
  let total = 0;
  for (const m of messages) if (m.role === 'assistant' && (m.reasoning_content || m.content)) total += reasoningTokens(m, estimator);
  if (total <= budgetTokens) return { messages: out, keptTokens: total, dropped: 0 };
  let remaining = Math.max(0, Math.min(trimTo, budgetTokens));
  let kept = 0;
  let dropped = 0;
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    if (m.role !== 'assistant') continue;
    const reasoning = reasoningOf(m);
    if (!reasoning) continue;
    const tokens = reasoningTokens(m, estimator);
    if (tokens <= remaining) {
      remaining -= tokens;
      kept += tokens;
      continue;
    }
    dropped++;
    if (remaining >= 32) {
      const keepChars = Math.floor((reasoning.length * (remaining - 8)) / tokens);
      const cut = withReasoningTail(m, reasoning, keepChars);
      const cost = estimator.text(reasoningOf(cut));
      if (cost <= remaining) {
        out[i] = cut;
        kept += cost;
        remaining = 0;
        continue;
      }
    }
    remaining = 0;
    out[i] = withoutReasoning(m);
  }
  return { messages: out, keptTokens: kept, dropped };
}
