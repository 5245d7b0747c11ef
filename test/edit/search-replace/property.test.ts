/**
 * Property tests of the search/replace engine (fast-check): unique exact edits equal the plain
 * replacement, replaceAll equals split/join, shifted blocks land on the right lines, and arbitrary
 * input never throws and never returns text with a refusal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySearchReplace, applyUnifiedDiff, checkWholeFileRewrite } from '../../../server/edit/search-replace/api.js';

/** Characters without placeholder / fence / prefix look-alikes, so no refusal rule applies. */
const safeChar = fc.constantFrom(...'abcdefxyz0123 ;(){}=+\t\n'.split(''));
const safeText = (min: number, max: number) => fc.string({ unit: safeChar, minLength: min, maxLength: max });

/**
 * Decision (2026-11-25): a one-line hit inside a line's indentation whose replacement continues with
 * less-indented lines is re-indented (README); such edits are not plain replacements by design.
 */
function reindentCase(text: string, at: number, search: string, replace: string): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const prefix = text.slice(lineStart, at);
  return prefix !== '' && prefix.trim() === '' && replace.replace(/\n$/, '').includes('\n');
}

describe('search/replace properties', () => {
  it('a unique exact search gives exactly the plain replacement', () => {
    fc.assert(
      fc.property(safeText(1, 400), fc.nat(), fc.integer({ min: 1, max: 40 }), safeText(0, 60), (text, a, len, replace) => {
        const start = a % text.length;
        const search = text.slice(start, start + len);
        fc.pre(search.trim() !== '' && search !== replace && text.indexOf(search) === text.lastIndexOf(search));
        fc.pre(!reindentCase(text, start, search, replace));
        const r = applySearchReplace(text, search, replace);
        expect(r).toEqual({ ok: true, text: text.slice(0, start) + replace + text.slice(start + search.length), strategy: 'exact' });
      }),
      { numRuns: 400 },
    );
  });

  it('replaceAll equals split/join for a search that occurs', () => {
    fc.assert(
      fc.property(safeText(1, 300), fc.nat(), fc.integer({ min: 1, max: 6 }), safeText(0, 20), (text, a, len, replace) => {
        const start = a % text.length;
        const search = text.slice(start, start + len);
        fc.pre(search.trim() !== '' && search !== replace);
        const r = applySearchReplace(text, search, replace, { replaceAll: true });
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.text).toBe(text.split(search).join(replace));
      }),
      { numRuns: 400 },
    );
  });

  it('a uniquely shifted block lands on its own lines and keeps the file indentation', () => {
    const word = fc.stringMatching(/^[a-z]{3,8}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 4, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        (words, depths, a, len, shift) => {
          const lines = words.map((w, i) => `${'  '.repeat(depths[i] ?? 0)}${w}();`);
          const text = lines.join('\n') + '\n';
          const start = a % lines.length;
          const block = lines.slice(start, start + len);
          const search = block.map((l) => ' '.repeat(shift) + l).join('\n');
          const edited = block.map((l, i) => (i === 0 ? `${l.slice(0, -3)}Changed();` : l));
          const replace = edited.map((l) => ' '.repeat(shift) + l).join('\n');
          const expected = [...lines.slice(0, start), ...edited, ...lines.slice(start + block.length)].join('\n') + '\n';
          const r = applySearchReplace(text, search, replace);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.text).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  const interestingLine = fc.constantFrom(
    '',
    '  return x;',
    '\treturn x',
    '}',
    '  12│ const a = 1;',
    '13: foo()',
    'L14: bar',
    '// ... existing code ...',
    '# ...',
    '...',
    '…',
    '/* ... */',
    '<!-- unchanged -->',
    '```ts',
    '```',
    '<think>hmm</think>',
    '@@ -1,3 +1,4 @@',
    '--- a/x.ts',
    '+++ b/x.ts',
    '+added',
    '-removed',
    ' context',
    '\\ No newline at end of file',
    '$& $$ $1',
    'def f():',
    '    pass',
    'x\\ny',
    '🚀 𝒳',
  );
  const messy = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.array(interestingLine, { maxLength: 25 }).map((ls) => ls.join('\n')),
    fc.array(interestingLine, { maxLength: 25 }).map((ls) => ls.join('\r\n')),
  );
  const options = fc.record(
    {
      replaceAll: fc.boolean(),
      fileExists: fc.boolean(),
      allowShrink: fc.boolean(),
      path: fc.constantFrom('a.ts', 'b.py', 'c.md', 'd.go', 'e.json', 'f.css', 'g.rs', 'h.js'),
    },
    { requiredKeys: [] },
  );

  it('arbitrary input never throws, and a refusal never carries text', () => {
    fc.assert(
      fc.property(messy, messy, messy, options, (text, search, replace, o) => {
        for (const r of [applySearchReplace(text, search, replace, o), applyUnifiedDiff(text, search, o)]) {
          if (r.ok) {
            expect(typeof r.text).toBe('string');
            expect(typeof r.strategy).toBe('string');
          } else {
            expect(r).not.toHaveProperty('text');
            expect(r.error.length).toBeGreaterThan(10);
            expect(['no_match', 'ambiguous', 'refused', 'exists', 'invalid']).toContain(r.code);
          }
        }
        const w = checkWholeFileRewrite(text, replace, o);
        expect(w.ok || (!w.ok && w.error.length > 10)).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('arbitrary text with a search cut from it never throws and a success changes the text', () => {
    fc.assert(
      fc.property(messy, fc.nat(), fc.nat(), messy, options, (text, a, b, replace, o) => {
        const i = text.length === 0 ? 0 : a % text.length;
        const search = text.slice(i, i + (b % 120));
        const r = applySearchReplace(text, search, replace, o);
        if (!r.ok) expect(r).not.toHaveProperty('text');
        else if (search !== '') expect(r.text).not.toBe(text);
      }),
      { numRuns: 600 },
    );
  });

  it('overlapping occurrences count as ambiguous', () => {
    expect(applySearchReplace('111', '11', 'a')).toMatchObject({ ok: false, code: 'ambiguous' });
    expect(applySearchReplace('111', '11', 'a', { replaceAll: true })).toEqual({ ok: true, text: 'a1', strategy: 'exact', matches: 1 });
  });
});
