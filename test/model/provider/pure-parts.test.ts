/**
 * Table tests of the provider's pure parts: overflow wordings (and look-alikes that are not
 * overflows), retry decisions and Retry-After parsing, stream assembly edge cases, error-body
 * normalisation and failure classification.
 */
import { describe, expect, it } from 'vitest';
import { recognizeContextOverflow } from '../../../server/model/provider/context-overflow.js';
import { classifyFailure } from '../../../server/model/provider/failure.js';
import { normalizeErrorBody } from '../../../server/model/provider/normalizing-fetch.js';
import { backoffMs, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../../server/model/provider/retry-policy.js';
import { StreamAssembler } from '../../../server/model/provider/stream-assembler.js';

describe('recognizeContextOverflow', () => {
  it.each<[string, number, string, unknown, number | undefined, number | undefined]>([
    ['llama.cpp', 400, 'the request exceeds the available context size, try increasing it', { type: 'exceed_context_size_error', n_prompt_tokens: 5000, n_ctx: 4096 }, 5000, 4096],
    ['llama.cpp (older)', 400, 'the request exceeds the available context size. try increasing the context size or enable context shift', undefined, undefined, undefined],
    ['LM Studio', 400, 'Trying to keep the first 7395 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough.', undefined, 7395, 4096],
    ['LM Studio (older llama.cpp)', 400, 'The number of tokens to keep from the initial prompt is greater than the context length.', undefined, undefined, undefined],
    ['vLLM', 400, "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens (39000 in the messages, 1000 in the completion).", undefined, 40000, 32768],
    ['vLLM (newer)', 400, "This model's maximum context length is 8192 tokens. However, your request has 9100 input tokens. Please reduce the length of the input messages.", undefined, 9100, 8192],
    ['Ollama runner', 400, 'prompt too long; exceeded max context length by 12 tokens', undefined, undefined, undefined],
    ['Ollama', 500, 'input length exceeds maximum context length', undefined, undefined, undefined],
    ['OpenAI', 400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130500 tokens.", { code: 'context_length_exceeded' }, 130500, 128000],
    ['stream error event', 0, 'the request exceeds the available context size, try increasing it', { n_ctx: 2048 }, undefined, 2048],
  ])('%s', (_label, status, message, body, prompt, ctx) => {
    const r = recognizeContextOverflow(status === 0 ? undefined : status, message, body);
    expect(r).not.toBeNull();
    expect(r?.promptTokens).toBe(prompt);
    expect(r?.contextWindow).toBe(ctx);
  });

  it.each<[number, string]>([
    [400, 'System message must be at the beginning.'],
    [400, "Unrecognized request argument supplied: chat_template_kwargs"],
    [400, 'model "qwen9" not found, try pulling it first'],
    [429, 'the request exceeds the available context size'], // a rate limit is never an overflow
    [400, 'Invalid max_tokens: must be less than the maximum'],
    [500, 'CUDA error: out of memory'],
  ])('is not fooled by HTTP %i %j', (status, message) => {
    expect(recognizeContextOverflow(status, message, undefined)).toBeNull();
  });
});

describe('retry policy', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    const h = (m: Record<string, string>) => (n: string) => m[n] ?? null;
    expect(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfter(h({ 'retry-after': '2' }))).toBe(2000);
    expect(parseRetryAfter(h({ 'retry-after': '0.5' }))).toBe(500);
    expect(parseRetryAfter(h({ 'retry-after': new Date(10_000 + 3000).toUTCString() }), 10_000)).toBeGreaterThanOrEqual(2000);
    expect(parseRetryAfter(h({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(h({}))).toBeUndefined();
  });

  it('doubles the backoff up to the cap, with bounded jitter', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, p, 0.5))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(1, p, 0)).toBe(75);
    expect(backoffMs(1, p, 0.999)).toBeLessThanOrEqual(125);
  });

  it('decides: not retryable, exhausted, Retry-After too long, or wait', () => {
    const p = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, maxRetryAfterMs: 5000 };
    expect(decideRetry({ retryable: false }, 1, p)).toEqual({ retry: false, why: 'not-retryable' });
    expect(decideRetry({ retryable: true }, 3, p)).toEqual({ retry: false, why: 'attempts-exhausted' });
    expect(decideRetry({ retryable: true, retryAfterMs: 6000 }, 1, p)).toEqual({ retry: false, why: 'retry-after-too-long' });
    expect(decideRetry({ retryable: true, retryAfterMs: 1200 }, 1, p)).toEqual({ retry: true, waitMs: 1200 });
  });
});

