/**
 * createProvider end to end against scripted servers: base URL from config or auto-detection,
 * model from config or the server's list, the profile and window it resolves, where each came from,
 * and that a configured cloud key never reaches a local server.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createProvider, toModelInfo, type ModelConfig } from '../../../server/model/provider/create.js';
import { ModelInfo } from '../../../protocol-ext/model.js';
import { SmallCodeError } from '../../../server/core/errors.js';
import { startModelServer, type ModelServer } from '../../support/model-server.js';
import { openedResources } from '../../support/opened-resources.js';

const open = openedResources();
async function start(opts: Parameters<typeof startModelServer>[0]): Promise<ModelServer> {
  return open.server(await startModelServer(opts));
}

const BASE: ModelConfig = { model: null, baseUrl: null, modelTimeout: 30, contextWindow: null, thinkingDisable: false, openaiApiKey: 'sk-openai-secret' };

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('createProvider', () => {
  it('uses the configured URL, picks the first listed model and resolves profile and window', async () => {
    const s = await start({ models: ['qwen2.5-coder:14b', 'llama3.1:8b'], llamacpp: { nCtx: 16384 }, script: [{ content: 'hi' }] });
    const setup = await createProvider({ ...BASE, baseUrl: s.url });
    expect(setup).toMatchObject({
      baseUrl: s.url, baseUrlSource: 'config', model: 'qwen2.5-coder:14b', modelSource: 'server', cloudProvider: null,
      context: { contextWindow: 16384, serverKind: 'llamacpp' },
    });
    expect(setup.profile.profile.id).toBe('qwen2.5-coder');
    const r = await setup.provider.chat({ messages: [{ role: 'user', content: 'x' }] });
    expect(r.content).toBe('hi');
    expect(s.chatRequests[0]?.headers.authorization).toBe('Bearer no-key');
    expect(s.chatRequests[0]?.body?.temperature).toBe(0.2); // the profile's
    const info = toModelInfo(setup);
    expect(ModelInfo.parse(info)).toEqual(info);
    expect(info).toMatchObject({ model: 'qwen2.5-coder:14b', contextWindow: 16384, contextWindowSource: 'llama.cpp /props n_ctx' });
  });

  it('auto-detects the server from the candidate list when no URL is configured', async () => {
    const s = await start({ models: ['qwen3:8b'] });
    const down = await closedPort();
    const setup = await createProvider(BASE, { candidates: [
      { url: `http://127.0.0.1:${down}/v1`, kind: 'ollama', label: 'Ollama' },
      { url: s.url, kind: 'lmstudio', label: 'LM Studio' },
    ] });
    expect(setup).toMatchObject({ baseUrl: s.url, baseUrlSource: 'detected', model: 'qwen3:8b', available: ['qwen3:8b'] });
    expect(setup.context).toMatchObject({ contextWindow: 40960, source: 'profile qwen3' });
  });

  it('says what was tried and what to do when nothing answers', async () => {
    const down = await closedPort();
    const err = await createProvider(BASE, { candidates: [{ url: `http://127.0.0.1:${down}/v1`, kind: 'ollama', label: 'Ollama' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmallCodeError);
    expect((err as SmallCodeError).code).toBe('ModelUnavailable');
    expect((err as SmallCodeError).message).toContain(`Ollama http://127.0.0.1:${down}/v1 (connection refused)`);
  });

  it('reports a configured URL that is down with the standard message', async () => {
    const down = await closedPort();
    const err = await createProvider({ ...BASE, baseUrl: `http://127.0.0.1:${down}/v1` }).catch((e: unknown) => e);
    expect((err as SmallCodeError).message).toBe(`No model server answered at http://127.0.0.1:${down}/v1 (connection refused). Start Ollama (\`ollama serve\`) or LM Studio, or set SMALLCODE_BASE_URL.`);
  });

  it('fails with NoModelConfigured when the server lists no model and none is set', async () => {
    const s = await start({ models: [] });
    const err = await createProvider({ ...BASE, baseUrl: s.url }).catch((e: unknown) => e);
    expect((err as SmallCodeError).code).toBe('NoModelConfigured');
  });

  it('keeps a configured model the server does not list, with a warning', async () => {
    const s = await start({ models: ['a'] });
    const setup = await createProvider({ ...BASE, baseUrl: s.url, model: 'gemma3:12b', contextWindow: 12000 });
    expect(setup.model).toBe('gemma3:12b');
    expect(setup.warnings[0]).toContain('does not list "gemma3:12b"');
    expect(setup.context.contextWindow).toBe(131072); // profile beats SMALLCODE_CONTEXT_WINDOW
  });

  it('uses SMALLCODE_CONTEXT_WINDOW before the generic guess for an unknown model', async () => {
    const s = await start({ models: ['my-finetune'] });
    const setup = await createProvider({ ...BASE, baseUrl: s.url, contextWindow: 12000 });
    expect(setup.context).toMatchObject({ contextWindow: 12000, source: 'SMALLCODE_CONTEXT_WINDOW' });
  });
});
