/** Head + tail truncation of tool results with a marker that says how to read the rest. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncateToolResult } from '../../../server/model/budget/truncate-tool-result.js';

const numbered = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}: const value${i} = compute(${i});`).join('\n');

describe('truncateToolResult', () => {
  it('returns a result under the limit unchanged', () => {
    const r = truncateToolResult('short', { maxChars: 4000 });
    expect(r).toEqual({ text: 'short', truncated: false, cutChars: 0, cutLines: 0 });
  });

  it('keeps the head and the tail of a long file view on line boundaries', () => {
    const text = numbered(500);
    const r = truncateToolResult(text, { maxChars: 4000, toolName: 'read_file' });
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(4000);
    expect(r.text.startsWith('line 1: ')).toBe(true);
    expect(r.text.endsWith('line 500: const value499 = compute(499);')).toBe(true);
    expect(r.cutChars + (r.text.length - r.text.match(/\n\[\.\.\. [^\n]*\]\n/)![0].length)).toBeGreaterThanOrEqual(text.length - 1);
  });

  it('says which lines were cut and how to read them with read_file', () => {
    const text = numbered(300);
    const r = truncateToolResult(text, { maxChars: 2000, toolName: 'read_file' });
    const m = /\[\.\.\. (\d+) lines \(lines (\d+)-(\d+)\), (\d+) chars cut; read them with read_file using start_line=(\d+) and end_line=(\d+) \.\.\.\]/.exec(r.text);
    expect(m).not.toBeNull();
    const [, count, from, to, , start, end] = m!.map(Number);
    expect(start).toBe(from);
    expect(end).toBe(to);
    expect(to! - from! + 1).toBe(count);
    // The line just before the marker is line from-1, the one after is line to+1.
    const before = r.text.slice(0, r.text.indexOf('\n[...')).split('\n').pop()!;
    const after = r.text.slice(r.text.indexOf('...]\n') + 5).split('\n')[0]!;
    expect(before.startsWith(`line ${from! - 1}:`)).toBe(true);
    expect(after.startsWith(`line ${to! + 1}:`)).toBe(true);
  });

  it('numbers the cut lines from firstLine for a ranged read', () => {
    const r = truncateToolResult(numbered(300), { maxChars: 2000, toolName: 'read_file', firstLine: 1001 });
    expect(r.text).toMatch(/start_line=10\d\d/);
  });

  it('tells the model to narrow a search or filter a command instead', () => {
    expect(truncateToolResult(numbered(300), { maxChars: 1000, toolName: 'grep' }).text).toMatch(/narrow the search/);
    expect(truncateToolResult(numbered(300), { maxChars: 1000, toolName: 'bash' }).text).toMatch(/grep, \| head/);
  });

  it('never exceeds maxChars and keeps a real head and tail (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6000 }), fc.integer({ min: 0, max: 5000 }), fc.constantFrom('read_file', 'grep', 'bash', undefined), (text, maxChars, toolName) => {
        const r = truncateToolResult(text, { maxChars, toolName });
        expect(r.text.length).toBeLessThanOrEqual(Math.max(maxChars, 0));
        if (!r.truncated) expect(r.text).toBe(text);
        else if (r.text.includes('\n[... ')) {
          const head = r.text.slice(0, r.text.indexOf('\n[... '));
          const tail = r.text.slice(r.text.indexOf(' ...]\n') + 6);
          expect(text.startsWith(head)).toBe(true);
          expect(text.endsWith(tail)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