describe('StreamAssembler', () => {
  it('assembles calls whose deltas omit the index, and ignores a repeated name', () => {
    const a = new StreamAssembler();
    a.push({ choices: [{ delta: { tool_calls: [{ id: 'x1', function: { name: 'read_file', arguments: '' } }] } }] });
    a.push({ choices: [{ delta: { tool_calls: [{ function: { name: 'read_file', arguments: '{"pa' } }] } }] });
    a.push({ choices: [{ delta: { tool_calls: [{ function: { arguments: 'th":"a"}' } }] } }] });
    a.push({ choices: [{ delta: { tool_calls: [{ id: 'x2', function: { name: 'bash', arguments: '{}' } }] } }] });
    a.push({ choices: [{ delta: {}, finish_reason: 'tool_calls' }] });
    a.push({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 4 } });
    expect(a.result()).toEqual({
      content: '', reasoning: '', finishReason: 'tool_calls', usage: { prompt: 10, completion: 4, total: 14 },
      toolCalls: [
        { id: 'x1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } },
        { id: 'x2', type: 'function', function: { name: 'bash', arguments: '{}' } },
      ],
    });
  });

  it('collects reasoning from reasoning_content and reasoning, and content with nulls around', () => {
    const a = new StreamAssembler();
    a.push({ choices: [{ delta: { role: 'assistant', content: null } as never }] });
    a.push({ choices: [{ delta: { reasoning_content: 'a' } }] });
    a.push({ choices: [{ delta: { reasoning: 'b' } }] });
    a.push({ choices: [{ delta: { content: 'x' } }] });
    a.push({ choices: [{ delta: { content: 'y' }, finish_reason: 'length' }] });
    expect(a.result()).toMatchObject({ content: 'xy', reasoning: 'ab', finishReason: 'length', usage: null });
  });

  it('drops a call that never got a name and gives missing ids a stable one', () => {
    const a = new StreamAssembler();
    a.push({ choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: '{}' } }, { index: 1, function: { name: 'grep', arguments: '{}' } }] } }] });
    expect(a.result().toolCalls).toEqual([{ id: 'call_1', type: 'function', function: { name: 'grep', arguments: '{}' } }]);
  });
});

describe('error bodies and failure classification', () => {
  it.each<[string, unknown]>([
    ['{"error":{"message":"m","type":"t"}}', { error: { message: 'm', type: 't' } }],
    ['{"error":"LM Studio words"}', { error: { message: 'LM Studio words' } }],
    ['{"object":"error","message":"vllm words","code":400}', { error: { object: 'error', message: 'vllm words', code: 400 } }],
    ['{"detail":"Not Found"}', { error: { detail: 'Not Found', message: 'Not Found' } }],
    ['<html>502 Bad Gateway</html>', { error: { message: '<html>502 Bad Gateway</html>' } }],
    ['', { error: { message: 'empty error body' } }],
  ])('normalizes %j', (text, expected) => {
    expect(normalizeErrorBody(text)).toMatchObject(expected as Record<string, unknown>);
  });

  it('classifies socket-level failures from their cause chain', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}) });
    expect(classifyFailure(refused, { timedOut: false, cancelled: false })).toMatchObject({ kind: 'refused', retryable: false });
    const reset = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(classifyFailure(reset, { timedOut: false, cancelled: false })).toMatchObject({ kind: 'reset', retryable: true });
    expect(classifyFailure(new Error('x'), { timedOut: true, cancelled: false }).kind).toBe('timeout');
    expect(classifyFailure(new Error('x'), { timedOut: false, cancelled: true }).kind).toBe('cancelled');
    expect(classifyFailure({ status: 503, headers: new Headers({ 'retry-after': '1' }), error: { message: 'loading' } }, { timedOut: false, cancelled: false }))
      .toEqual({ kind: 'http', retryable: true, status: 503, message: 'loading', retryAfterMs: 1000 });
    expect(classifyFailure({ status: 400, error: { message: 'bad field' } }, { timedOut: false, cancelled: false }).retryable).toBe(false);
  });
});
