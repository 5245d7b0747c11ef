/**
 * The model provider: one chat call against any OpenAI-compatible endpoint through the openai SDK,
 * streamed with native tools, with our own per-request timeout, observable retries with backoff
 * (429 / 5xx / reset, Retry-After honoured), and cancellation that aborts the HTTP request.
 * It sends and receives; it never parses tool calls out of text or trims history (other modules do).
 */
import OpenAI from 'openai';
import { SmallCodeError } from '../../core/errors.js';
import type { ChatMessage, ToolCall } from '../messages.js';
import type { ModelProfile } from '../profiles/schema.js';
import { applyThinkingSwitch, splitReasoning, ThinkStreamSplitter } from '../thinking.js';
import { classifyFailure, failureToError, type Failure } from './failure.js';
import { normalizingFetch, type FetchFn } from './normalizing-fetch.js';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry-policy.js';
import { StreamAssembler, toUsage, type ChunkLike } from './stream-assembler.js';
import type { CallOptions, ChatRequest, ChatResult, InvalidToolCall } from './types.js';

export interface ProviderOptions {
  /** OpenAI-compatible base URL including `/v1`. */
  baseUrl: string;
  model: string;
  /** The key for this URL (see apiKeyForBaseUrl). Null/undefined sends a placeholder, never an env key. */
  apiKey?: string | null;
  /** Whole-request timeout (headers and the full stream), default 120 000 ms. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Applies the family's thinking switch, stop sequences and reasoning tags. */
  profile?: ModelProfile;
  thinkingDisable?: boolean;
  headers?: Record<string, string>;
  fetch?: FetchFn;
  /** Injected randomness for backoff jitter (tests). */
  random?: () => number;
}

