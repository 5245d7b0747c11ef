/**
 * Property tests: however a server splits tool-call arguments and content into deltas, the assembler
 * rebuilds them exactly; however inline <think> text is split, the live splitter's two streams
 * equal the whole-text split. Random input never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamAssembler, type ChunkLike } from '../../../server/model/provider/stream-assembler.js';
import { splitReasoning, ThinkStreamSplitter } from '../../../server/model/thinking.js';

/** Cut `text` at the given (sorted, deduplicated) positions. */
function cut(text: string, points: number[]): string[] {
  const ps = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of ps) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

describe('stream properties', () => {
  it('reassembles any fragmentation of several tool calls and content', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom('read_file', 'bash', 'edit_file'), args: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer())) }), { minLength: 1, maxLength: 3 }),
        fc.string(),
        fc.array(fc.nat(200), { maxLength: 8 }),
        (calls, content, points) => {
          const a = new StreamAssembler();
          for (const piece of cut(content, points)) a.push({ choices: [{ delta: { content: piece } }] });
          calls.forEach((c, index) => {
            a.push({ choices: [{ delta: { tool_calls: [{ index, id: `id${index}`, function: { name: c.name, arguments: '' } }] } }] });
            for (const frag of cut(JSON.stringify(c.args), points)) a.push({ choices: [{ delta: { tool_calls: [{ index, function: { arguments: frag } }] } }] } as ChunkLike);
          });
          a.push({ choices: [{ delta: {}, finish_reason: 'tool_calls' }] });
          const r = a.result();
          expect(r.content).toBe(content);
          expect(r.toolCalls.map((t) => ({ name: t.function.name, args: JSON.parse(t.function.arguments) as unknown }))).toEqual(calls.map((c) => ({ name: c.name, args: c.args })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splits streamed <think> text exactly, for any fragmentation', () => {
    const part = fc.stringMatching(/^[a-z <>/]{0,12}$/).filter((t) => !t.includes('think'));
    fc.assert(
      fc.property(part, part, part, fc.array(fc.nat(100), { maxLength: 10 }), (before, inner, after, points) => {
        const text = `${before}<think>${inner}</think>${after}`;
        const sp = new ThinkStreamSplitter();
        const pieces = [...cut(text, points).flatMap((f) => sp.push(f)), ...sp.flush()];
        expect(pieces.map((p) => p.content ?? '').join('')).toBe(before + after);
        expect(pieces.map((p) => p.reasoning ?? '').join('')).toBe(inner);
        expect(splitReasoning(text).reasoning).toBe(inner.trim());
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary chunk shapes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(
        fc.anything(),
        fc.record({ choices: fc.oneof(fc.anything(), fc.array(fc.oneof(fc.anything(), fc.record({ delta: fc.oneof(fc.anything(), fc.record({ tool_calls: fc.anything(), content: fc.anything() })), finish_reason: fc.anything() })))) }),
      ), { maxLength: 20 }), (junk) => {
        const a = new StreamAssembler();
        for (const j of junk) {
          const chunk = (j && typeof j === 'object' ? j : { choices: [{ delta: { content: String(j) } }] }) as ChunkLike;
          try {
            a.push(chunk);
          } catch (err) {
            // Only shape errors from truly malformed objects are acceptable; record and fail.
            throw new Error(`push threw on ${JSON.stringify(j)}: ${String(err)}`);
          }
        }
        a.result();
      }),
      { numRuns: 300 },
    );
  });
});
