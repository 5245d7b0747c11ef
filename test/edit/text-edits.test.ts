/** TextEdits: minimal, UTF-16-correct, and applying them reproduces the new text exactly (checked against vscode's TextDocument). */
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../server/edit/line-diff.js';
import { applyTextEdits, computeTextEdits, splitLinesKeepEnds } from '../../server/edit/text-edits.js';

function oracle(oldText: string, newText: string): void {
  const edits = computeTextEdits(oldText, newText);
  expect(applyTextEdits(oldText, edits)).toBe(newText);
  const doc = TextDocument.create('file:///x.ts', 'typescript', 1, oldText);
  expect(TextDocument.applyEdits(doc, edits)).toBe(newText);
}

const pieces = ['a', 'b', 'foo', ' ', '\t', '😀', '𝒳', 'é', '\n', '\r\n', '\r', '{', '}', '\uD83D\uDE00x'];
const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
const lineArb = fc.constantFrom('const a = 1;', 'return x;', '', '  if (y) {', '  }', '// 😀 emoji', 'z𝒳z', 'é');
const fileArb = (eol: string) => fc.array(lineArb, { maxLength: 30 }).chain((lines) => fc.boolean().map((fin) => lines.join(eol) + (fin && lines.length > 0 ? eol : '')));

describe('computeTextEdits', () => {
  it('returns no edits for identical text', () => {
    expect(computeTextEdits('a\nb\n', 'a\nb\n')).toEqual([]);
  });

  it('changes only the differing characters of one line', () => {
    const edits = computeTextEdits('let a = 1;\nlet b = 2;\n', 'let a = 1;\nlet b = 3;\n');
    expect(edits).toEqual([{ range: { start: { line: 1, character: 8 }, end: { line: 1, character: 9 } }, newText: '3' }]);
  });

  it('measures characters in UTF-16 code units after an emoji', () => {
    const edits = computeTextEdits('x😀y\n', 'x😀z\n');
    expect(edits).toEqual([{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, newText: 'z' }]);
  });

  it('never splits a surrogate pair when two emoji share a high surrogate', () => {
    // 😀 = D83D DE00, 😁 = D83D DE01: a naive prefix trim would cut between the halves.
    const edits = computeTextEdits('😀', '😁');
    expect(edits).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: '😁' }]);
  });

  it('never splits a CRLF pair', () => {
    const edits = computeTextEdits('a\r\nb', 'a\nb');
    for (const e of edits) {
      expect(e.range.start.character === 0 || e.range.start.line === 0).toBe(true);
    }
    oracle('a\r\nb', 'a\nb');
    oracle('a\rb', 'a\r\nb');
  });

  it('uses one hunk per changed region in a CRLF file', () => {
    const old = ['l0', 'l1', 'l2', 'l3', 'l4', 'l5'].join('\r\n') + '\r\n';
    const neu = ['l0', 'L1', 'l2', 'l3', 'l4', 'L5', 'new'].join('\r\n') + '\r\n';
    const edits = computeTextEdits(old, neu);
    expect(edits).toHaveLength(2);
    expect(edits[0]!.range.start).toEqual({ line: 1, character: 0 });
    oracle(old, neu);
  });

  it('handles insertion at the end of a file without a final newline', () => {
    oracle('a', 'a\nb');
    oracle('a\n', 'a');
    oracle('', 'x\n');
    oracle('x\n', '');
  });

  it('property: applying the edits gives exactly the new text (random characters incl. astral and CR/LF)', () => {
    fc.assert(fc.property(textArb, textArb, (a, b) => oracle(a, b)), { numRuns: 2000 });
  });

  it('property: applying the edits gives exactly the new text (line-shaped files, LF and CRLF)', () => {
    fc.assert(
      fc.property(fc.constantFrom('\n', '\r\n').chain((eol) => fc.tuple(fileArb(eol), fileArb(eol))), ([a, b]) => oracle(a, b)),
      { numRuns: 500 },
    );
  });

  it('property: small edits of a file produce edits that touch only changed lines', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 5, maxLength: 50 }), fc.nat(), fc.string({ maxLength: 8 }), (lines, at, ins) => {
        const old = lines.join('\n') + '\n';
        const idx = at % lines.length;
        const changed: string[] = [...lines];
        changed[idx] = `${changed[idx]}${ins.replace(/[\r\n]/g, '')}!`;
        const neu = changed.join('\n') + '\n';
        const edits = computeTextEdits(old, neu);
        expect(edits).toHaveLength(1);
        expect(edits[0]!.range.start.line).toBe(idx);
        expect(edits[0]!.range.end.line).toBe(idx);
        oracle(old, neu);
      }),
      { numRuns: 300 },
    );
  });
});

