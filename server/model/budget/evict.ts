/**
 * Eviction of older tool results under context pressure: their content becomes a one-line stub naming
 * the call, so the model knows it can call again. Structure (ids, order) never changes, so eviction
 * cannot break the conversation invariants. Pure.
 */
import type { ChatMessage, WireToolCall } from '../messages.js';
import type { TokenEstimator } from './token-estimate.js';

/** Starts every stub; an evicted result is never evicted again. */
export const EVICTED_PREFIX = '[result of ';

function shortValue(v: unknown): string | null {
  if (typeof v === 'string') return v.length > 60 ? `${v.slice(0, 57)}...` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** `read_file(path=src/a.ts)` from a wire call: scalar arguments only, each cut short. */
export function describeCall(call: WireToolCall | undefined, fallbackName = 'tool'): string {
  if (!call) return `${fallbackName}()`;
  let args: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(call.function.arguments || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
  } catch (err) {
    // Arguments the model sent as broken JSON still deserve a readable stub; show them raw.
    void err;
    const raw = call.function.arguments.replace(/\s+/g, ' ');
    return `${call.function.name}(${raw.length > 60 ? `${raw.slice(0, 57)}...` : raw})`;
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(args)) {
    const s = shortValue(v);
    if (s !== null) parts.push(`${k}=${s}`);
    if (parts.length === 3) break;
  }
  return `${call.function.name}(${parts.join(', ')})`;
}

export function evictionStub(call: WireToolCall | undefined, name?: string): string {
  return `${EVICTED_PREFIX}${describeCall(call, name ?? 'tool')} evicted to save context; call again if needed]`;
}

export function isEvicted(m: ChatMessage): boolean {
  return m.role === 'tool' && m.content.startsWith(EVICTED_PREFIX);
}

/** Map from tool_call_id to the call that produced it. */
export function callsById(messages: readonly ChatMessage[]): Map<string, WireToolCall> {
  const map = new Map<string, WireToolCall>();
  for (const m of messages) if (m.role === 'assistant') for (const c of m.tool_calls ?? []) map.set(c.id, c);
  return map;
}

export interface EvictOptions {
  /** Indexes below this are never touched (the system message and the task). */
  protectBefore: number;
  /** Indexes at or after this are never touched (the most recent turns). */
  protectFrom: number;
  /** Stop once this many tokens are freed (Infinity evicts every eligible result). */
  needTokens: number;
  estimator: TokenEstimator;
}

export interface EvictResult {
  messages: ChatMessage[];
  /** Tool results replaced by stubs plus assistant messages whose long call arguments were cut. */
  evicted: number;
  freedTokens: number;
}

/** String arguments longer than this (a whole file for write_file) are dropped from old calls. */
export const LONG_ARGUMENT_CHARS = 400;

function omitted(n: number): string {
  return `[${n} chars omitted from history to save context]`;
}

/**
 * The assistant message with long string arguments of its calls replaced by a placeholder (the
 * arguments stay valid JSON, ids unchanged); null when nothing is long.
 */
export function withShortArguments(m: Extract<ChatMessage, { role: 'assistant' }>): ChatMessage | null {
  let changed = false;
  const calls = (m.tool_calls ?? []).map((c) => {
    const raw = c.function.arguments;
    if (raw.length <= LONG_ARGUMENT_CHARS) return c;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      void err; // unreadable arguments are replaced whole
      parsed = undefined;
    }
    let next: Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      next = {};
      let cut = false;
      for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof v === 'string' && v.length > LONG_ARGUMENT_CHARS) {
          next[k] = omitted(v.length);
          cut = true;
        } else next[k] = v;
      }
      if (!cut) return c;
    } else {
      next = { arguments: omitted(raw.length) };
    }
    changed = true;
    return { ...c, function: { ...c.function, arguments: JSON.stringify(next) } };
  });
  return changed ? { ...m, tool_calls: calls } : null;
}

/**
 * Evicts tool results (and long arguments of the calls) oldest first within [protectBefore,
 * protectFrom) until needTokens are freed.
 */
export function evictToolResults(messages: readonly ChatMessage[], options: EvictOptions): EvictResult {
  const out = messages.slice();
  const calls = callsById(messages);
  let freed = 0;
  let evicted = 0;
  const end = Math.min(options.protectFrom, out.length);
  for (let i = Math.max(0, options.protectBefore); i < end && freed < options.needTokens; i++) {
    const m = out[i]!;
    if (m.role === 'assistant') {
      const short = withShortArguments(m);
      if (!short) continue;
      const gain = options.estimator.message(m) - options.estimator.message(short);
      if (gain <= 0) continue;
      out[i] = short;
      freed += gain;
      evicted++;
      continue;
    }
    if (m.role !== 'tool' || isEvicted(m)) continue;
    const stub: ChatMessage = { ...m, content: evictionStub(calls.get(m.tool_call_id), m.name) };
    const gain = options.estimator.message(m) - options.estimator.message(stub);
    if (gain <= 0) continue;
    out[i] = stub;
    freed += gain;
    evicted++;
  }
  return { messages: out, evicted, freedTokens: freed };
}
