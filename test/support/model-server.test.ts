/**
 * The scripted model server driven by the real `openai` client: streaming, tool_call deltas, usage,
 * discovery extras and every injected fault. Other tests rely on exactly these behaviours.
 */
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from './model-server.js';
import { openedResources } from './opened-resources.js';

const open = openedResources();

function client(s: ModelServer, extra: { timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: s.url, apiKey: 'test-key', maxRetries: 0, ...extra });
}

describe('scripted model server', () => {
  it('lists its models on GET /v1/models', async () => {
    const srv = open.server(await startModelServer({ models: ['qwen2.5-coder:7b', 'llama3.1:8b'] }));
    const page = await client(srv).models.list();
    expect(page.data.map((m) => m.id)).toEqual(['qwen2.5-coder:7b', 'llama3.1:8b']);
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers a non-streamed completion and captures the parsed request with headers', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: 'hello there', usage: { prompt_tokens: 11, completion_tokens: 2 } }] }));
    const r = await client(srv).chat.completions.create({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(r.choices[0]?.message.content).toBe('hello there');
    expect(r.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 });
    expect(srv.chatRequests).toHaveLength(1);
    expect(srv.chatRequests[0]?.body?.messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(srv.chatRequests[0]?.headers.authorization).toBe('Bearer test-key');
    expect(srv.chatRequests[0]?.outcome).toBe('answered');
  });

  it('streams content in several SSE deltas and sends usage when asked', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: 'The quick brown fox jumps.', chunkSize: 5, usage: { prompt_tokens: 3, completion_tokens: 7 } }] }));
    const stream = await client(srv).chat.completions.create({
      model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true, stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usage: unknown;
    let finish: string | null = null;
    for await (const chunk of stream) {
      const c = chunk.choices[0];
      if (c?.delta.content) deltas.push(c.delta.content);
      if (c?.finish_reason) finish = c.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas.join('')).toBe('The quick brown fox jumps.');
    expect(deltas.length).toBeGreaterThan(3);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 });
  });

  it('streams tool_calls as id+name first, then argument fragments', async () => {
    const srv = open.server(await startModelServer({
      script: [{ toolCalls: [{ id: 'call_a', name: 'read_file', arguments: { path: 'src/index.ts' } }, { name: 'bash', arguments: { command: 'ls' } }], argFragments: 4 }],
    }));
    const stream = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    const seen: { index: number; id?: string; name?: string; args?: string }[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) seen.push({ index: tc.index, id: tc.id, name: tc.function?.name, args: tc.function?.arguments });
      if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
    }
    const first = seen.filter((d) => d.index === 0);
    expect(first[0]).toMatchObject({ id: 'call_a', name: 'read_file', args: '' });
    expect(first.slice(1).every((d) => d.id === undefined && d.name === undefined)).toBe(true);
    expect(first.length).toBeGreaterThanOrEqual(4);
    expect(JSON.parse(first.map((d) => d.args ?? '').join(''))).toEqual({ path: 'src/index.ts' });
    const second = seen.filter((d) => d.index === 1);
    expect(second[0]?.name).toBe('bash');
    expect(JSON.parse(second.map((d) => d.args ?? '').join(''))).toEqual({ command: 'ls' });
    expect(finish).toBe('tool_calls');
  });

  it('returns tool_calls and reasoning_content in a non-streamed answer', async () => {
    const srv = open.server(await startModelServer({ script: [{ reasoning: 'let me look', toolCalls: [{ name: 'grep', arguments: '{"pattern":"foo"}' }] }] }));
    const r = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    const msg = r.choices[0]?.message as unknown as { tool_calls: { function: { name: string; arguments: string } }[]; reasoning_content: string };
    expect(msg.tool_calls[0]?.function).toEqual({ name: 'grep', arguments: '{"pattern":"foo"}' });
    expect(msg.reasoning_content).toBe('let me look');
    expect(r.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('computes answers from the request when the script is a function', async () => {
    const srv = open.server(await startModelServer({ script: (req, i) => ({ content: `#${i} saw ${String((req.body?.messages as { content: string }[])[0]?.content)}` }) }));
    const c = client(srv);
    const a = await c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'one' }] });
    const b = await c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'two' }] });
    expect([a.choices[0]?.message.content, b.choices[0]?.message.content]).toEqual(['#0 saw one', '#1 saw two']);
  });

  it('answers a clear 400 when the script is exhausted', async () => {
    const srv = open.server(await startModelServer({ script: [] }));
    const err = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).status).toBe(400);
    expect(String((err as APIError).message)).toContain('no answer left in the script');
  });

  it('injects HTTP 500', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'http500' }] }));
    const err = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect((err as APIError).status).toBe(500);
  });

  it('injects HTTP 429 with a Retry-After header', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'http429', retryAfter: 7 }] }));
    const err = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect((err as APIError).status).toBe(429);
    expect((err as APIError).headers?.get('retry-after')).toBe('7');
  });

  it('injects a stall that the client cuts with its timeout, and the server sees the socket close', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'stall' }] }));
    const err = await client(srv, { timeout: 150 }).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(await srv.chatRequests[0]?.settled).toBe('client-closed');
  });

  it('answers a delayed stall after the given time', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'stall', ms: 30, then: { content: 'late' } }] }));
    const r = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(r.choices[0]?.message.content).toBe('late');
  });

  it('drops the connection in the middle of a stream', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'drop', afterChunks: 3, answer: { content: 'abcdefghijklmnopqrstuvwxyz', chunkSize: 2 } }] }));
    const stream = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    const err = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(26);
    expect(srv.chatRequests[0]?.outcome).toBe('server-dropped');
  });

  it('drops the connection before any byte on a non-streamed request', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'drop' }] }));
    const err = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
  });

  it("sends llama.cpp's context-overflow 400 with the token numbers", async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'overflow', nPromptTokens: 9000, nCtx: 8192 }] }));
    const err = await client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect((err as APIError).status).toBe(400);
    expect((err as APIError).error).toMatchObject({
      code: 400, type: 'exceed_context_size_error', n_prompt_tokens: 9000, n_ctx: 8192,
      message: 'the request exceeds the available context size, try increasing it',
    });
  });

  it('serves the discovery endpoints only when enabled', async () => {
    const srv = open.server(await startModelServer({ models: ['qwen3:8b'], ollama: { contextLength: 40960, numCtx: 8192 }, llamacpp: { nCtx: 16384 }, lmstudio: { maxContextLength: 32768 }, vllm: { maxModelLen: 4096 } }));
    const show = (await (await fetch(`${srv.origin}/api/show`, { method: 'POST', body: JSON.stringify({ model: 'qwen3:8b' }) })).json()) as { model_info: Record<string, number>; parameters: string };
    expect(show.model_info['qwen2.context_length']).toBe(40960);
    expect(show.parameters).toMatch(/num_ctx\s+8192/);
    const props = (await (await fetch(`${srv.origin}/props`)).json()) as { default_generation_settings: { n_ctx: number } };
    expect(props.default_generation_settings.n_ctx).toBe(16384);
    const lms = (await (await fetch(`${srv.origin}/api/v0/models`)).json()) as { data: { max_context_length: number }[] };
    expect(lms.data[0]?.max_context_length).toBe(32768);
    const models = (await (await fetch(`${srv.url}/models`)).json()) as { data: { max_model_len: number }[] };
    expect(models.data[0]?.max_model_len).toBe(4096);

    const plain = await startModelServer();
    try {
      expect((await fetch(`${plain.origin}/props`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('close() ends stalled requests so teardown never hangs', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'stall' }] }));
    const pending = client(srv).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    await srv.waitForChatRequests(1);
    await srv.close();
    expect(await pending).toBeInstanceOf(APIConnectionError);
  });
});
