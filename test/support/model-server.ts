/**
 * A scripted OpenAI-compatible model server on 127.0.0.1 (ephemeral port) for tests: /v1/models,
 * /v1/chat/completions streamed (SSE) or not, native tool_calls as real servers stream them, captured
 * requests, fault injection, and opt-in Ollama / llama.cpp / LM Studio / vLLM discovery endpoints.
 * Test support only: it must never be imported from server/ and never binds anything but 127.0.0.1.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { overflowBody, type ScriptAnswer, type ScriptItem, type ScriptUsage } from './model-server-script.js';

export type { ScriptToolCall, ScriptUsage, ScriptAnswer, OverflowFlavor, ScriptFault, ScriptItem } from './model-server-script.js';

export interface CapturedRequest {
  /** 0-based arrival order over all requests (chat and discovery alike). */
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  body: Record<string, unknown> | undefined;
  raw: string;
  /** How the exchange ended: answered fully, closed by the client first, or dropped by the server (fault). */
  outcome: 'pending' | 'answered' | 'client-closed' | 'server-dropped';
  /** Resolves when the outcome is no longer `pending`. */
  settled: Promise<CapturedRequest['outcome']>;
}

export type ScriptFn = (req: CapturedRequest, chatIndex: number) => ScriptItem | Promise<ScriptItem>;

export interface ModelServerOptions {
  models?: string[];
  /** Answers to chat requests, in order (a list), or computed from each request (a function). */
  script?: ScriptItem[] | ScriptFn;
  /** Ollama's `POST /api/show` and `GET /api/ps` (context length and running-model info). */
  ollama?: { architecture?: string; contextLength: number; numCtx?: number; runningContextLength?: number };
  /** llama.cpp's `GET /props` with `default_generation_settings.n_ctx`. */
  llamacpp?: { nCtx: number };
  /** LM Studio's `GET /api/v0/models` with `max_context_length` (and `loaded_context_length`). */
  lmstudio?: { maxContextLength: number; loadedContextLength?: number };
  /** vLLM: adds `max_model_len` to every `/v1/models` entry. */
  vllm?: { maxModelLen: number };
}

export interface ModelServer {
  /** The OpenAI base URL, `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  /** The server root without `/v1`. */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: CapturedRequest[];
  /** Only the chat-completion requests. */
  readonly chatRequests: CapturedRequest[];
  /** Append answers to a list script. */
  push(...items: ScriptItem[]): void;
  /** Replace the script. */
  setScript(script: ScriptItem[] | ScriptFn): void;
  /** Resolves when `n` chat requests have arrived. */
  waitForChatRequests(n: number): Promise<CapturedRequest[]>;
  /** Stops listening and destroys every open socket (stalled answers included). */
  close(): Promise<void>;
}

const encoder = (v: unknown): string => JSON.stringify(v);

