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

  it('a search corrupted the way models corrupt it still lands on exactly its own lines', () => {
    const word = fc.stringMatching(/^[a-z]{3,8}$/);
    const corruption = fc.record({
      shift: fc.integer({ min: -2, max: 6 }),
      trailing: fc.boolean(),
      prefixes: fc.boolean(),
      crlf: fc.boolean(),
      fence: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 4, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 40, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 2, max: 5 }),
        corruption,
        (words, depths, a, len, k) => {
          const lines = words.map((w, i) => `${'  '.repeat(depths[i] ?? 1)}${w}(${i});`);
          const text = lines.join('\n') + '\n';
          const start = a % lines.length;
          const block = lines.slice(start, start + len);
          const edited = block.map((l, i) => (i === block.length - 1 ? l.replace(');', ', true);') : l));
          const shiftLine = (l: string): string => (k.shift >= 0 ? ' '.repeat(k.shift) + l : l.slice(-k.shift));
          const dress = (ls: string[], isSearch: boolean): string => {
            let out = ls.map(shiftLine);
            if (isSearch && k.trailing) out = out.map((l, i) => (i % 2 === 0 ? `${l}  ` : l));
            if (k.prefixes) out = out.map((l, i) => `${String(start + i + 1).padStart(4)}│ ${l}`);
            if (k.fence) out = ['```ts', ...out, '```'];
            return out.join(k.crlf ? '\r\n' : '\n');
          };
          const expected = [...lines.slice(0, start), ...edited, ...lines.slice(start + block.length)].join('\n') + '\n';
          const r = applySearchReplace(text, dress(block, true), dress(edited, false), { path: 'src/x.ts' });
          expect(r.ok ? r.text : r.error).toBe(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a block that occurs twice is never applied to the wrong copy, however the search is dressed', () => {
    const word = fc.stringMatching(/^[a-z]{3,8}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 8, maxLength: 40 }),
        fc.integer({ min: 2, max: 5 }),
        fc.nat(),
        fc.nat(),
        fc.record({ shift: fc.integer({ min: 0, max: 4 }), typo: fc.boolean(), prefixes: fc.boolean(), fence: fc.boolean(), secondDepth: fc.integer({ min: 1, max: 3 }) }),
        (words, len, a, b, k) => {
          const block = words.slice(0, len).map((w, i) => `${w}(${i});`);
          const rest = words.slice(len).map((w) => `  other_${w}();`);
          const first = a % (rest.length + 1);
          const second = b % (rest.length + 1);
          const indentBlock = (d: number): string[] => block.map((l) => '  '.repeat(d) + l);
          const lines = [...rest];
          lines.splice(Math.max(first, second), 0, ...indentBlock(k.secondDepth));
          lines.splice(Math.min(first, second), 0, ...indentBlock(1));
          const text = lines.join('\n') + '\n';
          let search = block.map((l, i) => ' '.repeat(k.shift) + (k.typo && i === 1 ? l.replace('(', ' (') + ' ' : l));
          let replace = block.map((l, i) => ' '.repeat(k.shift) + (i === 0 ? l.replace(');', ', 1);') : l));
          if (k.prefixes) {
            search = search.map((l, i) => `${i + 1}: ${l}`);
            replace = replace.map((l, i) => `${i + 1}: ${l}`);
          }
          if (k.fence) {
            search = ['```', ...search, '```'];
            replace = ['```', ...replace, '```'];
          }
          const r = applySearchReplace(text, search.join('\n'), replace.join('\n'), { path: 'src/x.ts' });
          // Only a search whose text is exactly one copy (same indentation, no typo) may land: there.
          const depths = [1, k.secondDepth].filter((d) => d * 2 === k.shift);
          if (!k.typo && depths.length === 1) {
            const target = '  '.repeat(depths[0] ?? 0) + (block[0] ?? '');
            const at = lines.indexOf(target);
            const expected = lines.map((l, i) => (i === at ? l.replace(');', ', 1);') : l)).join('\n') + '\n';
            expect(r.ok ? r.text : r.error).toBe(expected);
          } else {
            expect(r.ok, r.ok ? r.text : '').toBe(false);
          }
        },
      ),
      { numRuns: 400 },
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
