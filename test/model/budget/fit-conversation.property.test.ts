/**
 * Property tests of the budgeter over thousands of random agent conversations: never an over-size
 * request, always a valid conversation for strict templates, and a prefix that is never changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConversation } from '../../../server/model/budget/conversation-invariants.js';
import { fitConversation, fitConversationSync, taskIndexOf } from '../../../server/model/budget/fit-conversation.js';
import { shrinkAfterOverflow } from '../../../server/model/budget/overflow.js';
import { createEstimator, type ModelFamily } from '../../../server/model/budget/token-estimate.js';
import type { ChatMessage } from '../../../server/model/messages.js';
import { buildConversation, conversationArb, makeTools } from './conversation-gen.js';

const familyArb = fc.constantFrom<ModelFamily>('qwen', 'llama', 'gemma', 'mistral', 'gpt-oss', 'generic');
const caseArb = fc.record({
  spec: conversationArb,
  toolCount: fc.integer({ min: 0, max: 14 }),
  window: fc.oneof(fc.integer({ min: 512, max: 4096 }), fc.integer({ min: 4096, max: 32768 })),
  reserveShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
  family: familyArb,
  scale: fc.double({ min: 0.6, max: 2, noNaN: true }),
  thinkingBudget: fc.integer({ min: 0, max: 3000 }),
  maxToolResultChars: fc.integer({ min: 200, max: 8000 }),
  keepRecentTurns: fc.integer({ min: 0, max: 3 }),
});

const idArb = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const messageArb: fc.Arbitrary<ChatMessage> = fc.oneof(
  fc.record({ role: fc.constant('system' as const), content: fc.string({ maxLength: 200 }) }),
  fc.record({ role: fc.constant('user' as const), content: fc.string({ maxLength: 2000 }) }),
  fc.record({
    role: fc.constant('assistant' as const),
    content: fc.option(fc.string({ maxLength: 2000 }), { nil: null }),
    tool_calls: fc.array(fc.record({ id: idArb, type: fc.constant('function' as const), function: fc.record({ name: fc.constantFrom('read_file', 'bash'), arguments: fc.string({ maxLength: 1500 }) }) }), { maxLength: 3 }),
  }),
  fc.record({ role: fc.constant('tool' as const), tool_call_id: idArb, content: fc.string({ maxLength: 6000 }) }),
);

describe('fitConversation on arbitrary (even malformed) input', () => {
  it('returns a conversation without structural problems that fits', () => {
    fc.assert(
      fc.property(fc.array(messageArb, { maxLength: 40 }), fc.integer({ min: 256, max: 8192 }), (messages, window) => {
        const estimator = createEstimator('generic');
        const r = fitConversationSync({ messages, tools: [], window, reserve: Math.floor(window / 8), estimator });
        if (!r.ok) return;
        expect(estimator.request(r.result.messages, [])).toBeLessThanOrEqual(window - Math.floor(window / 8));
        const structural = validateConversation(r.result.messages).filter((p) => !['missing-system', 'first-turn-not-user'].includes(p.code));
        expect(structural).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('fitConversation properties', () => {
  it('never returns a request over window minus reserve, and keeps the conversation valid and the prefix intact', () => {
    let fitted = 0;
    let failed = 0;
    const seen = { evicted: 0, compacted: 0, truncated: 0, thinking: 0, prefixOnly: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const tools = makeTools(c.toolCount);
        const messages = buildConversation(c.spec, tools);
        const estimator = createEstimator(c.family, { scale: () => c.scale });
        const reserve = Math.floor(c.window * c.reserveShare);
        const r = fitConversationSync({ messages, tools, window: c.window, reserve, estimator, options: { thinkingBudget: c.thinkingBudget, maxToolResultChars: c.maxToolResultChars, keepRecentTurns: c.keepRecentTurns } });
        if (!r.ok) {
          failed++;
          // A failure is only allowed when system + tools + task truly cannot fit.
          expect(estimator.request(messages.slice(0, 2), tools)).toBeGreaterThan(r.limit);
          expect(r.estimatedTokens).toBeGreaterThan(r.limit);
          return;
        }
        fitted++;
        if (r.result.evicted > 0) seen.evicted++;
        if (r.result.compacted > 0) seen.compacted++;
        if (r.result.truncatedResults > 0) seen.truncated++;
        if (r.result.thinkingDropped > 0) seen.thinking++;
        if (r.result.compacted > 0 && r.result.summarySource === null) seen.prefixOnly++;
        const out = r.result.messages;
        expect(estimator.request(out, tools)).toBeLessThanOrEqual(c.window - reserve);
        expect(r.result.estimatedTokens).toBe(estimator.request(out, tools));
        expect(validateConversation(out, { strictAlternation: true })).toEqual([]);
        const ti = taskIndexOf(messages);
        expect(out.slice(0, ti + 1)).toEqual(messages.slice(0, ti + 1));
        expect(out[0]).toBe(messages[0]);
      }),
      { numRuns: 3000 },
    );
    // Both outcomes must actually occur, or the property is not exercising anything.
    expect(fitted).toBeGreaterThan(1000);
    expect(failed).toBeGreaterThan(0);
    expect(seen.evicted).toBeGreaterThan(100);
    expect(seen.compacted).toBeGreaterThan(100);
    expect(seen.truncated).toBeGreaterThan(100);
    expect(seen.thinking).toBeGreaterThan(100);
  });

  it('with a model summariser, still never overflows even when the summariser ignores maxTokens or fails', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.constantFrom('huge', 'throws', 'ok'), async (c, mode) => {
        const tools = makeTools(c.toolCount);
        const messages = buildConversation(c.spec, tools);
        const estimator = createEstimator(c.family, { scale: () => c.scale });
        const reserve = Math.floor(c.window * c.reserveShare);
        const summarise = async (): Promise<string> => {
          if (mode === 'throws') throw new Error('model down');
          return mode === 'huge' ? 'x '.repeat(50_000) : 'Read src/a.ts, fixed parse(), tests pass.';
        };
        const r = await fitConversation({ messages, tools, window: c.window, reserve, estimator, options: { summarise } });
        if (!r.ok) return;
        expect(estimator.request(r.messages, tools)).toBeLessThanOrEqual(c.window - reserve);
        expect(validateConversation(r.messages, { strictAlternation: true })).toEqual([]);
        if (mode === 'throws') expect(r.summarySource).not.toBe('model');
      }),
      { numRuns: 400 },
    );
  });

  it('shrinkAfterOverflow fits the server-reported n_ctx with the server-measured undercount', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.double({ min: 1, max: 2.5, noNaN: true }), fc.double({ min: 0.3, max: 1, noNaN: true }), async (c, under, ctxShare) => {
        const tools = makeTools(c.toolCount);
        const messages = buildConversation(c.spec, tools);
        const estimator = createEstimator(c.family);
        const reserve = Math.floor(c.window * c.reserveShare);
        const nCtx = Math.max(512, Math.floor(c.window * ctxShare));
        const promptTokens = Math.ceil(estimator.request(messages, tools) * under);
        const r = await shrinkAfterOverflow({ messages, tools, window: c.window, reserve, estimator, info: { nCtx, promptTokens }, rejected: { messages, tools } });
        if (!r.ok) return;
        // In the server's units (our estimate times the undercount), the retry fits n_ctx minus the reserve used.
        expect(estimator.request(r.messages, tools) * under).toBeLessThanOrEqual(nCtx);
        expect(validateConversation(r.messages, { strictAlternation: true })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
