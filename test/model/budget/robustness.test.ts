/**
 * The budget's text readers never throw and stay linear: reasoning stripping, category parsing and
 * overflow-message parsing on random input and on 1 MB adversarial input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseContextOverflow } from '../../../server/model/budget/overflow.js';
import { stripReasoning } from '../../../server/model/budget/thinking-history.js';
import { parseCategoryChoice, routeTools } from '../../../server/model/budget/tool-routing.js';
import { truncateToolResult } from '../../../server/model/budget/truncate-tool-result.js';

const MB = 1_000_000;
const adversarial = [
  '<think>'.repeat(MB / 7),
  '</think>'.repeat(MB / 8),
  '<think>a</think>'.repeat(MB / 16),
  'context size '.repeat(MB / 13),
  'maximum context length is 9'.repeat(MB / 27),
  '"n_ctx": '.repeat(MB / 9),
  'read search '.repeat(MB / 12),
  '\n'.repeat(MB),
];

describe('robustness of the budget text readers', () => {
  it('never throw on random text', () => {
    const routed = routeTools([
      { definition: { name: 'read_file', parameters: {} }, category: 'read' },
      { definition: { name: 'bash', parameters: {} }, category: 'run' },
    ], 4096);
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'grapheme' }), (s) => {
        expect(typeof stripReasoning(s)).toBe('string');
        expect(typeof parseCategoryChoice(s, routed).ok).toBe('boolean');
        expect(typeof parseContextOverflow(s)).toBe('object');
        expect(truncateToolResult(s, { maxChars: 300 }).text.length).toBeLessThanOrEqual(300);
      }),
      { numRuns: 1000 },
    );
  });

  it.each(adversarial.map((s, i) => [i, s] as const))('finish on 1 MB adversarial input #%i', (_i, s) => {
    // Completing at all is the check: catastrophic backtracking would hang the test until its timeout.
    expect(typeof stripReasoning(s)).toBe('string');
    expect(typeof parseContextOverflow(s)).toBe('object');
    expect(parseCategoryChoice(s).ok === true || parseCategoryChoice(s).ok === false).toBe(true);
    expect(truncateToolResult(s, { maxChars: 4000 }).text.length).toBeLessThanOrEqual(4000);
  });
});
