/**
 * Compaction of older turns into one summary: the summary message shape, where a compaction may cut,
 * and the deterministic fallback summary (task, files read/changed, tools with outcome, last errors)
 * used when the model's summary fails or is absent. Pure; the model summariser is injected elsewhere.
 */
import type { ChatMessage } from '../messages.js';
import { callsById, describeCall } from './evict.js';
import { stripReasoning } from './thinking-history.js';

/** Opens every summary message; the next compaction recognises and folds in an earlier summary. */
export const SUMMARY_PREFIX = '[Summary of earlier work in this task]';
/** The user turn after a summary, so user and assistant turns keep alternating. */
export const CONTINUE_TEXT = 'Continue the task from the summary above.';

/**
 * Summarises the messages being compacted (the model does it through a prompt function). Should
 * answer within maxTokens; may reject, in which case the fallback summary is used.
 */
export type Summariser = (messages: readonly ChatMessage[], options: { maxTokens: number; task: string }) => Promise<string>;

export function isSummaryMessage(m: ChatMessage): boolean {
  return m.role === 'assistant' && typeof m.content === 'string' && m.content.startsWith(SUMMARY_PREFIX);
}

/**
 * Indexes where a compaction may end: the start of a turn (a user or assistant message) after the task,
 * never a tool result, so no result is separated from its call. messages.length is always a cut.
 */
export function turnStarts(messages: readonly ChatMessage[], taskIndex: number): number[] {
  const cuts: number[] = [];
  for (let i = taskIndex + 1; i < messages.length; i++) if (messages[i]!.role !== 'tool') cuts.push(i);
  cuts.push(messages.length);
  return cuts;
}

/**
 * Replaces messages (taskIndex, cut) with the summary. A continue turn follows the summary when the
 * next kept message is not a user turn, so the roles still alternate.
 */
export function applyCompaction(messages: readonly ChatMessage[], taskIndex: number, cut: number, summaryBody: string): ChatMessage[] {
  const head = messages.slice(0, taskIndex + 1);
  const tail = messages.slice(cut);
  const summary: ChatMessage = { role: 'assistant', content: `${SUMMARY_PREFIX}\n${summaryBody.trim()}` };
  const bridge: ChatMessage[] = tail.length > 0 && tail[0]!.role === 'user' ? [] : [{ role: 'user', content: CONTINUE_TEXT }];
  return [...head, summary, ...bridge, ...tail];
}

