/**
 * The rules strict chat templates (Qwen3 and other jinja templates) enforce, as a checker and a repair:
 * one system message at the head, tool results right after the assistant message that called them,
 * no orphaned results, no unanswered calls. Pure; never reorders the conversation's meaning.
 */
import type { ChatMessage } from '../messages.js';

export type ConversationProblemCode =
  | 'missing-system'
  | 'system-not-first'
  | 'multiple-system'
  | 'first-turn-not-user'
  | 'orphan-tool-result'
  | 'unanswered-tool-call'
  | 'duplicate-tool-call-id'
  | 'duplicate-tool-result'
  | 'empty-assistant'
  | 'consecutive-user'
  | 'consecutive-assistant';

export interface ConversationProblem {
  index: number;
  code: ConversationProblemCode;
  message: string;
}

export interface ValidateOptions {
  /**
   * Also forbid two user messages or two assistant messages directly after each other (templates such
   * as Mistral's and Gemma's require alternation; assistant → tool results → assistant is fine).
   */
  strictAlternation?: boolean;
  /** Accept a conversation without a system message (default: a system message is required). */
  allowNoSystem?: boolean;
}

/** Every rule the conversation breaks; an empty list means a strict template will accept it. */
export function validateConversation(messages: readonly ChatMessage[], options: ValidateOptions = {}): ConversationProblem[] {
  const problems: ConversationProblem[] = [];
  const add = (index: number, code: ConversationProblemCode, message: string): void => {
    problems.push({ index, code, message });
  };
  let systems = 0;
  messages.forEach((m, i) => {
    if (m.role !== 'system') return;
    systems++;
    if (i !== 0) add(i, 'system-not-first', `system message at index ${i}; templates accept one only at the head`);
    if (systems === 2) add(i, 'multiple-system', 'more than one system message');
  });
  if (systems === 0 && !options.allowNoSystem) add(0, 'missing-system', 'no system message at the head');
  const firstTurn = messages.findIndex((m) => m.role !== 'system');
  if (firstTurn >= 0 && messages[firstTurn]!.role !== 'user') add(firstTurn, 'first-turn-not-user', `the first message after the system prompt is ${messages[firstTurn]!.role}, not user`);

  const seenCallIds = new Set<string>();
  // Calls of the latest assistant message that still wait for a result, and the results seen for it.
  let pending: Map<string, boolean> | null = null;
  let pendingIndex = -1;
  const closePending = (at: number): void => {
    if (!pending) return;
    for (const [id, answered] of pending) {
      if (!answered) add(pendingIndex, 'unanswered-tool-call', `tool call ${id} has no result before index ${at}`);
    }
    pending = null;
  };
  messages.forEach((m, i) => {
    const prev = i > 0 ? messages[i - 1]!.role : null;
    if (options.strictAlternation && (m.role === 'user' || m.role === 'assistant') && prev === m.role) {
      add(i, m.role === 'user' ? 'consecutive-user' : 'consecutive-assistant', `two ${m.role} messages in a row`);
    }
    if (m.role === 'tool') {
      const slot: Map<string, boolean> | null = pending;
      if (!slot || !slot.has(m.tool_call_id)) {
        add(i, 'orphan-tool-result', `tool result ${m.tool_call_id} does not answer a call of the assistant message before it`);
      } else if (slot.get(m.tool_call_id)) {
        add(i, 'duplicate-tool-result', `second result for tool call ${m.tool_call_id}`);
      } else {
        slot.set(m.tool_call_id, true);
      }
      return;
    }
    closePending(i);
    if (m.role === 'assistant') {
      const calls = m.tool_calls ?? [];
      if ((m.content === null || m.content === '') && calls.length === 0 && !m.reasoning_content) add(i, 'empty-assistant', 'assistant message with neither content nor tool calls');
      if (calls.length > 0) {
        pending = new Map();
        pendingIndex = i;
        for (const c of calls) {
          if (seenCallIds.has(c.id)) add(i, 'duplicate-tool-call-id', `tool call id ${c.id} is used twice`);
          seenCallIds.add(c.id);
          pending.set(c.id, false);
        }
      }
    }
  });
  closePending(messages.length);
  return problems;
}

/** Text of a result supplied for a call whose result was lost, so the template stays valid. */
export const MISSING_RESULT_TEXT = '[no result: this call was not executed or its result was removed]';

/**
 * Makes a conversation valid: system messages merged into one at the head, orphaned and duplicate tool
 * results dropped, unanswered calls given a stub result right after the calling message's results, and
 * empty assistant messages removed. A valid conversation comes back unchanged (same objects).
 */
export function repairConversation(messages: readonly ChatMessage[]): ChatMessage[] {
  const systems = messages.filter((m): m is Extract<ChatMessage, { role: 'system' }> => m.role === 'system');
  const out: ChatMessage[] = [];
  if (systems.length === 1 && messages[0] === systems[0]) out.push(systems[0]!);
  else if (systems.length > 0) out.push({ role: 'system', content: systems.map((s) => s.content).join('\n\n') });
  let pending: Map<string, boolean> | null = null;
  let pendingNames = new Map<string, string>();
  const flush = (): void => {
    if (!pending) return;
    for (const [id, answered] of pending) {
      if (!answered) out.push({ role: 'tool', tool_call_id: id, name: pendingNames.get(id) ?? '', content: MISSING_RESULT_TEXT });
    }
    pending = null;
  };
  const seenIds = new Set<string>();
  for (const m of messages) {
    if (m.role === 'system') continue;
    if (m.role === 'tool') {
      const slot: Map<string, boolean> | null = pending;
      if (slot && slot.get(m.tool_call_id) === false) {
        slot.set(m.tool_call_id, true);
        out.push(m);
      }
      continue;
    }
    flush();
    if (m.role === 'assistant') {
      let msg = m;
      const calls = m.tool_calls ?? [];
      const unique = calls.filter((c) => {
        if (seenIds.has(c.id)) return false;
        seenIds.add(c.id);
        return true;
      });
      if (unique.length !== calls.length) {
        msg = { ...m };
        if (unique.length > 0) msg.tool_calls = unique;
        else delete msg.tool_calls;
      }
      if ((msg.content === null || msg.content === '') && (msg.tool_calls ?? []).length === 0 && !msg.reasoning_content) continue;
      if (msg.tool_calls && msg.tool_calls.length > 0) {
        pending = new Map();
        pendingNames = new Map();
        for (const c of msg.tool_calls) {
          seenIds.add(c.id);
          pending.set(c.id, false);
          pendingNames.set(c.id, c.function.name);
        }
      }
      out.push(msg);
      continue;
    }
    out.push(m);
  }
  flush();
  return out;
}
