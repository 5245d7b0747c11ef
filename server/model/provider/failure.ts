/**
 * Classifies anything a model call can throw (SDK HTTP errors, fetch/socket errors, our own timeout
 * and cancellation) and turns the final failure into a SmallCodeError a user can act on.
 * Duck-typed on status/headers/cause codes so it needs no SDK import; no I/O here.
 */
import { SmallCodeError } from '../../core/errors.js';
import { recognizeContextOverflow, type OverflowInfo } from './context-overflow.js';
import { parseRetryAfter } from './retry-policy.js';

export type FailureKind = 'cancelled' | 'timeout' | 'refused' | 'reset' | 'http' | 'overflow' | 'bad-response';

export interface Failure {
  kind: FailureKind;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  /** The server's or the socket's own words. */
  message: string;
  /** Low-level code such as ECONNREFUSED. */
  code?: string;
  overflow?: OverflowInfo;
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);
const RETRY_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

interface ErrLike {
  status?: unknown;
  headers?: unknown;
  error?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  name?: unknown;
}

function causeCodes(err: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 8; depth++) {
    const e = cur as ErrLike;
    if (typeof e.code === 'string') codes.push(e.code);
    if (typeof e.message === 'string') messages.push(e.message);
    // AggregateError (happy-eyeballs connects to ::1 and 127.0.0.1) keeps the real causes in `errors`.
    const agg = (cur as { errors?: unknown }).errors;
    if (Array.isArray(agg)) for (const a of agg) if (a && typeof (a as ErrLike).code === 'string') codes.push((a as ErrLike).code as string);
    cur = e.cause;
  }
  return { codes, messages };
}

function headerGetter(h: unknown): (name: string) => string | null {
  if (h && typeof (h as { get?: unknown }).get === 'function') return (n) => (h as { get(n: string): string | null }).get(n);
  if (h && typeof h === 'object') return (n) => {
    const v = (h as Record<string, unknown>)[n];
    return typeof v === 'string' ? v : null;
  };
  return () => null;
}