function splitInto(text: string, pieces: number): string[] {
  if (text.length === 0) return [''];
  const n = Math.max(1, Math.min(pieces, text.length));
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function chunkText(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Start a scripted server. Always `await srv.close()` in teardown. */
export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const models = options.models ?? ['test-model'];
  let script: ScriptItem[] | ScriptFn = options.script ?? [];
  let listCursor = 0;
  let chatCount = 0;
  let callCounter = 0;
  const requests: CapturedRequest[] = [];
  const chatRequests: CapturedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiters: { n: number; resolve: (r: CapturedRequest[]) => void }[] = [];
  let closing = false;

  function notifyWaiters(): void {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (chatRequests.length >= w.n) {
        waiters.splice(i, 1);
        w.resolve(chatRequests.slice(0, w.n));
      }
    }
  }

  async function nextItem(req: CapturedRequest, chatIndex: number): Promise<ScriptItem> {
    if (typeof script === 'function') return script(req, chatIndex);
    const item = script[listCursor];
    if (item === undefined) {
      return {
        fault: 'error',
        status: 400,
        body: { error: { message: `scripted model server: no answer left in the script (chat request #${chatIndex + 1})`, type: 'script_exhausted' } },
      };
    }
    listCursor++;
    return item;
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : encoder(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
    res.end(text);
  }

  function buildCalls(answer: ScriptAnswer): { id: string; name: string; args: string }[] {
    return (answer.toolCalls ?? []).map((c) => ({
      id: c.id ?? `call_${++callCounter}`,
      name: c.name,
      args: typeof c.arguments === 'string' ? c.arguments : encoder(c.arguments),
    }));
  }

  function usageOf(answer: ScriptAnswer, req: CapturedRequest): Required<ScriptUsage> {
    if (answer.usage) {
      const u = answer.usage;
      return { prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens, total_tokens: u.total_tokens ?? u.prompt_tokens + u.completion_tokens };
    }
    const prompt = estimateTokens(req.raw);
    const completion = estimateTokens((answer.content ?? '') + (answer.reasoning ?? '') + buildCallsText(answer));
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  }

  function buildCallsText(answer: ScriptAnswer): string {
    return (answer.toolCalls ?? []).map((c) => c.name + (typeof c.arguments === 'string' ? c.arguments : encoder(c.arguments))).join('');
  }

  function contentWithThink(answer: ScriptAnswer): string | undefined {
    if (answer.reasoningField === 'think' && answer.reasoning !== undefined) return `<think>${answer.reasoning}</think>${answer.content ?? ''}`;
    return answer.content;
  }

  function finishReasonOf(answer: ScriptAnswer): string {
    return answer.finishReason ?? (answer.toolCalls && answer.toolCalls.length > 0 ? 'tool_calls' : 'stop');
  }

  function answerPlain(res: ServerResponse, req: CapturedRequest, answer: ScriptAnswer, model: string): void {
    const calls = buildCalls(answer);
    const message: Record<string, unknown> = { role: 'assistant', content: contentWithThink(answer) ?? (calls.length ? null : '') };
    if (answer.reasoning !== undefined && answer.reasoningField !== 'think') message[answer.reasoningField ?? 'reasoning_content'] = answer.reasoning;
    if (calls.length) message.tool_calls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } }));
    sendJson(res, 200, {
      id: `chatcmpl-${req.index}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message, finish_reason: finishReasonOf(answer) }],
      usage: usageOf(answer, req),
    });
    req.outcome = 'answered';
  }

  /** The SSE chunks of an answer, in the order llama.cpp / vLLM / Ollama send them. */
  function streamChunks(req: CapturedRequest, answer: ScriptAnswer, model: string): string[] {
    const base = { id: `chatcmpl-${req.index}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
    const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
      encoder({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
    const out: string[] = [chunk({ role: 'assistant', content: '' })];
    const size = Math.max(1, answer.chunkSize ?? 8);
    if (answer.reasoning !== undefined && answer.reasoningField !== 'think') {
      const field = answer.reasoningField ?? 'reasoning_content';
      for (const piece of chunkText(answer.reasoning, size)) out.push(chunk({ [field]: piece }));
    }
    const content = contentWithThink(answer);
    if (content) for (const piece of chunkText(content, size)) out.push(chunk({ content: piece }));
    buildCalls(answer).forEach((c, index) => {
      out.push(chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
      for (const frag of splitInto(c.args, answer.argFragments ?? 3)) out.push(chunk({ tool_calls: [{ index, function: { arguments: frag } }] }));
    });
    out.push(chunk({}, finishReasonOf(answer)));
    const so = req.body?.stream_options as { include_usage?: boolean } | undefined;
    if (so?.include_usage) out.push(encoder({ ...base, choices: [], usage: usageOf(answer, req) }));
    return out;
  }

  function write(res: ServerResponse, text: string): Promise<void> {
    return new Promise((resolve) => {
      if (res.destroyed || res.writableEnded) return resolve();
      res.write(text, () => resolve());
    });
  }

  async function answerStream(res: ServerResponse, req: CapturedRequest, answer: ScriptAnswer, model: string, dropAfter?: number): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const chunks = streamChunks(req, answer, model);
    for (let i = 0; i < chunks.length; i++) {
      if (dropAfter !== undefined && i >= dropAfter) return dropConnection(res, req);
      if (answer.stallAfterChunks !== undefined && i >= answer.stallAfterChunks) return; // keep the socket open, write nothing
      if (req.outcome !== 'pending') return;
      if (answer.chunkDelayMs) await sleep(answer.chunkDelayMs);
      await write(res, `data: ${chunks[i]}\n\n`);
    }
    if (dropAfter !== undefined) return dropConnection(res, req);
    if (!answer.omitDone) await write(res, 'data: [DONE]\n\n');
    res.end();
    if (req.outcome === 'pending') req.outcome = 'answered';
  }

  function dropConnection(res: ServerResponse, req: CapturedRequest): void {
    req.outcome = 'server-dropped';
    const sock = res.socket;
    if (sock && typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
    else sock?.destroy();
  }

  async function handleChat(res: ServerResponse, req: CapturedRequest): Promise<void> {
    const chatIndex = chatCount++;
    chatRequests.push(req);
    notifyWaiters();
    const item = await nextItem(req, chatIndex);
    const stream = req.body?.stream === true;
    const model = typeof req.body?.model === 'string' ? req.body.model : models[0] ?? 'test-model';
    if ('fault' in item) {
      switch (item.fault) {
        case 'http500':
          sendJson(res, 500, { error: { message: item.message ?? 'scripted internal server error', type: 'server_error' } });
          req.outcome = 'answered';
          return;
        case 'http503':
          sendJson(res, 503, { error: { message: item.message ?? 'scripted: model is loading', type: 'unavailable_error' } });
          req.outcome = 'answered';
          return;
        case 'http429': {
          const headers: Record<string, string> = { 'retry-after': String(item.retryAfter ?? 0) };
          if (item.retryAfterMs !== undefined) headers['retry-after-ms'] = String(item.retryAfterMs);
          sendJson(res, 429, { error: { message: 'scripted: rate limited', type: 'rate_limit_error' } }, headers);
          req.outcome = 'answered';
          return;
        }
        case 'stall':
          if (item.ms === undefined) return; // never answers; close() or the client ends it
          await sleep(item.ms);
          if (req.outcome !== 'pending') return;
          return stream ? answerStream(res, req, item.then ?? {}, model) : answerPlain(res, req, item.then ?? {}, model);
        case 'drop': {
          const after = item.afterChunks ?? 2;
          if (after === 0 || !stream) return dropConnection(res, req);
          return answerStream(res, req, item.answer ?? { content: 'this answer is cut off in the middle of a sentence' }, model, after);
        }
        case 'overflow': {
          const { status, body } = overflowBody(item.flavor ?? 'llamacpp', item.nPromptTokens ?? 5000, item.nCtx ?? 4096);
          sendJson(res, status, body);
          req.outcome = 'answered';
          return;
        }
        case 'error':
          sendJson(res, item.status, item.body, item.headers);
          req.outcome = 'answered';
          return;
      }
    }
    if (item.delayMs) await sleep(item.delayMs);
    if (req.outcome !== 'pending') return;
    if (stream) await answerStream(res, req, item, model);
    else answerPlain(res, req, item, model);
  }

  function handleDiscovery(res: ServerResponse, req: CapturedRequest): boolean {
    const path = req.path.replace(/\?.*$/, '');
    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: options.vllm ? 'vllm' : 'scripted', ...(options.vllm ? { max_model_len: options.vllm.maxModelLen } : {}) })),
      });
      return true;
    }
    if (options.ollama && req.method === 'POST' && path === '/api/show') {
      const o = options.ollama;
      const arch = o.architecture ?? 'qwen2';
      sendJson(res, 200, {
        modelfile: '# scripted',
        parameters: o.numCtx !== undefined ? `num_ctx                        ${o.numCtx}\nstop                           "<|im_end|>"` : 'stop                           "<|im_end|>"',
        details: { format: 'gguf', family: arch, parameter_size: '7.6B', quantization_level: 'Q4_K_M' },
        model_info: { 'general.architecture': arch, [`${arch}.context_length`]: o.contextLength, 'general.parameter_count': 7615616512 },
        capabilities: ['completion', 'tools'],
      });
      return true;
    }
    if (options.ollama && req.method === 'GET' && path === '/api/ps') {
      const o = options.ollama;
      sendJson(res, 200, {
        models: o.runningContextLength === undefined ? [] : models.map((name) => ({ name, model: name, size: 1, context_length: o.runningContextLength })),
      });
      return true;
    }
    if (options.ollama && req.method === 'GET' && path === '/api/version') {
      sendJson(res, 200, { version: '0.12.0' });
      return true;
    }
    if (options.llamacpp && req.method === 'GET' && path === '/props') {
      sendJson(res, 200, { default_generation_settings: { n_ctx: options.llamacpp.nCtx, params: {} }, total_slots: 1, model_path: `/models/${models[0] ?? 'model'}.gguf` });
      return true;
    }
    if (options.lmstudio && req.method === 'GET' && path === '/api/v0/models') {
      const l = options.lmstudio;
      sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({
          id, object: 'model', type: 'llm', publisher: 'lmstudio-community', arch: 'qwen2', compatibility_type: 'gguf', quantization: 'Q4_K_M',
          state: l.loadedContextLength !== undefined ? 'loaded' : 'not-loaded',
          max_context_length: l.maxContextLength,
          ...(l.loadedContextLength !== undefined ? { loaded_context_length: l.loadedContextLength } : {}),
        })),
      });
      return true;
    }
    return false;
  }

  const server: Server = createServer((httpReq: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    httpReq.on('data', (b: Buffer) => parts.push(b));
    httpReq.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      let body: Record<string, unknown> | undefined;
      if (raw.trim()) {
        try {
          const parsed: unknown = JSON.parse(raw);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        } catch (err) {
          // A non-JSON body is recorded raw; the handler answers 400 like a real server would.
          body = undefined;
          void err;
        }
      }
      let settle!: (o: CapturedRequest['outcome']) => void;
      const captured: CapturedRequest = {
        index: requests.length,
        method: httpReq.method ?? 'GET',
        path: httpReq.url ?? '/',
        headers: httpReq.headers,
        body,
        raw,
        outcome: 'pending',
        settled: new Promise((r) => (settle = r)),
      };
      requests.push(captured);
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        if (captured.outcome === 'pending') captured.outcome = res.writableFinished ? 'answered' : 'client-closed';
        settle(captured.outcome);
      };
      res.on('close', finish);
      res.on('finish', () => {
        if (captured.outcome === 'pending') captured.outcome = 'answered';
      });
      const path = captured.path.replace(/\?.*$/, '');
      if (handleDiscovery(res, captured)) return;
      if (captured.method === 'POST' && path === '/v1/chat/completions') {
        if (!body) {
          sendJson(res, 400, { error: { message: 'scripted model server: body is not a JSON object', type: 'invalid_request_error' } });
          return;
        }
        handleChat(res, captured).catch((err: unknown) => {
          if (!res.headersSent) sendJson(res, 500, { error: { message: `scripted model server: script threw: ${String(err)}` } });
          else res.destroy();
        });
        return;
      }
      sendJson(res, 404, { error: { message: `scripted model server: no route for ${captured.method} ${path}` } });
    });
  });
  server.on('connection', (sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    port,
    requests,
    chatRequests,
    push(...items) {
      if (typeof script === 'function') throw new Error('scripted model server: push() needs a list script');
      script.push(...items);
    },
    setScript(next) {
      script = next;
      listCursor = 0;
    },
    waitForChatRequests(n) {
      if (chatRequests.length >= n) return Promise.resolve(chatRequests.slice(0, n));
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    async close() {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}
