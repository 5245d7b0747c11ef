/**
 * Runs every table case of the search/replace engine through the one check() helper, and checks
 * the table itself: size, share of must-refuse cases and language coverage.
 */
import { describe, expect, it } from 'vitest';
import { check, isRefusal, type Case } from './cases/check.js';
import { EXACT_CASES } from './cases/exact.js';
import { WHITESPACE_CASES } from './cases/whitespace.js';
import { INDENTATION_CASES } from './cases/indentation.js';
import { ELISION_CASES } from './cases/elision.js';
import { PREFIX_CASES } from './cases/prefixes.js';
import { FUZZY_CASES } from './cases/fuzzy.js';
import { DIFF_CASES } from './cases/diffs.js';
import { REFUSAL_CASES } from './cases/refusals.js';
import { REALISTIC_CASES } from './cases/realistic.js';
import { MORE_LANGUAGE_CASES } from './cases/more-languages.js';

const TABLES: Record<string, Case[]> = {
  exact: EXACT_CASES,
  whitespace: WHITESPACE_CASES,
  indentation: INDENTATION_CASES,
  elision: ELISION_CASES,
  prefixes: PREFIX_CASES,
  fuzzy: FUZZY_CASES,
  diffs: DIFF_CASES,
  refusals: REFUSAL_CASES,
  realistic: REALISTIC_CASES,
  'more languages': MORE_LANGUAGE_CASES,
};

for (const [table, cases] of Object.entries(TABLES)) {
  describe(`search/replace table: ${table}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
  });
}

describe('the case table', () => {
  const all = Object.values(TABLES).flat();
  it('has at least 200 cases, a fifth of them must-refuse', () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(all.filter(isRefusal).length * 5).toBeGreaterThanOrEqual(all.length);
  });

  it('covers TS, JS, Python, Go, Rust, JSON, Markdown and CSS with refusals in each', () => {
    for (const lang of ['ts', 'js', 'py', 'go', 'rust', 'json', 'md', 'css'] as const) {
      expect(all.filter((c) => c.lang === lang).length, lang).toBeGreaterThanOrEqual(10);
      expect(all.filter((c) => c.lang === lang && isRefusal(c)).length, lang).toBeGreaterThanOrEqual(3);
    }
  });

  it('has unique case names', () => {
    const names = all.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