describe('diffLines', () => {
  it('finds a minimal script: a deletion and an insertion far apart are two hunks', () => {
    const a = ['1', '2', '3', '4', '5', '6'];
    const b = ['1', '3', '4', '5', '5b', '6'];
    expect(diffLines(a, b)).toEqual([
      { oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 1 },
      { oldStart: 5, oldEnd: 5, newStart: 4, newEnd: 5 },
    ]);
  });

  it('splits at unique anchors when the edit distance exceeds the bound, and stays correct', () => {
    const a = Array.from({ length: 400 }, (_, i) => `line ${i}\n`);
    const b = a.map((l, i) => (i % 3 === 0 ? `changed ${i}\n` : l));
    const hunks = diffLines(a, b, { maxEditDistance: 10 });
    expect(hunks.length).toBeGreaterThan(10);
    const edits = computeTextEdits(a.join(''), b.join(''), { maxEditDistance: 10 });
    expect(applyTextEdits(a.join(''), edits)).toBe(b.join(''));
  });

  it('keeps big inputs (over 1000 lines) minimal: 30 scattered one-line changes in 3000 lines give 30 edits', () => {
    const base = Array.from({ length: 3000 }, (_, i) => `  value${i} = f(${i});\r\n`);
    const changed = base.map((l, i) => (i % 100 === 7 ? `  value${i} = g(${i}); // 😀\r\n` : l));
    const edits = computeTextEdits(base.join(''), changed.join(''));
    expect(edits).toHaveLength(30);
    expect(edits.every((e) => e.range.start.line === e.range.end.line)).toBe(true);
    oracle(base.join(''), changed.join(''));
  });

  it('replaces a wholly different big region with one hunk', () => {
    const a = Array.from({ length: 800 }, (_, i) => `a${i}\n`);
    const b = Array.from({ length: 800 }, (_, i) => `b${i}\n`);
    expect(diffLines(a, b)).toEqual([{ oldStart: 0, oldEnd: 800, newStart: 0, newEnd: 800 }]);
  });

  it('falls back to one replacement hunk when nothing is shared and the bound is hit', () => {
    const a = Array.from({ length: 50 }, () => 'x\n');
    const b = Array.from({ length: 50 }, () => 'y\n');
    expect(diffLines(a, b, { maxEditDistance: 5 })).toEqual([{ oldStart: 0, oldEnd: 50, newStart: 0, newEnd: 50 }]);
  });
});

describe('applyTextEdits', () => {
  it('refuses overlapping edits', () => {
    const r = (l: number, c: number, l2: number, c2: number) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });
    expect(() => applyTextEdits('abcdef', [{ range: r(0, 0, 0, 3), newText: 'x' }, { range: r(0, 2, 0, 4), newText: 'y' }])).toThrow(/overlap/);
  });

  it('clamps a character past the end of a line to the line end (LSP semantics)', () => {
    expect(applyTextEdits('ab\ncd', [{ range: { start: { line: 0, character: 99 }, end: { line: 0, character: 99 } }, newText: '!' }])).toBe('ab!\ncd');
  });

  it('splits lines as LSP does: \\r\\n, \\n and lone \\r', () => {
    expect(splitLinesKeepEnds('a\r\nb\rc\nd')).toEqual(['a\r\n', 'b\r', 'c\n', 'd']);
  });
});
