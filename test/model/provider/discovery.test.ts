/**
 * Discovery against the scripted server: context length per server kind (Ollama, LM Studio,
 * llama.cpp, vLLM), the profile/config fallbacks, and base-URL auto-detection over an injected
 * port list (11434 cannot be bound reliably in tests).
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { noServerMessage, probeBaseUrls, detectBaseUrl } from '../../../server/model/provider/detect-base-url.js';
import { discoverServerContext, resolveContextWindow, serverRoot } from '../../../server/model/provider/discovery.js';
import { startModelServer, type ModelServer } from '../../support/model-server.js';
import { openedResources } from '../../support/opened-resources.js';

const open = openedResources();
async function start(opts: Parameters<typeof startModelServer>[0]): Promise<ModelServer> {
  return open.server(await startModelServer(opts));
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('context window discovery', () => {
  it('reads the running window from Ollama /api/ps and notes the trained maximum', async () => {
    const s = await start({ models: ['qwen2.5-coder:14b'], ollama: { contextLength: 32768, runningContextLength: 8192 } });
    const c = await discoverServerContext(s.url, 'qwen2.5-coder:14b');
    expect(c).toMatchObject({ kind: 'ollama', contextWindow: 8192, trainedContext: 32768, source: 'ollama /api/ps (loaded model)' });
    expect(c.note).toContain('OLLAMA_CONTEXT_LENGTH');
    expect(c.capabilities).toEqual(['completion', 'tools']);
  });

  it("reads num_ctx from Ollama's /api/show parameters when the model is not loaded", async () => {
    const s = await start({ models: ['qwen3:8b'], ollama: { contextLength: 40960, numCtx: 16384 } });
    expect(await discoverServerContext(s.url, 'qwen3:8b')).toMatchObject({ kind: 'ollama', contextWindow: 16384, trainedContext: 40960 });
  });

  it("assumes Ollama's small default window (and says how to raise it) when nothing raised it", async () => {
    const s = await start({ models: ['llama3.1:8b'], ollama: { architecture: 'llama', contextLength: 131072 } });
    const c = await discoverServerContext(s.url, 'llama3.1:8b');
    expect(c).toMatchObject({ kind: 'ollama', contextWindow: 4096, trainedContext: 131072 });
    expect(c.note).toContain('supports 131072');
    expect(s.requests.find((r) => r.path === '/api/show')?.body).toMatchObject({ model: 'llama3.1:8b' });
  });

  it("reads LM Studio's loaded context length, else its max", async () => {
    const a = await start({ models: ['qwen2.5-coder-7b-instruct'], lmstudio: { maxContextLength: 32768, loadedContextLength: 4096 } });
    expect(await discoverServerContext(a.url, 'qwen2.5-coder-7b-instruct')).toMatchObject({ kind: 'lmstudio', contextWindow: 4096, trainedContext: 32768 });
    const b = await start({ models: ['qwen2.5-coder-7b-instruct'], lmstudio: { maxContextLength: 32768 } });
    expect(await discoverServerContext(b.url, 'qwen2.5-coder-7b-instruct')).toMatchObject({ kind: 'lmstudio', contextWindow: 32768 });
  });

  it("reads llama.cpp's n_ctx from /props", async () => {
    const s = await start({ llamacpp: { nCtx: 16384 } });
    expect(await discoverServerContext(s.url, 'whatever')).toEqual({ kind: 'llamacpp', contextWindow: 16384, source: 'llama.cpp /props n_ctx' });
  });

  it("reads vLLM's max_model_len from /v1/models", async () => {
    const s = await start({ models: ['Qwen/Qwen3-8B'], vllm: { maxModelLen: 32768 } });
    expect(await discoverServerContext(s.url, 'Qwen/Qwen3-8B')).toMatchObject({ kind: 'vllm', contextWindow: 32768 });
  });

  it('falls back to the profile, then to SMALLCODE_CONTEXT_WINDOW, then to 8192', async () => {
    const s = await start({});
    expect(await resolveContextWindow(s.url, 'm', { profileWindow: 32768, profileId: 'qwen2.5-coder', configWindow: 4096 })).toMatchObject({ contextWindow: 32768, source: 'profile qwen2.5-coder', serverKind: 'unknown' });
    expect(await resolveContextWindow(s.url, 'm', { configWindow: 12000 })).toMatchObject({ contextWindow: 12000, source: 'SMALLCODE_CONTEXT_WINDOW' });
    expect(await resolveContextWindow(s.url, 'm', {})).toMatchObject({ contextWindow: 8192, source: 'built-in default' });
  });

  it("prefers the server's number over the profile", async () => {
    const s = await start({ llamacpp: { nCtx: 2048 } });
    expect(await resolveContextWindow(s.url, 'm', { profileWindow: 32768 })).toMatchObject({ contextWindow: 2048, serverKind: 'llamacpp' });
  });

  it('strips /v1 to reach the native endpoints', () => {
    expect(serverRoot('http://localhost:11434/v1/')).toBe('http://localhost:11434');
    expect(serverRoot('http://box:8080')).toBe('http://box:8080');
  });
});

describe('base-URL auto-detection', () => {
  it('picks the candidate that answers /v1/models, skipping a closed port and a stalled server', async () => {
    const live = await start({ models: ['qwen3:8b'] });
    const stalled = await new Promise<import('node:net').Server>((resolve) => {
      const srv = createServer(() => undefined); // accepts, never answers
      srv.listen(0, '127.0.0.1', () => resolve(srv));
    });
    const stalledPort = (stalled.address() as { port: number }).port;
    const down = await closedPort();
    try {
      const r = await probeBaseUrls({
        timeoutMs: 2000,
        candidates: [
          { url: `http://127.0.0.1:${down}/v1`, kind: 'ollama', label: 'Ollama' },
          { url: `http://127.0.0.1:${stalledPort}/v1`, kind: 'lmstudio', label: 'LM Studio' },
          { url: live.url, kind: 'llamacpp', label: 'llama.cpp server' },
        ],
      });
      expect(r.found).toMatchObject({ url: live.url, kind: 'llamacpp', models: ['qwen3:8b'] });
      expect(r.tried[0]?.result).toBe('connection refused');
    } finally {
      stalled.close();
    }
  });

  it('returns null and a readable message when nothing answers', async () => {
    const a = await closedPort();
    const b = await closedPort();
    const r = await probeBaseUrls({ timeoutMs: 500, candidates: [
      { url: `http://127.0.0.1:${a}/v1`, kind: 'ollama', label: 'Ollama' },
      { url: `http://127.0.0.1:${b}/v1`, kind: 'vllm', label: 'vLLM' },
    ] });
    expect(r.found).toBeNull();
    expect(noServerMessage(r.tried)).toBe(`No model server answered on the usual local ports: Ollama http://127.0.0.1:${a}/v1 (connection refused); vLLM http://127.0.0.1:${b}/v1 (connection refused). Start Ollama (\`ollama serve\`) or LM Studio, or set SMALLCODE_BASE_URL.`);
    expect(await detectBaseUrl({ timeoutMs: 500, candidates: [{ url: `http://127.0.0.1:${a}/v1`, kind: 'ollama', label: 'Ollama' }] })).toBeNull();
  });

  it('does not accept a server that answers something other than a model list', async () => {
    const s = await start({});
    const r = await probeBaseUrls({ candidates: [{ url: `${s.origin}/nope`, kind: 'unknown', label: 'X' }] });
    expect(r.found).toBeNull();
    expect(r.tried[0]?.result).toBe('HTTP 404');
  });
});
