import { describe, expect, it } from 'vitest';
import { applyContentChanges, diffEdit, offsetAt } from '../../../server/graph/indexer/text-edits.js';

const range = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

describe('LSP content changes to tree-sitter edits', () => {
  it('finds UTF-16 offsets after non-ASCII and astral characters, clamping past line ends', () => {
    const text = 'é😀x\r\nsecond\n';
    expect(offsetAt(text, 0, 3)).toBe(3); // é is 1 unit, 😀 is 2
    expect(offsetAt(text, 0, 99)).toBe(4); // clamps before \r\n
    expect(offsetAt(text, 1, 2)).toBe(8);
    expect(offsetAt(text, 9, 0)).toBe(text.length);
  });

  it('applies ranged changes in order and describes each as an edit in UTF-16 units', () => {
    const text = 'const 日本 = 1;\nfoo();\n';
    const r = applyContentChanges(text, [
      { range: range(0, 6, 0, 8), text: 'name' },
      { range: range(1, 0, 1, 0), text: 'a\nbb' },
    ]);
    expect(r.text).toBe('const name = 1;\na\nbbfoo();\n');
    expect(r.edits).toEqual([
      { startIndex: 6, oldEndIndex: 8, newEndIndex: 10, startPosition: { row: 0, column: 6 }, oldEndPosition: { row: 0, column: 8 }, newEndPosition: { row: 0, column: 10 } },
      { startIndex: 16, oldEndIndex: 16, newEndIndex: 20, startPosition: { row: 1, column: 0 }, oldEndPosition: { row: 1, column: 0 }, newEndPosition: { row: 2, column: 2 } },
    ]);
  });

  it('gives no edits when a change replaces the whole document', () => {
    const r = applyContentChanges('a', [{ range: range(0, 0, 0, 1), text: 'b' }, { text: 'whole' }]);
    expect(r).toEqual({ text: 'whole', edits: null });
  });

  it('derives one edit from the common prefix and suffix', () => {
    expect(diffEdit('same', 'same')).toBeNull();
    expect(diffEdit('ab\ncd\nef', 'ab\nXYZ\nW\nef')).toEqual({
      startIndex: 3,
      oldEndIndex: 5,
      newEndIndex: 8,
      startPosition: { row: 1, column: 0 },
      oldEndPosition: { row: 1, column: 2 },
      newEndPosition: { row: 2, column: 1 },
    });
  });
});
