/** Token estimates per family and content kind, the estimator's request accounting, and the Calibrator. */
import { describe, expect, it } from 'vitest';
import { Calibrator } from '../../../server/model/budget/calibrator.js';
import { contentKind, createEstimator, estimateTokens, familyOf } from '../../../server/model/budget/token-estimate.js';
import type { ChatMessage } from '../../../server/model/messages.js';
import { makeText, makeTools } from './conversation-gen.js';

describe('familyOf', () => {
  it.each([
    ['qwen2.5-coder:14b', 'qwen'],
    ['Qwen/Qwen3-30B-A3B-Instruct', 'qwen'],
    ['llama3.1:8b', 'llama'],
    ['bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'llama'],
    ['gemma3:12b', 'gemma'],
    ['devstral:24b', 'mistral'],
    ['mistral-small3.2', 'mistral'],
    ['deepseek-r1:14b', 'deepseek'],
    ['DeepSeek-R1-Distill-Qwen-14B', 'qwen'],
    ['phi4:14b', 'phi'],
    ['granite3.3:8b', 'granite'],
    ['gpt-oss:20b', 'gpt-oss'],
    ['some-unknown-model', 'generic'],
    [null, 'generic'],
  ])('maps %s to %s', (name, family) => {
    expect(familyOf(name)).toBe(family);
  });
});

describe('contentKind', () => {
  it('tells code, prose and JSON apart', () => {
    expect(contentKind(makeText('code', 2000, 3))).toBe('code');
    expect(contentKind(makeText('prose', 2000, 3))).toBe('prose');
    expect(contentKind(JSON.stringify({ a: [1, 2, { b: 'text', c: 'more text' }], d: 'x' }))).toBe('json');
  });
});

describe('estimateTokens', () => {
  it('is zero for empty text and grows with length', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('hello')).toBeGreaterThan(0);
    expect(estimateTokens('hello world '.repeat(100))).toBeGreaterThan(estimateTokens('hello world '.repeat(10)));
  });

  it('counts code denser than prose of the same length', () => {
    const prose = makeText('prose', 4000, 1);
    const code = makeText('code', 4000, 1);
    expect(estimateTokens(code, 'qwen')).toBeGreaterThan(estimateTokens(prose, 'qwen'));
  });

  it('counts digits one by one for families whose tokenizer splits numbers', () => {
    const numbers = '1234567890 '.repeat(50);
    expect(estimateTokens(numbers, 'qwen')).toBeGreaterThan(estimateTokens(numbers, 'llama') * 1.5);
  });

  it('counts non-ASCII text as far denser than ASCII', () => {
    const cjk = '编译错误类型不匹配'.repeat(100);
    expect(estimateTokens(cjk, 'qwen')).toBeGreaterThan(cjk.length / 2);
  });

  it('is more conservative for the generic family than for a large-vocabulary family', () => {
    const t = makeText('code', 3000, 5);
    expect(estimateTokens(t, 'generic')).toBeGreaterThan(estimateTokens(t, 'gpt-oss'));
  });
});

describe('createEstimator', () => {
  const est = createEstimator('qwen');
  const msgs: ChatMessage[] = [
    { role: 'system', content: 'You are a coding agent.' },
    { role: 'user', content: 'Fix the bug.' },
  ];

  it('counts per-message template overhead', () => {
    expect(est.message({ role: 'user', content: '' })).toBeGreaterThan(0);
    expect(est.request(msgs, [])).toBeGreaterThan(est.text('You are a coding agent.') + est.text('Fix the bug.'));
  });

  it('counts tool schemas, more tools costing more', () => {
    expect(est.tools([])).toBe(0);
    expect(est.tools(makeTools(14))).toBeGreaterThan(est.tools(makeTools(3)));
    expect(est.request(msgs, makeTools(5))).toBe(est.request(msgs, []) + est.tools(makeTools(5)));
  });

  it('counts tool calls and reasoning of assistant messages', () => {
    const plain: ChatMessage = { role: 'assistant', content: 'ok' };
    const withCall: ChatMessage = { role: 'assistant', content: 'ok', tool_calls: [{ id: 'a', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/a.ts"}' } }] };
    const withReasoning: ChatMessage = { role: 'assistant', content: 'ok', reasoning_content: 'let me think about it '.repeat(20) };
    expect(est.message(withCall)).toBeGreaterThan(est.message(plain));
    expect(est.message(withReasoning)).toBeGreaterThan(est.message(plain) + 50);
  });

  it('applies the calibration scale to every answer', () => {
    let scale = 1;
    const e = createEstimator('llama', { scale: () => scale });
    const before = e.request(msgs, makeTools(4));
    scale = 2;
    expect(e.request(msgs, makeTools(4))).toBeGreaterThanOrEqual(2 * before - 1);
  });
});

describe('Calibrator', () => {
  it('moves toward the server-reported ratio and stays there', () => {
    const c = new Calibrator();
    expect(c.scale()).toBe(1);
    for (let i = 0; i < 30; i++) c.observe(1000, 1300);
    expect(c.scale()).toBeCloseTo(1.3, 2);
  });

  it('smooths a single outlier', () => {
    const c = new Calibrator();
    for (let i = 0; i < 10; i++) c.observe(1000, 1100);
    c.observe(1000, 2000);
    expect(c.scale()).toBeLessThan(1.5);
    expect(c.scale()).toBeGreaterThan(1.1);
  });

  it('stays within its bounds and ignores unusable observations', () => {
    const c = new Calibrator({ min: 0.5, max: 2 });
    c.observe(100, 100_000);
    expect(c.scale()).toBe(2);
    expect(c.observe(0, 500)).toBe(false);
    expect(c.observe(1000, 10)).toBe(false);
    expect(c.observe(Number.NaN, 500)).toBe(false);
    expect(c.observations()).toBe(1);
  });

  it('corrects an estimator that undercounts', () => {
    const c = new Calibrator();
    const e = createEstimator('generic', { scale: () => c.scale() });
    const msgs: ChatMessage[] = [{ role: 'user', content: makeText('code', 5000, 9) }];
    const raw = e.request(msgs, []);
    const actual = Math.round(raw * 1.4);
    c.observeScaled(e.request(msgs, []), actual);
    expect(Math.abs(e.request(msgs, []) - actual)).toBeLessThanOrEqual(2);
  });
});
