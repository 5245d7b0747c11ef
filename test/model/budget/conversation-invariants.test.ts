/**
 * The strict-template rules: the checker finds each broken rule, the repair fixes them, and random
 * sequences of eviction, compaction, truncation and thinking trims never break a valid conversation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCompaction, fallbackSummary, turnStarts } from '../../../server/model/budget/compact.js';
import { repairConversation, validateConversation, type ConversationProblemCode } from '../../../server/model/budget/conversation-invariants.js';
import { evictToolResults } from '../../../server/model/budget/evict.js';
import { applyThinkingBudget } from '../../../server/model/budget/thinking-history.js';
import { createEstimator } from '../../../server/model/budget/token-estimate.js';
import { truncateToolResult } from '../../../server/model/budget/truncate-tool-result.js';
import type { ChatMessage } from '../../../server/model/messages.js';
import { buildConversation, conversationArb, makeTools } from './conversation-gen.js';

const sys: ChatMessage = { role: 'system', content: 's' };
const task: ChatMessage = { role: 'user', content: 't' };
const call = (id: string, name = 'read_file'): ChatMessage => ({ role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: '{}' } }] });
const calls = (...ids: string[]): ChatMessage => ({ role: 'assistant', content: null, tool_calls: ids.map((id) => ({ id, type: 'function' as const, function: { name: 'read_file', arguments: '{}' } })) });
const result = (id: string): ChatMessage => ({ role: 'tool', tool_call_id: id, content: 'ok' });

const codes = (ms: ChatMessage[], strict = false): ConversationProblemCode[] => validateConversation(ms, { strictAlternation: strict }).map((p) => p.code);

describe('validateConversation', () => {
  it('accepts a well-formed agent conversation', () => {
    expect(codes([sys, task, calls('a', 'b'), result('a'), result('b'), call('c'), result('c'), { role: 'assistant', content: 'done' }], true)).toEqual([]);
  });

  it.each<[string, ChatMessage[], ConversationProblemCode, boolean]>([
    ['no system message', [task], 'missing-system', false],
    ['a system message mid-history', [sys, task, { role: 'system', content: 'x' }], 'system-not-first', false],
    ['two system messages', [sys, { role: 'system', content: 'x' }, task], 'multiple-system', false],
    ['an assistant turn first', [sys, { role: 'assistant', content: 'hi' }], 'first-turn-not-user', false],
    ['a tool result with no call', [sys, task, result('x')], 'orphan-tool-result', false],
    ['a message between the results of one assistant message', [sys, task, calls('a', 'b'), result('a'), { role: 'user', content: 'hey' }, result('b')], 'orphan-tool-result', false],
    ['a call left unanswered', [sys, task, calls('a', 'b'), result('a'), { role: 'assistant', content: 'x' }], 'unanswered-tool-call', false],
    ['a call unanswered at the end', [sys, task, call('a')], 'unanswered-tool-call', false],
    ['a reused call id', [sys, task, call('a'), result('a'), call('a'), result('a')], 'duplicate-tool-call-id', false],
    ['two results for one call', [sys, task, call('a'), result('a'), result('a')], 'duplicate-tool-result', false],
    ['an empty assistant message', [sys, task, { role: 'assistant', content: '' }], 'empty-assistant', false],
    ['two user messages in a row (strict)', [sys, task, { role: 'user', content: 'again' }], 'consecutive-user', true],
    ['two assistant messages in a row (strict)', [sys, task, { role: 'assistant', content: 'a' }, { role: 'assistant', content: 'b' }], 'consecutive-assistant', true],
  ])('reports %s', (_name, ms, code, strict) => {
    expect(codes(ms, strict)).toContain(code);
  });

  it('allows consecutive turns unless alternation is asked for', () => {
    expect(codes([sys, task, { role: 'user', content: 'again' }])).toEqual([]);
  });
});

describe('repairConversation', () => {
  it('returns a valid conversation unchanged, message for message', () => {
    const ms = [sys, task, call('a'), result('a')];
    const out = repairConversation(ms);
    expect(out).toEqual(ms);
    out.forEach((m, i) => expect(m).toBe(ms[i]));
  });

  it('fixes every problem it can', () => {
    const broken: ChatMessage[] = [task, sys, result('ghost'), calls('a', 'b'), result('b'), { role: 'system', content: 'late' }, { role: 'assistant', content: '' }, call('a'), result('a')];
    const out = repairConversation(broken);
    expect(validateConversation(out)).toEqual([]);
    expect(out[0]).toEqual({ role: 'system', content: 's\n\nlate' });
    expect(out.filter((m) => m.role === 'tool' && m.content.startsWith('[no result'))).toHaveLength(1);
  });
});

type Op = { kind: 'evict'; from: number; to: number } | { kind: 'compact'; at: number } | { kind: 'think'; budget: number } | { kind: 'truncate'; max: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('evict' as const), from: fc.nat(200), to: fc.nat(200) }),
  fc.record({ kind: fc.constant('compact' as const), at: fc.nat(1000) }),
  fc.record({ kind: fc.constant('think' as const), budget: fc.nat(3000) }),
  fc.record({ kind: fc.constant('truncate' as const), max: fc.integer({ min: 200, max: 5000 }) }),
);

describe('invariants under eviction and compaction sequences', () => {
  it('keep every conversation valid for strict templates (property)', () => {
    const est = createEstimator('qwen');
    fc.assert(
      fc.property(conversationArb, fc.array(opArb, { maxLength: 12 }), (spec, ops) => {
        const tools = makeTools(8);
        let ms = buildConversation(spec, tools);
        expect(validateConversation(ms, { strictAlternation: true })).toEqual([]);
        const head = ms.slice(0, 2);
        for (const op of ops) {
          if (op.kind === 'evict') ms = evictToolResults(ms, { protectBefore: 2 + Math.min(op.from, op.to), protectFrom: 2 + Math.max(op.from, op.to), needTokens: Infinity, estimator: est }).messages;
          else if (op.kind === 'think') ms = [...ms.slice(0, 2), ...applyThinkingBudget(ms.slice(2), op.budget, est).messages];
          else if (op.kind === 'truncate') ms = ms.map((m) => (m.role === 'tool' ? { ...m, content: truncateToolResult(m.content, { maxChars: op.max }).text } : m));
          else {
            const cuts = turnStarts(ms, 1).filter((c) => c > 2);
            if (cuts.length === 0) continue;
            const cut = cuts[op.at % cuts.length]!;
            ms = applyCompaction(ms, 1, cut, fallbackSummary(ms.slice(2, cut), 'task'));
          }
          expect(validateConversation(ms, { strictAlternation: true })).toEqual([]);
          expect(ms.slice(0, 2)).toEqual(head);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
