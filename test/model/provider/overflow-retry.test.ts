/**
 * The end-to-end case: a server whose real window is smaller than we assumed answers with
 * llama.cpp's context-overflow 400; the provider surfaces ContextOverflow with the server's numbers,
 * the budget engine (server/model/budget) refits the conversation to them, and the one retry fits.
 * The scripted server decides by the size of what it receives, as a real one would.
 */
import { describe, expect, it } from 'vitest';
import { isSmallCodeError } from '../../../server/core/errors.js';
import { shrinkAfterOverflow } from '../../../server/model/budget/overflow.js';
import { createEstimator } from '../../../server/model/budget/token-estimate.js';
import type { ChatMessage, ToolDefinition } from '../../../server/model/messages.js';
import { ModelProvider } from '../../../server/model/provider/provider.js';
import { startModelServer } from '../../support/model-server.js';
import { openedResources } from '../../support/opened-resources.js';

const open = openedResources();

const N_CTX = 2048;

describe('context overflow followed by a compacted retry', () => {
  it('refits to the numbers the server gave and succeeds on the single retry', async () => {
    const srv = open.server(await startModelServer({
      // Roughly 4 characters per token: anything bigger than the window is rejected with the real numbers.
      script: (req) => {
        const tokens = Math.ceil(JSON.stringify(req.body?.messages ?? []).length / 4);
        return tokens > N_CTX - 256 ? { fault: 'overflow', nPromptTokens: tokens, nCtx: N_CTX } : { content: 'fixed it' };
      },
    }));
    const tools: ToolDefinition[] = [{ name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }];
    const big = 'const x = 1;\n'.repeat(900); // ~11.7k chars of tool output
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are a careful coding agent.' },
      { role: 'user', content: 'Fix the bug in src/a.ts' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/a.ts"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: big },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c2', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/b.ts"}' } }] },
      { role: 'tool', tool_call_id: 'c2', content: 'export const b = 2;' },
    ];
    const provider = new ModelProvider({ baseUrl: srv.url, model: 'qwen2.5-coder:7b', retry: { baseDelayMs: 1 } });

    let sent = messages;
    let result;
    let overflowDetail: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 2 && !result; attempt++) {
      try {
        result = await provider.chat({ messages: sent, tools, maxTokens: 256 });
      } catch (err) {
        if (!isSmallCodeError(err, 'ContextOverflow') || attempt > 0) throw err;
        overflowDetail = err.detail;
        const fit = await shrinkAfterOverflow({
          messages: sent, tools, window: 32768, reserve: 256, estimator: createEstimator('qwen'),
          info: { nCtx: err.detail.contextWindow as number, promptTokens: err.detail.promptTokens as number },
          rejected: { messages: sent, tools },
        });
        expect(fit.ok).toBe(true);
        if (fit.ok) sent = fit.messages;
      }
    }
    expect(overflowDetail).toMatchObject({ contextWindow: N_CTX });
    expect(overflowDetail?.promptTokens as number).toBeGreaterThan(N_CTX);
    expect(result?.content).toBe('fixed it');
    expect(srv.chatRequests).toHaveLength(2);
    expect(srv.chatRequests[1]!.raw.length).toBeLessThan(srv.chatRequests[0]!.raw.length / 2);
    // The head of the conversation survives the refit: one system message, first, unchanged.
    const second = srv.chatRequests[1]!.body!.messages as ChatMessage[];
    expect(second[0]).toEqual(messages[0]);
    expect(second.filter((m) => m.role === 'system')).toHaveLength(1);
  });
});