class BadResponse extends Error {
  override name = 'SmallCodeBadResponse';
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * For families without a system role (profile `noSystemRole`): the head system message becomes the
 * start of the first user message, so the prefix stays identical across turns.
 */
function foldSystem(messages: ChatMessage[]): ChatMessage[] {
  const head = messages[0];
  if (head?.role !== 'system') return messages;
  const i = messages.findIndex((m) => m.role === 'user');
  if (i < 0) return [{ role: 'user', content: head.content }, ...messages.slice(1)];
  const out = messages.slice(1);
  const u = messages[i] as { role: 'user'; content: string };
  out[i - 1] = { role: 'user', content: `${head.content}\n\n${u.content}` };
  return out;
}

/** Drops fields a strict endpoint rejects in history (reasoning is budgeted and inlined elsewhere). */
function toWireMessages(messages: ChatMessage[]): Record<string, unknown>[] {
  return messages.map((m) => {
    if (m.role === 'assistant') {
      const out: Record<string, unknown> = { role: 'assistant', content: m.content };
      if (m.tool_calls && m.tool_calls.length > 0) out.tool_calls = m.tool_calls;
      return out;
    }
    return { ...m };
  });
}

function parseArgs(calls: { id: string; function: { name: string; arguments: string } }[]): { ok: ToolCall[]; bad: InvalidToolCall[] } {
  const ok: ToolCall[] = [];
  const bad: InvalidToolCall[] = [];
  for (const c of calls) {
    const raw = c.function.arguments;
    if (raw.trim() === '') {
      ok.push({ id: c.id, name: c.function.name, arguments: {} });
      continue;
    }
    try {
      const v: unknown = JSON.parse(raw);
      if (v && typeof v === 'object' && !Array.isArray(v)) ok.push({ id: c.id, name: c.function.name, arguments: v as Record<string, unknown> });
      else bad.push({ id: c.id, name: c.function.name, raw, error: 'arguments are not a JSON object' });
    } catch (err) {
      bad.push({ id: c.id, name: c.function.name, raw, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { ok, bad };
}

export class ModelProvider {
  readonly baseUrl: string;
  readonly model: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly profile: ModelProfile | undefined;
  private readonly thinkingDisable: boolean;
  private readonly client: OpenAI;
  private readonly random: () => number;

  constructor(opts: ProviderOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.model = opts.model;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.profile = opts.profile;
    this.thinkingDisable = opts.thinkingDisable ?? false;
    this.random = opts.random ?? Math.random;
    this.client = new OpenAI({
      baseURL: this.baseUrl,
      // Explicit, so the SDK never picks OPENAI_API_KEY / OPENAI_ORG_ID from the environment for a local server.
      apiKey: opts.apiKey || 'no-key',
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: this.timeoutMs + 5_000,
      fetch: normalizingFetch(opts.fetch),
      ...(opts.headers ? { defaultHeaders: opts.headers } : {}),
    });
  }

  /** The request body exactly as it will be sent (also used by tests and the trace). */
  buildBody(req: ChatRequest): Record<string, unknown> {
    const sw = applyThinkingSwitch(req.messages, this.profile, this.thinkingDisable);
    const stream = req.stream ?? true;
    const messages = this.profile?.noSystemRole ? foldSystem(sw.messages) : sw.messages;
    const body: Record<string, unknown> = { model: req.model ?? this.model, messages: toWireMessages(messages), stream };
    if (stream) body.stream_options = { include_usage: true };
    if (req.tools && req.tools.length > 0) {
      body.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters } }));
      if (req.toolChoice) body.tool_choice = req.toolChoice;
    }
    const temperature = req.temperature ?? this.profile?.temperature;
    if (temperature !== undefined) body.temperature = temperature;
    if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
    const stop = req.stop ?? (this.profile?.stop.length ? this.profile.stop : undefined);
    if (stop && stop.length > 0) body.stop = stop.slice(0, 4); // OpenAI-style servers accept at most 4
    Object.assign(body, sw.extraBody, req.extraBody ?? {});
    return body;
  }

  /** One model call with retries. Throws SmallCodeError (ModelUnavailable, ModelTimeout, ModelRateLimited, ModelBadResponse, ContextOverflow, TaskCancelled). */
  async chat(req: ChatRequest, opts: CallOptions = {}): Promise<ChatResult> {
    const started = Date.now();
    const body = this.buildBody(req);
    const model = String(body.model);
    for (let attempt = 1; ; attempt++) {
      opts.onEvent?.({ type: 'attempt', attempt });
      const ctl = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ctl.abort(new Error('model request timed out'));
      }, this.timeoutMs);
      const onAbort = (): void => ctl.abort(opts.signal?.reason);
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
      let failure: Failure;
      try {
        const r = await this.attempt(body, ctl.signal, opts);
        return { ...r, model, attempts: attempt, durationMs: Date.now() - started };
      } catch (err) {
        failure = classifyFailure(err, { timedOut, cancelled: opts.signal?.aborted === true && !timedOut });
      } finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      }
      const decision = decideRetry(failure, attempt, this.retry, this.random());
      if (!decision.retry) throw failureToError(failure, { baseUrl: this.baseUrl, model, attempts: attempt, timeoutMs: this.timeoutMs, why: decision.why });
      opts.onEvent?.({ type: 'retry', attempt: attempt + 1, waitMs: decision.waitMs, reason: failure.status ? `HTTP ${failure.status}` : failure.message });
      try {
        await abortableSleep(decision.waitMs, opts.signal);
      } catch (err) {
        void err;
        throw failureToError({ kind: 'cancelled', retryable: false, message: 'cancelled' }, { baseUrl: this.baseUrl, model, attempts: attempt, timeoutMs: this.timeoutMs });
      }
    }
  }

  private async attempt(body: Record<string, unknown>, signal: AbortSignal, opts: CallOptions): Promise<Omit<ChatResult, 'model' | 'attempts' | 'durationMs'>> {
    const tags = this.profile?.thinking?.tags ?? ['think'];
    const requestOpts = { signal, maxRetries: 0 };
    let content: string;
    let reasoning: string;
    let wire: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
    let finishReason: string | null;
    let usage: ChatResult['usage'];
    if (body.stream === true) {
      // The SDK's params type does not know server extensions (chat_template_kwargs, ...); the body is ours.
      const stream = (await this.client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsStreaming, requestOpts)) as AsyncIterable<unknown>;
      const asm = new StreamAssembler();
      const live = new ThinkStreamSplitter(tags);
      for await (const chunk of stream) {
        for (const d of asm.push(chunk as ChunkLike)) {
          if (!opts.onDelta) continue;
          // Inline <think> text is shown as reasoning while it streams, not as answer text.
          if (d.content !== undefined) for (const piece of live.push(d.content)) opts.onDelta(piece);
          else opts.onDelta(d);
        }
      }
      if (opts.onDelta) for (const piece of live.flush()) opts.onDelta(piece);
      // The SDK ends an aborted stream quietly; make it an error so the caller learns why.
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
      const r = asm.result();
      if (r.finishReason === null) throw new BadResponse(`the stream ended before the answer was complete (${asm.chunkCount} chunks, no finish_reason)`);
      ({ content, reasoning, finishReason, usage } = r);
      wire = r.toolCalls;
    } else {
      const res = (await this.client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming, requestOpts)) as unknown as {
        choices?: { message?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null; tool_calls?: { id?: string; function?: { name?: string; arguments?: string | object } }[] }; finish_reason?: string | null }[];
        usage?: ChunkLike['usage'];
      };
      const choice = res.choices?.[0];
      if (!choice?.message) throw new BadResponse('the answer has no choices[0].message');
      const m = choice.message;
      content = m.content ?? '';
      reasoning = m.reasoning_content ?? m.reasoning ?? '';
      finishReason = choice.finish_reason ?? null;
      usage = toUsage(res.usage);
      wire = (m.tool_calls ?? []).filter((c) => c.function?.name).map((c, i) => ({
        id: c.id || `call_${i}`,
        type: 'function' as const,
        // Some servers (older Ollama) send arguments as an object rather than a JSON string.
        function: { name: c.function!.name!, arguments: typeof c.function!.arguments === 'string' ? c.function!.arguments : JSON.stringify(c.function!.arguments ?? {}) },
      }));
    }
    const split = splitReasoning(content, tags);
    const { ok, bad } = parseArgs(wire);
    return {
      content: split.content,
      reasoning: [reasoning, split.reasoning].filter(Boolean).join('\n\n'),
      toolCalls: ok,
      wireToolCalls: wire,
      invalidToolCalls: bad,
      finishReason,
      usage,
    };
  }

  /** Model ids from `GET /v1/models`. */
  async listModels(opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string[]> {
    const ctl = new AbortController();
    const timeoutMs = opts.timeoutMs ?? Math.min(this.timeoutMs, 10_000);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, timeoutMs);
    const onAbort = (): void => ctl.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const page = await this.client.models.list({ signal: ctl.signal, maxRetries: 0 });
      return page.data.map((m) => m.id);
    } catch (err) {
      throw failureToError(classifyFailure(err, { timedOut, cancelled: opts.signal?.aborted === true }), { baseUrl: this.baseUrl, model: this.model, attempts: 1, timeoutMs });
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }
}

export function isContextOverflow(err: unknown): err is SmallCodeError {
  return err instanceof SmallCodeError && err.code === 'ContextOverflow';
}
