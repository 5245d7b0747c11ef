/**
 * fitConversation and shrinkAfterOverflow on hand-built conversations: what is cut first, the typed
 * failure, the model summary, the sections, and a byte-identical prompt prefix across a 50-turn task.
 */
import { describe, expect, it } from 'vitest';
import { fallbackSummary, SUMMARY_PREFIX } from '../../../server/model/budget/compact.js';
import { validateConversation } from '../../../server/model/budget/conversation-invariants.js';
import { fitConversation, type FitResult } from '../../../server/model/budget/fit-conversation.js';
import { parseContextOverflow, shrinkAfterOverflow } from '../../../server/model/budget/overflow.js';
import { createEstimator } from '../../../server/model/budget/token-estimate.js';
import type { ChatMessage, WireToolCall } from '../../../server/model/messages.js';
import { makeText, makeTools } from './conversation-gen.js';

const est = createEstimator('qwen');
const tools = makeTools(6);
const system: ChatMessage = { role: 'system', content: 'You are SmallCode, a careful coding agent.' };
const task: ChatMessage = { role: 'user', content: 'Fix the failing parser test in src/parse.ts.' };

let nextId = 0;
function toolTurn(name: string, args: Record<string, unknown>, result: string): ChatMessage[] {
  const call: WireToolCall = { id: `call_${nextId++}`, type: 'function', function: { name, arguments: JSON.stringify(args) } };
  return [
    { role: 'assistant', content: null, tool_calls: [call] },
    { role: 'tool', tool_call_id: call.id, name, content: result },
  ];
}

