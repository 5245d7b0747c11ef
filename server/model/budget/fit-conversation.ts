/**
 * The budgeter the agent calls before every model request: cuts long tool results, trims old reasoning,
 * evicts older tool results, then compacts older turns into a summary, until the request fits the
 * window minus the answer's reserve. It never returns an over-size request: when even the system prompt,
 * tool schemas and task cannot fit, it returns a typed failure. The system message and the tool list are
 * passed through untouched, so the prompt prefix stays byte-identical (KV-cache reuse).
 */
import type { ChatMessage, ToolDefinition } from '../messages.js';
import type { UsedSection } from './budget-split.js';
import { applyCompaction, CONTINUE_TEXT, fallbackSummary, isSummaryMessage, SUMMARY_PREFIX, turnStarts, type Summariser } from './compact.js';
import { repairConversation } from './conversation-invariants.js';
import { callsById, evictToolResults } from './evict.js';
import { applyThinkingBudget } from './thinking-history.js';
import type { TokenEstimator } from './token-estimate.js';
import { DEFAULT_MAX_TOOL_RESULT_CHARS, truncateToolResult } from './truncate-tool-result.js';

export interface FitOptions {
  /** Tool results longer than this are cut to head + tail (SMALLCODE_MAX_TOOL_RESULT_CHARS). */
  maxToolResultChars?: number;
  /** Tokens of reasoning kept in history, newest first (SMALLCODE_THINKING_BUDGET). */
  thinkingBudget?: number;
  /** Assistant turns at the end whose tool results are evicted only as a last resort. */
  keepRecentTurns?: number;
  /** Share of the usable window left unused to absorb estimate error (0..0.5). */
  safetyMargin?: number;
  /** The model's summariser; without it (or when it fails) the deterministic summary is used. */
  summarise?: Summariser;
  /** Largest summary in tokens (default: a tenth of the usable window, 48..800). */
  maxSummaryTokens?: number;
  /** Evict every tool result before the recent turns, even when not needed (overflow retry). */
  evictAllOld?: boolean;
  /**
   * Share of the limit freed beyond the minimum once eviction or compaction has to run (default 0.25),
   * so they run every few turns instead of every turn: each one changes history and costs a KV-cache refill.
   */
  headroom?: number;
  /** Run repairConversation() on the input first (default true). */
  repair?: boolean;
}

export interface FitInput {
  messages: readonly ChatMessage[];
  tools: readonly ToolDefinition[];
  /** Context window of the model in tokens. */
  window: number;
  /** Tokens kept for the answer (max_tokens of the request). */
  reserve: number;
  estimator: TokenEstimator;
  options?: FitOptions;
}

export interface FitSuccess {
  ok: true;
  /** The conversation to send; the agent keeps it as its history for the next turn. */
  messages: ChatMessage[];
  estimatedTokens: number;
  /** Largest request allowed: (window - reserve) less the safety margin. */
  limit: number;
  truncatedResults: number;
  thinkingDropped: number;
  evicted: number;
  /** Messages folded into the summary (0 when no compaction happened). */
  compacted: number;
  summarySource: 'model' | 'fallback' | null;
  sections: UsedSection[];
}

export interface FitFailure {
  ok: false;
  code: 'ContextOverflow';
  reason: string;
  /** Tokens of the smallest possible request (system, tools, task). */
  estimatedTokens: number;
  limit: number;
  sections: UsedSection[];
}

export type FitResult = FitSuccess | FitFailure;

/** Index of the task (first user message); everything up to it is never changed. */
export function taskIndexOf(messages: readonly ChatMessage[]): number {
  const i = messages.findIndex((m) => m.role === 'user');
  if (i >= 0) return i;
  let j = -1;
  while (j + 1 < messages.length && messages[j + 1]!.role === 'system') j++;
  return j;
}

/** The sections of a request (system, tools, task, summary, history, reserve, free) in tokens. */
export function requestSections(messages: readonly ChatMessage[], tools: readonly ToolDefinition[], window: number, reserve: number, est: TokenEstimator): UsedSection[] {
  return sectionsOf(messages, tools, est.request(messages, tools), window, reserve, taskIndexOf(messages), est);
}

function sectionsOf(messages: readonly ChatMessage[], tools: readonly ToolDefinition[], total: number, window: number, reserve: number, taskIndex: number, est: TokenEstimator): UsedSection[] {
  let system = 0;
  let task = 0;
  let summary = 0;
  messages.forEach((m, i) => {
    if (i > taskIndex) {
      if (isSummaryMessage(m)) summary += est.message(m);
    } else if (m.role === 'system') system += est.message(m);
    else task += est.message(m);
  });
  const toolTokens = est.tools(tools);
  const history = Math.max(0, total - system - task - summary - toolTokens);
  const free = Math.max(0, window - reserve - total);
  return [
    { name: 'system', tokens: system },
    { name: 'tools', tokens: toolTokens },
    { name: 'task', tokens: task },
    { name: 'summary', tokens: summary },
    { name: 'history', tokens: history },
    { name: 'reserve', tokens: reserve },
    { name: 'free', tokens: free },
  ];
}

