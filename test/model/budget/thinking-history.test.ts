/** Reasoning is split from answers, stripped before use, and kept in history only up to a budget. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyThinkingBudget, reasoningOf, splitReasoning, stripReasoning } from '../../../server/model/budget/thinking-history.js';
import { createEstimator } from '../../../server/model/budget/token-estimate.js';
import type { ChatMessage } from '../../../server/model/messages.js';

describe('stripReasoning', () => {
  it.each([
    ['no reasoning at all', 'just the answer', 'just the answer'],
    ['a closed block before the answer', '<think>plan the edit</think>\nHere is the fix.', 'Here is the fix.'],
    ['a closed block in the middle', 'A <think>hmm</think>B', 'A B'],
    ['several blocks', '<think>a</think>one<think>b</think> two', 'one two'],
    ['other tag names and case', '<Thinking>x</Thinking>answer<reasoning>y</reasoning>', 'answer'],
    ['an unclosed opener at the start (cut off by max_tokens)', '<think>I should call read_file {"path": "a"}', ''],
    ['an unclosed opener after an answer', 'Answer first.\n<think>and then more thought', 'Answer first.'],
    ['a closer without an opener (the template opened it)', 'reasoning that began in the prompt</think>\nThe answer.', 'The answer.'],
    ['a stray closer after a closed block', '<think>a</think>answer', 'answer'],
  ])('handles %s', (_name, input, expected) => {
    expect(stripReasoning(input)).toBe(expected);
  });

  it('returns the reasoning it removed', () => {
    expect(splitReasoning('<think>step one</think>done<think>step two</think>')).toEqual({ reasoning: 'step one\n\nstep two', content: 'done' });
    expect(splitReasoning('before</think>after').reasoning).toBe('before');
  });

  it('never leaves a think tag in the answer and never throws (property)', () => {
    const piece = fc.constantFrom('<think>', '</think>', '<thinking>', '</thinking>', 'text ', 'code(); ', '\n', '<b>', '</reasoning>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const out = stripReasoning(parts.join(''));
        expect(out).not.toMatch(/<\/?(think|thinking|reasoning)>/i);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('applyThinkingBudget', () => {
  const est = createEstimator('qwen');
  const thought = (n: number, tag: string): string => `${tag} `.repeat(n);
  const history = (): ChatMessage[] => [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'task' },
    { role: 'assistant', content: `<think>${thought(400, 'old')}</think>first answer` },
    { role: 'user', content: 'go on' },
    { role: 'assistant', content: 'second answer', reasoning_content: thought(400, 'middle') },
    { role: 'user', content: 'go on' },
    { role: 'assistant', content: 'third answer', reasoning_content: thought(400, 'new') },
  ];

  it('keeps the newest reasoning and drops the older once the budget is spent', () => {
    const perBlock = est.text(thought(400, 'new'));
    const r = applyThinkingBudget(history(), perBlock + 10, est);
    expect(reasoningOf(r.messages[6]!)).toContain('new');
    expect(reasoningOf(r.messages[4]!)).toBe('');
    expect(reasoningOf(r.messages[2]!)).toBe('');
    expect(r.messages[2]).toEqual({ role: 'assistant', content: 'first answer' });
    expect(r.dropped).toBe(2);
  });

  it('keeps the tail of the newest reasoning when even that is over budget', () => {
    const r = applyThinkingBudget(history(), 100, est);
    const kept = reasoningOf(r.messages[6]!);
    expect(kept).toMatch(/^\[earlier reasoning cut\]/);
    expect(est.text(kept)).toBeLessThanOrEqual(100);
    expect(reasoningOf(r.messages[4]!)).toBe('');
  });

  it('drops all reasoning with a zero budget and keeps messages without reasoning as the same objects', () => {
    const h = history();
    const r = applyThinkingBudget(h, 0, est);
    expect(r.messages.map(reasoningOf).join('')).toBe('');
    expect(r.messages[1]).toBe(h[1]);
    expect(r.keptTokens).toBe(0);
  });

  it('changes nothing while the reasoning is within budget', () => {
    const h = history();
    const r = applyThinkingBudget(h, 100_000, est);
    r.messages.forEach((m, i) => expect(m).toBe(h[i]));
    expect(r.dropped).toBe(0);
  });

  it('trims down to trimTo once over budget, so the next turns need no trim', () => {
    const perBlock = est.text(thought(400, 'new'));
    const r = applyThinkingBudget(history(), perBlock * 3 - 1, est, perBlock + 10);
    expect(r.keptTokens).toBeLessThanOrEqual(perBlock + 10);
    expect(reasoningOf(r.messages[4]!)).toBe('');
  });

  it('never leaves an empty assistant message when a turn was only reasoning', () => {
    const r = applyThinkingBudget([{ role: 'assistant', content: '<think>only thoughts</think>' }], 0, est);
    expect(r.messages[0]).toEqual({ role: 'assistant', content: '[reasoning omitted]' });
  });
});