/** `how` tells what our own controller did: a timeout or the caller's cancellation wins over whatever the SDK threw. */
export function classifyFailure(err: unknown, how: { timedOut: boolean; cancelled: boolean }): Failure {
  if (how.cancelled) return { kind: 'cancelled', retryable: false, message: 'cancelled' };
  if (how.timedOut) return { kind: 'timeout', retryable: false, message: 'timed out' };
  const e = (err && typeof err === 'object' ? err : {}) as ErrLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const body = e.error;
  const bodyMsg = body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : undefined;
  const message = bodyMsg ?? (typeof e.message === 'string' ? e.message : String(err));
  if (status !== undefined || body !== undefined) {
    const overflow = recognizeContextOverflow(status, message, body);
    if (overflow) return { kind: 'overflow', retryable: false, ...(status !== undefined ? { status } : {}), message, overflow };
  }
  if (status !== undefined) {
    const retryAfterMs = parseRetryAfter(headerGetter(e.headers));
    return { kind: 'http', retryable: RETRY_STATUS.has(status), status, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (e.name === 'SmallCodeBadResponse') return { kind: 'bad-response', retryable: true, message };
  const { codes, messages } = causeCodes(err);
  const refused = codes.find((c) => REFUSED.has(c));
  if (refused) return { kind: 'refused', retryable: false, message: refusedWords(refused), code: refused };
  const reset = codes.find((c) => RESET.has(c));
  const all = messages.join(' | ');
  if (reset || /terminated|socket hang up|other side closed|premature close|ECONNRESET/i.test(all)) {
    return { kind: 'reset', retryable: true, message: messages[messages.length - 1] ?? 'connection reset', ...(reset ? { code: reset } : {}) };
  }
  // A body that was not the JSON we expected is worth one more try; most often a half-loaded model.
  if (/JSON|Unexpected token|could not parse/i.test(all)) return { kind: 'bad-response', retryable: true, message };
  return { kind: 'reset', retryable: true, message: all || 'connection error' };
}

function refusedWords(code: string): string {
  switch (code) {
    case 'ECONNREFUSED': return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return 'host name not found';
    default: return `unreachable (${code})`;
  }
}

export interface FailureContext {
  baseUrl: string;
  model: string;
  attempts: number;
  timeoutMs: number;
  why?: 'not-retryable' | 'attempts-exhausted' | 'retry-after-too-long';
}

const START_HINT = 'Start Ollama (`ollama serve`) or LM Studio, or set SMALLCODE_BASE_URL.';

/** The one error a caller sees after retries are over. */
export function failureToError(f: Failure, ctx: FailureContext): SmallCodeError {
  const base = { tried: `${ctx.baseUrl} (model ${ctx.model}), ${ctx.attempts} attempt${ctx.attempts === 1 ? '' : 's'}`, baseUrl: ctx.baseUrl, model: ctx.model, attempts: ctx.attempts };
  switch (f.kind) {
    case 'cancelled':
      return new SmallCodeError('TaskCancelled', 'The model request was cancelled.', base);
    case 'timeout': {
      const secs = Math.round(ctx.timeoutMs / 100) / 10;
      return new SmallCodeError('ModelTimeout', `No complete answer from ${ctx.baseUrl} within ${secs} s (model ${ctx.model}).`, {
        ...base,
        next: 'A long prompt on a slow machine can take longer: raise SMALLCODE_MODEL_TIMEOUT, use a smaller model, or check that the server is not stuck.',
      });
    }
    case 'refused':
      return new SmallCodeError('ModelUnavailable', `No model server answered at ${ctx.baseUrl} (${f.message}). ${START_HINT}`, { ...base, next: START_HINT, ...(f.code ? { errno: f.code } : {}) });
    case 'overflow': {
      const o = f.overflow!;
      const nums = o.promptTokens !== undefined && o.contextWindow !== undefined
        ? ` (${o.promptTokens} prompt tokens, window ${o.contextWindow})`
        : o.contextWindow !== undefined ? ` (window ${o.contextWindow})` : '';
      return new SmallCodeError('ContextOverflow', `The prompt is larger than the model's context window${nums}: ${o.serverMessage}`, {
        ...base,
        ...(o.promptTokens !== undefined ? { promptTokens: o.promptTokens } : {}),
        ...(o.contextWindow !== undefined ? { contextWindow: o.contextWindow } : {}),
        serverMessage: o.serverMessage,
        next: 'Compact the conversation and retry, or load the model with a larger context (Ollama: OLLAMA_CONTEXT_LENGTH / num_ctx; llama.cpp: -c; LM Studio: context length slider).',
      });
    }
    case 'http': {
      const s = f.status ?? 0;
      if (s === 429) {
        const wait = f.retryAfterMs !== undefined ? ` The server asked to wait ${Math.ceil(f.retryAfterMs / 1000)} s.` : '';
        return new SmallCodeError('ModelRateLimited', `${ctx.baseUrl} is rate-limiting requests (HTTP 429 after ${ctx.attempts} attempts).${wait}`, {
          ...base, status: s, ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}), next: 'Wait and retry, or lower the request rate.',
        });
      }
      if (s === 404) {
        return new SmallCodeError('ModelUnavailable', `The server at ${ctx.baseUrl} does not serve model "${ctx.model}" (HTTP 404: ${f.message}).`, {
          ...base, status: s, next: `Pick a model the server lists (smallcode doctor), or pull it (\`ollama pull ${ctx.model}\`), or set SMALLCODE_MODEL.`,
        });
      }
      if (s === 401 || s === 403) {
        return new SmallCodeError('ModelUnavailable', `The server at ${ctx.baseUrl} refused the credentials (HTTP ${s}: ${f.message}).`, {
          ...base, status: s, next: "Check the API key for this endpoint (keys are sent only to their own provider's host).",
        });
      }
      if (s >= 500) {
        return new SmallCodeError('ModelUnavailable', `The model server at ${ctx.baseUrl} failed (HTTP ${s} after ${ctx.attempts} attempts): ${f.message}`, {
          ...base, status: s, next: 'Look at the model server log; the model may still be loading or out of memory.',
        });
      }
      if (/does not support tools|tools? (are|is) not supported|tool_choice.*(requires|not supported)|enable-auto-tool-choice/i.test(f.message)) {
        return new SmallCodeError('ModelBadResponse', `The server at ${ctx.baseUrl} cannot take native tools for ${ctx.model} (HTTP ${s}): ${f.message}`, {
          ...base, status: s, toolsUnsupported: true,
          next: 'Describe the tools in the prompt instead (a profile toolCallStyle other than native), or start the server with tool calling on (llama.cpp --jinja, vLLM --enable-auto-tool-choice).',
        });
      }
      if (/system message/i.test(f.message)) {
        return new SmallCodeError('ModelBadResponse', `The chat template of ${ctx.model} rejected the message layout (HTTP ${s}): ${f.message}`, {
          ...base, status: s, next: 'Keep exactly one system message, at the head of the conversation.',
        });
      }
      return new SmallCodeError('ModelBadResponse', `The model server at ${ctx.baseUrl} rejected the request (HTTP ${s}): ${f.message}`, { ...base, status: s });
    }
    case 'reset':
      return new SmallCodeError('ModelUnavailable', `The connection to ${ctx.baseUrl} broke off (${f.message}) after ${ctx.attempts} attempts.`, {
        ...base, next: 'The server may have crashed or restarted; check its log.',
      });
    case 'bad-response':
      return new SmallCodeError('ModelBadResponse', `The model server at ${ctx.baseUrl} sent an answer we could not read: ${f.message}`, base);
  }
}