/** Cuts every over-long tool result after the task; returns the count cut. */
function truncateResults(messages: ChatMessage[], from: number, maxChars: number): number {
  let n = 0;
  let calls: ReturnType<typeof callsById> | null = null;
  for (let i = from; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role !== 'tool' || m.content.length <= maxChars) continue;
    calls ??= callsById(messages);
    const r = truncateToolResult(m.content, { maxChars, toolName: calls.get(m.tool_call_id)?.function.name ?? m.name });
    messages[i] = { ...m, content: r.text };
    n++;
  }
  return n;
}

/** Cuts a summary body until its message costs at most `tokens`. */
function clipSummary(body: string, tokens: number, est: TokenEstimator): string {
  let text = body;
  for (let guard = 0; guard < 40; guard++) {
    // Measure the exact message applyCompaction will build.
    const cost = est.message({ role: 'assistant', content: `${SUMMARY_PREFIX}\n${text.trim()}` });
    if (cost <= tokens) return text;
    if (text.length < 8) return '';
    text = `${text.slice(0, Math.floor(text.length * Math.min(0.9, tokens / cost)))}...`;
  }
  return '';
}

interface CompactionPlan {
  cut: number;
  summaryTokens: number;
}

/** Smallest cut in `cuts` whose compacted request fits with a summary of at least `want` tokens. */
function chooseCut(messages: readonly ChatMessage[], cuts: readonly number[], fixedTokens: number, limit: number, want: number, est: TokenEstimator): CompactionPlan | null {
  // suffix[i] = tokens of messages[i..]; per-message ceilings make this an over-estimate (safe).
  const suffix = new Array<number>(messages.length + 1).fill(0);
  for (let i = messages.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + est.message(messages[i]!);
  const bridgeCost = est.message({ role: 'user', content: CONTINUE_TEXT });
  for (const cut of cuts) {
    const bridge = cut < messages.length && messages[cut]!.role === 'user' ? 0 : bridgeCost;
    const room = limit - fixedTokens - bridge - suffix[cut]!;
    if (room >= want) return { cut, summaryTokens: Math.min(room, want) };
  }
  return null;
}

/** Fits a conversation into the window; see the file header. */
export async function fitConversation(input: FitInput): Promise<FitResult> {
  const plan = fitConversationSync(input);
  if (!plan.ok || plan.result.summarySource === null || !input.options?.summarise || !plan.compaction) return plan.ok ? plan.result : plan;
  const { range, index, summaryTokens, task } = plan.compaction;
  let body: string;
  try {
    body = await input.options.summarise(range, { maxTokens: summaryTokens, task });
  } catch (err) {
    // The model's summary is an improvement, not a requirement: keep the deterministic one.
    void err;
    return plan.result;
  }
  const clipped = clipSummary(body ?? '', summaryTokens, input.estimator);
  if (!clipped.trim()) return plan.result;
  const messages = plan.result.messages.slice();
  messages[index] = { role: 'assistant', content: `${SUMMARY_PREFIX}\n${clipped.trim()}` };
  const total = input.estimator.request(messages, input.tools);
  if (total > plan.result.limit) return plan.result;
  const taskIndex = taskIndexOf(messages);
  return {
    ...plan.result,
    messages,
    estimatedTokens: total,
    summarySource: 'model',
    sections: sectionsOf(messages, input.tools, total, input.window, input.reserve, taskIndex, input.estimator),
  };
}

interface SyncPlan {
  ok: true;
  result: FitSuccess;
  compaction: { range: ChatMessage[]; index: number; summaryTokens: number; task: string } | null;
}

/**
 * The synchronous core of fitConversation, using only the deterministic summary. Exposed for callers
 * that cannot await (and for property tests); the returned `compaction` says what a model summary
 * would replace.
 */
export function fitConversationSync(input: FitInput): SyncPlan | FitFailure {
  const { tools, window, reserve, estimator: est } = input;
  const o = input.options ?? {};
  const margin = Math.min(0.5, Math.max(0, o.safetyMargin ?? 0.03));
  const limit = Math.floor(Math.max(0, window - reserve) * (1 - margin));
  const headroom = Math.min(0.5, Math.max(0, o.headroom ?? 0.25));
  const target = Math.floor(limit * (1 - headroom));
  let messages = o.repair === false ? input.messages.slice() : repairConversation(input.messages);
  const taskIndex = taskIndexOf(messages);
  const prefix = messages.slice(0, taskIndex + 1);
  const minimal = est.request(prefix, tools);
  if (minimal > limit) {
    return {
      ok: false,
      code: 'ContextOverflow',
      reason: `the system prompt, tool schemas and task alone need about ${minimal} tokens but only ${limit} fit (window ${window}, reserve ${reserve}); raise the context window, shorten the task or offer fewer tools`,
      estimatedTokens: minimal,
      limit,
      sections: sectionsOf(prefix, tools, minimal, window, reserve, taskIndex, est),
    };
  }
  const truncatedResults = truncateResults(messages, taskIndex + 1, o.maxToolResultChars ?? DEFAULT_MAX_TOOL_RESULT_CHARS);
  // Reasoning is trimmed only after the task so the protected prefix never changes.
  const thinkingBudget = o.thinkingBudget ?? 2000;
  const thinking = applyThinkingBudget(messages.slice(taskIndex + 1), thinkingBudget, est, Math.floor(thinkingBudget * (1 - 2 * headroom)));
  messages = [...messages.slice(0, taskIndex + 1), ...thinking.messages];
  let evicted = 0;
  let compacted = 0;
  let compaction: SyncPlan['compaction'] = null;
  let total = est.request(messages, tools);

  const done = (): SyncPlan => {
    const result: FitSuccess = {
      ok: true,
      messages,
      estimatedTokens: total,
      limit,
      truncatedResults,
      thinkingDropped: thinking.dropped,
      evicted,
      compacted,
      summarySource: compaction ? 'fallback' : null,
      sections: sectionsOf(messages, tools, total, window, reserve, taskIndex, est),
    };
    return { ok: true, result, compaction };
  };

  // 1. Evict older tool results (before the recent turns).
  const keep = Math.max(0, o.keepRecentTurns ?? 1);
  let protectFrom = messages.length;
  for (let i = messages.length - 1, seen = 0; i > taskIndex && seen < keep; i--) {
    if (messages[i]!.role === 'assistant') {
      seen++;
      protectFrom = i;
    }
  }
  if (total > limit || o.evictAllOld) {
    const r = evictToolResults(messages, { protectBefore: taskIndex + 1, protectFrom, needTokens: o.evictAllOld ? Infinity : total - target, estimator: est });
    messages = r.messages;
    evicted += r.evicted;
    total = est.request(messages, tools);
  }
  if (total <= limit) return done();

  // 2. Compact older turns; if that is not enough, evict the recent results too and compact further.
  const fixed = est.request(prefix, tools);
  const want = Math.max(48, Math.min(800, o.maxSummaryTokens ?? Math.floor(limit * 0.1)));
  const allCuts = turnStarts(messages, taskIndex).filter((c) => c > taskIndex + 1);
  const oldCuts = allCuts.filter((c) => c <= protectFrom);
  let choice = chooseCut(messages, oldCuts, fixed, target, want, est) ?? chooseCut(messages, oldCuts, fixed, limit, want, est);
  if (!choice) {
    const r = evictToolResults(messages, { protectBefore: taskIndex + 1, protectFrom: messages.length, needTokens: Infinity, estimator: est });
    messages = r.messages;
    evicted += r.evicted;
    total = est.request(messages, tools);
    if (total <= limit) return done();
    choice = chooseCut(messages, allCuts, fixed, target, want, est) ?? chooseCut(messages, allCuts, fixed, limit, want, est);
  }
  // Last resort: fold everything after the task into a summary of whatever room is left.
  if (!choice) {
    const bridge = est.message({ role: 'user', content: CONTINUE_TEXT });
    choice = { cut: messages.length, summaryTokens: limit - fixed - bridge };
  }
  const range = messages.slice(taskIndex + 1, choice.cut);
  const taskText = taskIndex >= 0 && messages[taskIndex]!.role === 'user' ? (messages[taskIndex] as { content: string }).content : '';
  const fullSummary = fallbackSummary(range, taskText);
  // The per-part estimate can differ slightly from the whole; shrink the summary a few times if needed.
  for (let tokens = choice.summaryTokens, tries = 0; tokens >= 16 && tries < 4; tokens = Math.floor(tokens * 0.7), tries++) {
    const body = clipSummary(fullSummary, tokens, est);
    if (!body.trim()) break;
    const candidate = applyCompaction(messages, taskIndex, choice.cut, body);
    const candidateTotal = est.request(candidate, tools);
    if (candidateTotal <= limit) {
      messages = candidate;
      total = candidateTotal;
      compacted = range.length;
      compaction = { range, index: taskIndex + 1, summaryTokens: tokens, task: taskText };
      return done();
    }
  }
  // Nothing else fits: the task alone (checked above to fit) is a valid, if forgetful, request.
  compacted = messages.length - (taskIndex + 1);
  messages = prefix;
  total = minimal;
  return done();
}
