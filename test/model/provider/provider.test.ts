/**
 * The provider against the scripted model server over real HTTP: streamed tool calls, retries with
 * backoff and Retry-After, a server that is down, a stall cut by the timeout, cancellation that closes
 * the socket, context overflow in each server's wording, usage and the thinking split.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isSmallCodeError, SmallCodeError } from '../../../server/core/errors.js';
import { ModelProvider, type ProviderOptions } from '../../../server/model/provider/provider.js';
import type { ProviderEvent, StreamDelta } from '../../../server/model/provider/types.js';
import { startModelServer, type ModelServer, type OverflowFlavor } from '../../support/model-server.js';
import { openedResources } from '../../support/opened-resources.js';

const open = openedResources();

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };
const user = (content: string) => [{ role: 'user' as const, content }];

function provider(s: ModelServer, extra: Partial<ProviderOptions> = {}): ModelProvider {
  return new ModelProvider({ baseUrl: s.url, model: 'qwen2.5-coder:7b', retry: FAST_RETRY, ...extra });
}

async function failure(p: Promise<unknown>): Promise<SmallCodeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof SmallCodeError)) throw new Error(`expected a SmallCodeError, got ${String(err)}`);
  return err;
}

/** A port that was free a moment ago and now has nobody listening. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('ModelProvider over HTTP', () => {
  it('assembles streamed tool_call deltas into parsed calls and reports usage', async () => {
    const srv = open.server(await startModelServer({
      script: [{
        content: 'Reading it.', argFragments: 5, usage: { prompt_tokens: 120, completion_tokens: 30 },
        toolCalls: [{ id: 'c1', name: 'read_file', arguments: { path: 'src/a.ts', offset: 10 } }, { id: 'c2', name: 'bash', arguments: { command: 'npm test' } }],
      }],
    }));
    const deltas: StreamDelta[] = [];
    const r = await provider(srv).chat(
      { messages: user('read a.ts'), tools: [{ name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }] },
      { onDelta: (d) => deltas.push(d) },
    );
    expect(r.toolCalls).toEqual([
      { id: 'c1', name: 'read_file', arguments: { path: 'src/a.ts', offset: 10 } },
      { id: 'c2', name: 'bash', arguments: { command: 'npm test' } },
    ]);
    expect(r.wireToolCalls[0]?.function.arguments).toBe('{"path":"src/a.ts","offset":10}');
    expect(r.content).toBe('Reading it.');
    expect(r.finishReason).toBe('tool_calls');
    expect(r.usage).toEqual({ prompt: 120, completion: 30, total: 150 });
    expect(r.attempts).toBe(1);
    expect(deltas.filter((d) => d.toolCall?.argumentsFragment).length).toBeGreaterThanOrEqual(6);
    const body = srv.chatRequests[0]?.body;
    expect(body?.stream).toBe(true);
    expect(body?.stream_options).toEqual({ include_usage: true });
    expect(body?.tools).toEqual([{ type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }]);
  });

  it('keeps tool calls whose arguments are not JSON apart for the forgiving parser', async () => {
    const srv = open.server(await startModelServer({ script: [{ toolCalls: [{ name: 'edit', arguments: "{path: 'a.ts',}" }] }] }));
    const r = await provider(srv).chat({ messages: user('x') });
    expect(r.toolCalls).toEqual([]);
    expect(r.invalidToolCalls).toMatchObject([{ name: 'edit', raw: "{path: 'a.ts',}" }]);
  });

  it('retries a 429 (honouring Retry-After) then a 500, then succeeds, and counts the attempts', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'http429', retryAfterMs: 60 }, { fault: 'http500' }, { content: 'done' }] }));
    const events: ProviderEvent[] = [];
    const r = await provider(srv).chat({ messages: user('x') }, { onEvent: (e) => events.push(e) });
    expect(r.content).toBe('done');
    expect(r.attempts).toBe(3);
    expect(srv.chatRequests).toHaveLength(3);
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries).toEqual([
      { type: 'retry', attempt: 2, waitMs: 60, reason: 'HTTP 429' },
      expect.objectContaining({ type: 'retry', attempt: 3, reason: 'HTTP 500' }),
    ]);
  });

  it('gives up after the attempt limit with ModelRateLimited naming the attempts', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'http429', retryAfter: 0 }, { fault: 'http429', retryAfter: 0 }] }));
    const err = await failure(provider(srv, { retry: { ...FAST_RETRY, maxAttempts: 2 } }).chat({ messages: user('x') }));
    expect(err.code).toBe('ModelRateLimited');
    expect(err.detail.attempts).toBe(2);
    expect(srv.chatRequests).toHaveLength(2);
  });

  it('fails at once when Retry-After is longer than the cap instead of hanging', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'http429', retryAfter: 3600 }] }));
    const err = await failure(provider(srv).chat({ messages: user('x') }));
    expect(err.code).toBe('ModelRateLimited');
    expect(err.message).toContain('wait 3600 s');
    expect(srv.chatRequests).toHaveLength(1);
  });

  it('retries a connection dropped mid-stream and returns the complete second answer', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'drop', afterChunks: 2 }, { content: 'complete answer' }] }));
    const events: ProviderEvent[] = [];
    const r = await provider(srv).chat({ messages: user('x') }, { onEvent: (e) => events.push(e) });
    expect(r.content).toBe('complete answer');
    expect(r.attempts).toBe(2);
    expect(srv.chatRequests[0]?.outcome).toBe('server-dropped');
  });

  it('reports a server that is down as ModelUnavailable with the URL and what to do', async () => {
    const port = await closedPort();
    const p = new ModelProvider({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', retry: FAST_RETRY });
    const err = await failure(p.chat({ messages: user('x') }));
    expect(err.code).toBe('ModelUnavailable');
    expect(err.message).toBe(`No model server answered at http://127.0.0.1:${port}/v1 (connection refused). Start Ollama (\`ollama serve\`) or LM Studio, or set SMALLCODE_BASE_URL.`);
    expect(err.detail.attempts).toBe(1);
  });

  it('cuts a stall with the per-request timeout as ModelTimeout and closes the socket', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'stall' }] }));
    const err = await failure(provider(srv, { timeoutMs: 200 }).chat({ messages: user('x') }));
    expect(err.code).toBe('ModelTimeout');
    expect(err.message).toContain('within 0.2 s');
    expect(err.detail.next).toContain('SMALLCODE_MODEL_TIMEOUT');
    expect(await srv.chatRequests[0]?.settled).toBe('client-closed');
  });

  it('cuts a stream that stalls half-way with the same timeout', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: 'a long answer that stops', chunkSize: 3, stallAfterChunks: 3 }] }));
    const err = await failure(provider(srv, { timeoutMs: 200 }).chat({ messages: user('x') }));
    expect(err.code).toBe('ModelTimeout');
  });

  it('cancellation through an AbortSignal really aborts the HTTP request', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'stall' }] }));
    const ctl = new AbortController();
    const pending = failure(provider(srv).chat({ messages: user('x') }, { signal: ctl.signal }));
    await srv.waitForChatRequests(1);
    ctl.abort();
    const err = await pending;
    expect(err.code).toBe('TaskCancelled');
    expect(await srv.chatRequests[0]?.settled).toBe('client-closed');
    expect(srv.chatRequests).toHaveLength(1);
  });

  it('cancellation in the middle of a stream closes the connection and reports TaskCancelled', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: 'a slow answer that streams for a while', chunkSize: 2, chunkDelayMs: 40 }] }));
    const ctl = new AbortController();
    let got = '';
    const err = await failure(provider(srv).chat({ messages: user('x') }, {
      signal: ctl.signal,
      onDelta: (d) => {
        got += d.content ?? '';
        if (got.length >= 4) ctl.abort();
      },
    }));
    expect(err.code).toBe('TaskCancelled');
    expect(await srv.chatRequests[0]?.settled).toBe('client-closed');
    expect(got.length).toBeLessThan('a slow answer that streams for a while'.length);
  });

  it('cancellation during a retry wait stops without another request', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'http503' }, { content: 'never asked' }] }));
    const ctl = new AbortController();
    const p = provider(srv, { retry: { ...FAST_RETRY, baseDelayMs: 5000, maxDelayMs: 5000 } });
    const pending = failure(p.chat({ messages: user('x') }, { signal: ctl.signal, onEvent: (e) => e.type === 'retry' && ctl.abort() }));
    expect((await pending).code).toBe('TaskCancelled');
    expect(srv.chatRequests).toHaveLength(1);
  });

  it.each<[OverflowFlavor, number | undefined, number | undefined]>([
    ['llamacpp', 9000, 8192],
    ['lmstudio', 9000, 8192],
    ['vllm', 9000, 8192],
    ['ollama', 9000, 8192],
    ['openai', 9000, 8192],
  ])('recognises the %s context-overflow answer as ContextOverflow with the numbers', async (flavor, prompt, ctx) => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'overflow', flavor, nPromptTokens: 9000, nCtx: 8192 }] }));
    const err = await failure(provider(srv).chat({ messages: user('x') }));
    expect(err.code).toBe('ContextOverflow');
    expect(srv.chatRequests).toHaveLength(1); // never retried blindly: the budgeter compacts first
    if (flavor !== 'ollama') {
      expect(err.detail.promptTokens).toBe(prompt);
      expect(err.detail.contextWindow).toBe(ctx);
      expect(err.message).toContain('9000 prompt tokens, window 8192');
    }
  });

  it('lets the caller compact and retry once after a ContextOverflow', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'overflow' }, { content: 'fits now' }] }));
    const p = provider(srv);
    let messages = [{ role: 'system' as const, content: 'sys' }, ...user('a'.repeat(5000))];
    let result;
    for (let tries = 0; tries < 2; tries++) {
      try {
        result = await p.chat({ messages });
        break;
      } catch (err) {
        if (!isSmallCodeError(err, 'ContextOverflow')) throw err;
        messages = [messages[0]!, ...user('summary of a')];
      }
    }
    expect(result?.content).toBe('fits now');
    expect(String((srv.chatRequests[1]?.body?.messages as { content: string }[])[1]?.content)).toBe('summary of a');
  });

  it('does not take an ordinary 400 for an overflow', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'error', status: 400, body: { error: { message: 'System message must be at the beginning.', type: 'invalid_request_error' } } }] }));
    const err = await failure(provider(srv).chat({ messages: user('x') }));
    expect(err.code).toBe('ModelBadResponse');
    expect(err.message).toContain('System message must be at the beginning.');
  });

  it("turns Ollama's 'does not support tools' into advice to describe tools in the prompt", async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'error', status: 400, body: { error: { message: 'registry.ollama.ai/library/gemma3:12b does not support tools', type: 'api_error' } } }] }));
    const err = await failure(provider(srv, { model: 'gemma3:12b' }).chat({ messages: user('x'), tools: [{ name: 't', parameters: { type: 'object' } }] }));
    expect(err.code).toBe('ModelBadResponse');
    expect(err.detail.toolsUnsupported).toBe(true);
    expect(err.detail.next).toContain('toolCallStyle');
  });

  it('keeps a server error message that is not in the OpenAI shape (vLLM top-level message)', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'error', status: 400, body: { object: 'error', message: 'tool_choice auto requires --enable-auto-tool-choice', type: 'BadRequestError', code: 400 } }] }));
    const err = await failure(provider(srv).chat({ messages: user('x') }));
    expect(err.message).toContain('requires --enable-auto-tool-choice');
  });

  it('names a missing model with the pull command', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'error', status: 404, body: { error: { message: 'model "qwen9" not found, try pulling it first' } } }] }));
    const err = await failure(provider(srv, { model: 'qwen9' }).chat({ messages: user('x') }));
    expect(err.code).toBe('ModelUnavailable');
    expect(err.detail.next).toContain('ollama pull qwen9');
  });

  it('returns reasoning apart from content, from reasoning_content and from inline <think>', async () => {
    const srv = open.server(await startModelServer({ script: [
      { reasoning: 'plan: read first', content: 'Answer A' },
      { reasoning: 'hmm', reasoningField: 'think', content: 'Answer B' },
      { reasoning: 'ollama style', reasoningField: 'reasoning', content: 'Answer C' },
    ] }));
    const p = provider(srv);
    const a = await p.chat({ messages: user('x') });
    const b = await p.chat({ messages: user('x'), stream: false });
    const c = await p.chat({ messages: user('x') });
    expect([a.content, a.reasoning]).toEqual(['Answer A', 'plan: read first']);
    expect([b.content, b.reasoning]).toEqual(['Answer B', 'hmm']);
    expect([c.content, c.reasoning]).toEqual(['Answer C', 'ollama style']);
  });

  it('works without streaming too, with usage and tool calls', async () => {
    const srv = open.server(await startModelServer({ script: [{ toolCalls: [{ name: 'grep', arguments: { pattern: 'x' } }], usage: { prompt_tokens: 5, completion_tokens: 6 } }] }));
    const r = await provider(srv).chat({ messages: user('x'), stream: false });
    expect(r.toolCalls).toMatchObject([{ name: 'grep', arguments: { pattern: 'x' } }]);
    expect(r.usage).toEqual({ prompt: 5, completion: 6, total: 11 });
    expect(srv.chatRequests[0]?.body?.stream).toBe(false);
  });

  it('never sends an environment OPENAI_API_KEY to a local server', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: 'ok' }] }));
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-secret-from-env';
    try {
      await provider(srv).chat({ messages: user('x') });
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
    expect(srv.chatRequests[0]?.headers.authorization).toBe('Bearer no-key');
  });

  it('lists models from /v1/models', async () => {
    const srv = open.server(await startModelServer({ models: ['a', 'b'] }));
    expect(await provider(srv).listModels()).toEqual(['a', 'b']);
  });
});
