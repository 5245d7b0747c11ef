/**
 * Golden tests of the model-facing refusal messages: line numbers, the closest candidates with a
 * per-line diff, and the advice to copy exact text. Written out in full so wording changes are
 * deliberate.
 */
import { describe, expect, it } from 'vitest';
import { applySearchReplace } from '../../../server/edit/search-replace/api.js';

const FILE = `export function add(a: number, b: number): number {
  const sum = a + b;
  return sum;
}

export function sub(a: number, b: number): number {
  const diff = a - b;
  return diff;
}
`;

function refusal(search: string, replace: string): string {
  const r = applySearchReplace(FILE, search, replace, { path: 'src/math.ts' });
  if (r.ok) throw new Error(`expected a refusal, got ${r.strategy}`);
  return r.error;
}

describe('search/replace refusal messages', () => {
  it('an ambiguous exact search lists every line and suggests context or replace_all', () => {
    expect(refusal('  return', '  yield')).toBe(
      'The search text occurs in 2 places in src/math.ts (lines 3, 8), so the edit was not applied. ' +
        'Include more surrounding lines so the search matches exactly one place, or set replace_all: true to change every occurrence.',
    );
  });

  it('a distant search shows the two closest candidates with per-line differences', () => {
    const search = 'export function mul(a: number, b: number): number {\n  const prod = a * c;\n  return prod;\n}';
    expect(refusal(search, 'x')).toBe(
      [
        'No exact match for the search text in src/math.ts. The closest place is too different to apply safely (3 of 4 lines differ, 83% similar).',
        'Closest candidate: lines 6-9 (83% similar):',
        '  search line 1: export function mul(a: number, b: number): number {',
        '  file   line 6: export function sub(a: number, b: number): number {',
        '  search line 2:   const prod = a * c;',
        '  file   line 7:   const diff = a - b;',
        '  search line 3:   return prod;',
        '  file   line 8:   return diff;',
        'Next candidate: lines 1-4 (82% similar):',
        '  search line 1: export function mul(a: number, b: number): number {',
        '  file   line 1: export function add(a: number, b: number): number {',
        '  search line 2:   const prod = a * c;',
        '  file   line 2:   const sum = a + b;',
        '  search line 3:   return prod;',
        '  file   line 3:   return sum;',
        'Copy the exact lines from the file (without line-number prefixes) into the search and try again.',
      ].join('\n'),
    );
  });

  it('a near match whose edit rewrites the differing line says which line differs and how', () => {
    const search = 'export function add(a: number, b: number): number {\n  const sum = a * b;\n  return sum;\n}';
    const replace = 'export function add(a: number, b: number): number {\n  const sum = a * b * 2;\n  return sum;\n}';
    expect(refusal(search, replace)).toBe(
      [
        'No exact match for the search text in src/math.ts. The edit changes search line 2, which differs from file line 2 (`const sum = a * b;` vs `const sum = a + b;`). ' +
          "It was not applied, so the file's current text is not replaced by text it does not have.",
        'Closest candidate: lines 1-4 (99% similar):',
        '  search line 2:   const sum = a * b;',
        '  file   line 2:   const sum = a + b;',
        'Copy the exact lines from the file (without line-number prefixes) into the search and try again.',
      ].join('\n'),
    );
  });

  it('a search with no line in the file says so and suggests reading the file again', () => {
    expect(refusal('class Nope {}', 'class Yes {}')).toBe(
      'No match for the search text in src/math.ts: none of its lines occur in the file (first search line: class Nope {}). ' +
        'The file may have changed since you read it; read it again and copy the exact lines.',
    );
  });

  it('a successful non-exact edit reports what it did in notes', () => {
    const r = applySearchReplace(FILE, '1│   const diff = a - b;\n2│   return diff;', '1│   const diff = b - a;\n2│   return diff;');
    expect(r).toMatchObject({ ok: true, strategy: 'exact-lines', notes: ['stripped line-number prefixes copied from read_file output'] });
  });

  it('a search whose lines all occur, but never together, says so instead of "none occur"', () => {
    const file = Array.from({ length: 320 }, (_, i) => `function f${i}() {\n  return value;\n}\n`).join('');
    const r = applySearchReplace(file, '  return value;\n  return value;', '  return other;', { path: 'src/many.ts' });
    expect(r).toEqual({
      ok: false,
      code: 'no_match',
      error:
        'No match for the search text in src/many.ts: some of its lines occur in the file (e.g. return value;) but nowhere together in this order. ' +
        'Read the part of the file you want to change again and copy its lines exactly, including a few distinctive ones.',
    });
  });
});