const READ_TOOL = /read|view|open|cat|show/i;
const WRITE_TOOL = /write|edit|create|replace|patch|apply|delete|remove|rename|move|insert/i;
const PATH_KEYS = ['path', 'file_path', 'filepath', 'file', 'filename', 'target', 'paths'];
const ERROR_RE = /^\s*(error|failed|failure|exception|traceback|fatal)\b|\b(error|exception)\s*[:[]|exit (code|status) [1-9]|\bFAIL\b/i;

function pathsOf(argsJson: string): string[] {
  let args: unknown;
  try {
    args = JSON.parse(argsJson || '{}');
  } catch (err) {
    void err; // unreadable arguments name no file
    return [];
  }
  if (!args || typeof args !== 'object') return [];
  const rec = args as Record<string, unknown>;
  const out: string[] = [];
  for (const k of PATH_KEYS) {
    const v = rec[k];
    if (typeof v === 'string' && v) out.push(v);
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  }
  return out;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 3)}...` : one;
}

function listClip(items: string[], max: number): string {
  const uniq = [...new Set(items)];
  return uniq.length > max ? `${uniq.slice(0, max).join(', ')} (+${uniq.length - max} more)` : uniq.join(', ');
}

/**
 * A summary built from the messages alone: always available, deterministic, bounded by maxChars.
 * `all` is the whole conversation (to find the calls behind results); `range` the part compacted.
 */
export function fallbackSummary(range: readonly ChatMessage[], task: string, maxChars = 2000): string {
  const calls = callsById(range);
  const read: string[] = [];
  const changed: string[] = [];
  const tools = new Map<string, { n: number; failed: number }>();
  const errors: string[] = [];
  const earlier: string[] = [];
  let lastNote = '';
  let lastUser = '';
  for (const m of range) {
    if (m.role === 'assistant') {
      if (isSummaryMessage(m)) {
        // The task line is repeated anyway; keep what the earlier summary learnt.
        const body = m.content!.slice(SUMMARY_PREFIX.length).split('\n').filter((l) => l.trim() && !l.startsWith('Task: '));
        earlier.push(body.join('; '));
        continue;
      }
      const text = m.content ? stripReasoning(m.content) : '';
      if (text.trim()) lastNote = text;
      for (const c of m.tool_calls ?? []) {
        const paths = pathsOf(c.function.arguments);
        if (WRITE_TOOL.test(c.function.name)) changed.push(...paths);
        else if (READ_TOOL.test(c.function.name)) read.push(...paths);
      }
    } else if (m.role === 'tool') {
      const call = calls.get(m.tool_call_id);
      const name = call?.function.name ?? m.name ?? 'tool';
      const stat = tools.get(name) ?? { n: 0, failed: 0 };
      stat.n++;
      const failed = ERROR_RE.test(m.content.slice(0, 400));
      if (failed) {
        stat.failed++;
        errors.push(`${describeCall(call, name)}: ${clip(m.content, 200)}`);
      }
      tools.set(name, stat);
    } else if (m.role === 'user' && m.content !== task && m.content !== CONTINUE_TEXT) {
      lastUser = m.content;
    }
  }
  const lines: string[] = [`Task: ${clip(task, 300)}`];
  if (earlier.length > 0) lines.push(`Before that: ${clip(earlier.join(' '), 600)}`);
  if (read.length > 0) lines.push(`Files read: ${listClip(read, 12)}`);
  if (changed.length > 0) lines.push(`Files changed: ${listClip(changed, 12)}`);
  if (tools.size > 0) {
    const parts = [...tools].map(([name, s]) => `${name} x${s.n}${s.failed > 0 ? ` (${s.failed} failed)` : ' (ok)'}`);
    lines.push(`Tools called: ${parts.join(', ')}`);
  }
  if (errors.length > 0) lines.push('Last errors:', ...errors.slice(-3).map((e) => `- ${e}`));
  if (lastNote) lines.push(`Last note: ${clip(lastNote, 300)}`);
  if (lastUser) lines.push(`Last user message: ${clip(lastUser, 300)}`);
  const text = lines.join('\n');
  return text.length > maxChars ? `${text.slice(0, maxChars - 3)}...` : text;
}

/** The shape of a structured summary from a prompt function (summariseHistory's output). */
export interface StructuredSummary {
  summary: string;
  facts?: readonly string[];
  filesTouched?: readonly string[];
  openQuestions?: readonly string[];
}

/** Renders a structured summary as the body of the summary message. */
export function formatStructuredSummary(s: StructuredSummary): string {
  const lines = [s.summary.trim()];
  if (s.facts && s.facts.length > 0) lines.push('Facts:', ...s.facts.map((f) => `- ${f}`));
  if (s.filesTouched && s.filesTouched.length > 0) lines.push(`Files touched: ${s.filesTouched.join(', ')}`);
  if (s.openQuestions && s.openQuestions.length > 0) lines.push('Open questions:', ...s.openQuestions.map((q) => `- ${q}`));
  return lines.join('\n');
}

/**
 * A Summariser from a structured-summary call, e.g.
 * `summariserFrom(async (i) => { const r = await summariseHistory.run(provider, i); if (!r.ok) throw new Error(r.error); return r.value; })`.
 * A failure (rejection) makes fitConversation use the deterministic summary.
 */
export function summariserFrom(call: (input: { messages: ChatMessage[]; task?: string }) => Promise<StructuredSummary>): Summariser {
  return async (messages, options) => formatStructuredSummary(await call({ messages: [...messages], task: options.task }));
}