function ok(r: FitResult): Extract<FitResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected a fit, got: ${r.reason}`);
  return r;
}

describe('fitConversation', () => {
  it('returns a conversation that already fits unchanged', async () => {
    const messages = [system, task, ...toolTurn('read_file', { path: 'src/a.ts' }, 'const a = 1;')];
    const r = ok(await fitConversation({ messages, tools, window: 8192, reserve: 1024, estimator: est }));
    expect(r.messages).toEqual(messages);
    expect(r.evicted + r.compacted + r.truncatedResults).toBe(0);
    expect(r.estimatedTokens).toBe(est.request(messages, tools));
  });

  it('cuts over-long tool results to maxToolResultChars', async () => {
    const messages = [system, task, ...toolTurn('read_file', { path: 'src/big.ts' }, makeText('code', 20_000, 1))];
    const r = ok(await fitConversation({ messages, tools, window: 32_768, reserve: 1024, estimator: est, options: { maxToolResultChars: 4000 } }));
    const tool = r.messages[3] as { content: string };
    expect(tool.content.length).toBeLessThanOrEqual(4000);
    expect(tool.content).toContain('read_file using start_line=');
    expect(r.truncatedResults).toBe(1);
  });

  it('evicts the oldest tool results first, with a stub naming the call, and keeps the last turn', async () => {
    const big = makeText('code', 3500, 2);
    const messages = [system, task, ...toolTurn('read_file', { path: 'src/a.ts' }, big), ...toolTurn('read_file', { path: 'src/b.ts' }, big), ...toolTurn('grep', { pattern: 'parse' }, big)];
    const window = est.request(messages, tools) + 600 - 500;
    const r = ok(await fitConversation({ messages, tools, window, reserve: 600, estimator: est, options: { safetyMargin: 0, headroom: 0 } }));
    expect(r.compacted).toBe(0);
    expect(r.evicted).toBe(1);
    expect((r.messages[3] as { content: string }).content).toBe('[result of read_file(path=src/a.ts) evicted to save context; call again if needed]');
    expect((r.messages[5] as { content: string }).content).toBe(big);
    expect((r.messages[7] as { content: string }).content).toBe(big);
  });

  it('drops the long arguments of old calls (a whole file for write_file), keeping valid JSON', async () => {
    const file = makeText('code', 12_000, 3);
    const messages = [system, task, ...toolTurn('write_file', { path: 'src/new.ts', content: file }, 'Wrote src/new.ts (300 lines).'), ...toolTurn('bash', { command: 'npm test' }, 'ok')];
    const window = est.request(messages, tools) + 512 - 500;
    const r = ok(await fitConversation({ messages, tools, window, reserve: 512, estimator: est }));
    const call = (r.messages[2] as { tool_calls: WireToolCall[] }).tool_calls[0]!;
    expect(JSON.parse(call.function.arguments)).toEqual({ path: 'src/new.ts', content: '[12000 chars omitted from history to save context]' });
    expect(call.id).toBe((messages[2] as { tool_calls: WireToolCall[] }).tool_calls[0]!.id);
    expect(r.compacted).toBe(0);
    expect(validateConversation(r.messages, { strictAlternation: true })).toEqual([]);
  });

  it('compacts older turns into a deterministic summary when eviction is not enough', async () => {
    const history: ChatMessage[] = [];
    for (let i = 0; i < 30; i++) {
      history.push({ role: 'assistant', content: `Step ${i}: I will look at file ${i}. ${makeText('prose', 600, i)}` });
      history.push({ role: 'user', content: 'Continue.' });
    }
    history.push(...toolTurn('edit_file', { path: 'src/parse.ts', search: 'a', replace: 'b' }, 'Error: no match for the search text'));
    const messages = [system, task, ...history];
    const r = ok(await fitConversation({ messages, tools, window: 4096, reserve: 512, estimator: est }));
    expect(r.compacted).toBeGreaterThan(0);
    expect(r.summarySource).toBe('fallback');
    const summary = r.messages[2] as { role: string; content: string };
    expect(summary.role).toBe('assistant');
    expect(summary.content.startsWith(SUMMARY_PREFIX)).toBe(true);
    expect(summary.content).toContain('Task: Fix the failing parser test');
    // The latest turn (the failed edit) survives whole.
    expect(r.messages.at(-1)).toEqual(messages.at(-1));
    expect(validateConversation(r.messages, { strictAlternation: true })).toEqual([]);
    expect(r.estimatedTokens).toBeLessThanOrEqual(4096 - 512);
  });

  it('lists files, tools and the last errors in the fallback summary', () => {
    const messages = [
      system,
      task,
      ...toolTurn('read_file', { path: 'src/parse.ts' }, makeText('code', 3000, 1)),
      ...toolTurn('edit_file', { path: 'src/parse.ts', search: 'x', replace: 'y' }, 'Error: no match for the search text'),
      ...toolTurn('bash', { command: 'npm test' }, `FAIL test/parse.test.ts\n${makeText('prose', 3000, 3)}`),
      ...toolTurn('read_file', { path: 'src/lex.ts' }, makeText('code', 3000, 4)),
    ];
    const summary = fallbackSummary(messages.slice(2), task.content);
    expect(summary).toContain('Files read: src/parse.ts');
    expect(summary).toContain('Files changed: src/parse.ts');
    expect(summary).toMatch(/edit_file x1 \(1 failed\)/);
    expect(summary).toContain('Last errors:');
    expect(summary).toContain('bash(command=npm test): FAIL');
  });

  it('uses the model summary when the summariser answers, and the fallback when it throws', async () => {
    const messages: ChatMessage[] = [system, task];
    for (let i = 0; i < 20; i++) messages.push(...toolTurn('read_file', { path: `src/f${i}.ts` }, makeText('code', 2000, i)));
    const seen: number[] = [];
    const good = ok(
      await fitConversation({
        messages, tools, window: 3000, reserve: 300, estimator: est,
        options: { summarise: async (range, o) => { seen.push(range.length, o.maxTokens); return 'Read twenty files; the bug is in f3.'; } },
      }),
    );
    expect(good.summarySource).toBe('model');
    expect((good.messages[2] as { content: string }).content).toBe(`${SUMMARY_PREFIX}\nRead twenty files; the bug is in f3.`);
    expect(seen[0]).toBe(good.compacted);
    const bad = ok(await fitConversation({ messages, tools, window: 3000, reserve: 300, estimator: est, options: { summarise: async () => { throw new Error('timeout'); } } }));
    expect(bad.summarySource).toBe('fallback');
  });

  it('returns a typed failure, never an over-size request, when system + tools + task cannot fit', async () => {
    const messages: ChatMessage[] = [system, { role: 'user', content: makeText('prose', 20_000, 1) }];
    const r = await fitConversation({ messages, tools, window: 2048, reserve: 256, estimator: est });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('ContextOverflow');
    expect(r.estimatedTokens).toBeGreaterThan(r.limit);
    expect(r.reason).toMatch(/raise the context window/);
  });

  it('reports sections that add up to the estimate', async () => {
    const messages = [system, task, ...toolTurn('read_file', { path: 'src/a.ts' }, 'x')];
    const r = ok(await fitConversation({ messages, tools, window: 8192, reserve: 1000, estimator: est }));
    const by = Object.fromEntries(r.sections.map((s) => [s.name, s.tokens]));
    expect(by.system! + by.tools! + by.task! + by.summary! + by.history!).toBe(r.estimatedTokens);
    expect(by.reserve).toBe(1000);
    expect(by.free).toBe(8192 - 1000 - r.estimatedTokens);
  });
});

describe('headroom', () => {
  it('frees room beyond the minimum so the next small turn leaves history untouched', async () => {
    const messages: ChatMessage[] = [system, task];
    for (let i = 0; i < 10; i++) messages.push(...toolTurn('read_file', { path: `src/f${i}.ts` }, makeText('code', 3000, i)));
    const window = est.request(messages, tools) + 1024 - 800;
    const first = ok(await fitConversation({ messages, tools, window, reserve: 1024, estimator: est }));
    expect(first.evicted).toBeGreaterThan(1);
    const next = [...first.messages, ...toolTurn('grep', { pattern: 'x' }, 'src/a.ts:1: x')];
    const second = ok(await fitConversation({ messages: next, tools, window, reserve: 1024, estimator: est }));
    expect(second.evicted + second.compacted).toBe(0);
    second.messages.forEach((m, i) => expect(m).toBe(next[i]));
  });

  it('evicts only what is needed with headroom 0', async () => {
    const messages: ChatMessage[] = [system, task];
    for (let i = 0; i < 10; i++) messages.push(...toolTurn('read_file', { path: `src/f${i}.ts` }, makeText('code', 3000, i)));
    const window = est.request(messages, tools) + 1024 - 100;
    const r = ok(await fitConversation({ messages, tools, window, reserve: 1024, estimator: est, options: { headroom: 0, safetyMargin: 0 } }));
    expect(r.evicted).toBe(1);
  });
});

describe('prefix stability', () => {
  it('keeps system message, tool schemas and task byte-identical across a 50-turn task with eviction and compaction', async () => {
    let history: ChatMessage[] = [system, task];
    const prefix = JSON.stringify({ system, tools, task });
    let compactions = 0;
    let evictions = 0;
    for (let turn = 0; turn < 50; turn++) {
      const kind = turn % 3 === 0 ? 'read_file' : turn % 3 === 1 ? 'grep' : 'bash';
      history = [...history, ...toolTurn(kind, { path: `src/m${turn}.ts` }, makeText(turn % 2 ? 'code' : 'prose', 1500 + (turn % 7) * 500, turn))];
      if (turn % 5 === 4) history.push({ role: 'user', content: `Reminder ${turn}: keep the tests green.` });
      const r = ok(await fitConversation({ messages: history, tools, window: 6144, reserve: 768, estimator: est }));
      compactions += r.compacted > 0 ? 1 : 0;
      evictions += r.evicted;
      const sent = JSON.stringify({ system: r.messages[0], tools, task: r.messages[1] });
      expect(sent).toBe(prefix);
      expect(r.estimatedTokens).toBeLessThanOrEqual(6144 - 768);
      expect(validateConversation(r.messages)).toEqual([]);
      history = r.messages;
    }
    expect(compactions).toBeGreaterThan(0);
    expect(evictions).toBeGreaterThan(0);
  });
});

describe('context overflow', () => {
  it.each([
    ['llama.cpp JSON', '{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":9120,"n_ctx":8192}}', { nCtx: 8192, promptTokens: 9120 }],
    ['vLLM', "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4200 in the messages, 800 in the completion).", { nCtx: 4096, promptTokens: 4200 }],
    ['OpenAI', "This model's maximum context length is 128000 tokens. However, your messages resulted in 130,512 tokens.", { nCtx: 128000, promptTokens: 130512 }],
    ['LM Studio', 'Trying to keep the first 6000 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough.', { nCtx: 4096, promptTokens: 6000 }],
    ['no numbers', 'context length exceeded', {}],
  ])('reads the numbers in a %s error', (_name, text, expected) => {
    expect(parseContextOverflow(text)).toEqual(expected);
  });

  it('refits to the server n_ctx and the undercount it reported', async () => {
    const messages: ChatMessage[] = [system, task];
    for (let i = 0; i < 12; i++) messages.push(...toolTurn('read_file', { path: `src/f${i}.ts` }, makeText('code', 2500, i)));
    const ours = est.request(messages, tools);
    const r = ok(await shrinkAfterOverflow({ messages, tools, window: 16_384, reserve: 1024, estimator: est, info: { nCtx: 8192, promptTokens: Math.round(ours * 1.3) }, rejected: { messages, tools } }));
    expect(est.request(r.messages, tools) * 1.3).toBeLessThan(8192 - Math.min(1024, 8192 / 3));
    expect(r.evicted).toBeGreaterThan(0);
  });
});
