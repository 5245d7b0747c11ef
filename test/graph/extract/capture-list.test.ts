import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fastCaptures, publicCaptures } from '../../../server/graph/extract/capture-list.js';
import { extractFromTree } from '../../../server/graph/extract/extract-symbols.js';
import { parseSource } from '../../../server/graph/extract/parse.js';
import Parser from 'tree-sitter';
import { grammarFor, languageForPath, LANGUAGES } from '../../../server/graph/extract/languages.js';
import { queriesFor, queryForms, querySource } from '../../../server/graph/extract/query-loader.js';
import type { Language } from '../../../server/graph/types.js';
import { fixturePath, sourceFixtures, trickyInput, TRICKY_INPUTS } from './check-extraction.js';

const unsplit = new Map<Language, Parser.Query>();
/** The language's whole query as one, run the plain way: the reference behaviour. */
function wholeQuery(language: Language): Parser.Query {
  let q = unsplit.get(language);
  if (!q) unsplit.set(language, (q = new Parser.Query(grammarFor(language) as Parser.Language, querySource(language))));
  return q;
}

/**
 * Extraction through the fast capture list over the split (deep + root-anchored) queries, and
 * through the public `Query#matches` over the whole query, side by side.
 */
function bothWays(language: Language, text: string, rows?: { startRow: number; endRow: number }) {
  const tree = parseSource(language, text);
  const queries = queriesFor(language);
  const region = rows ? { ...rows, knownExports: [] } : undefined;
  return {
    fast: extractFromTree(tree, text, language, queries, region),
    reference: extractFromTree(tree, text, language, { deep: wholeQuery(language), top: null }, region, publicCaptures),
    usedFastPath: fastCaptures(queries.deep, tree, text, rows) !== null,
  };
}

const fixtures = sourceFixtures();

describe('fast capture list', () => {
  it.each(fixtures)('extracts %s exactly as the public Query#matches path does', (rel) => {
    const { fast, reference, usedFastPath } = bothWays(languageForPath(rel)!, readFileSync(fixturePath(rel), 'utf8'));
    expect(usedFastPath).toBe(true);
    expect(reference.symbols.length + reference.references.length).toBeGreaterThan(0);
    expect(fast).toEqual(reference);
  });

  it.each(TRICKY_INPUTS)('extracts %s exactly as the public path does', (_label, language, text) => {
    const { fast, reference, usedFastPath } = bothWays(language, text);
    expect(usedFastPath).toBe(true);
    expect(reference.symbols.length + reference.references.length).toBeGreaterThan(0);
    expect(fast).toEqual(reference);
  });

  it('reads names with non-ASCII characters whole (not cut at the first non-ASCII letter)', () => {
    const { fast } = bothWays('typescript', trickyInput('unicode identifiers'));
    expect(fast.symbols.map((s) => s.name)).toContain('größe');
    expect(fast.references.map((r) => r.name)).toEqual(expect.arrayContaining(['Tÿpe', 'straße', 'Crème']));
  });

  it('applies #match? predicates: lowercase JSX elements are not component calls', () => {
    const { fast } = bothWays('tsx', trickyInput('JSX predicates'));
    const calls = fast.references.filter((r) => r.kind === 'call').map((r) => r.name);
    expect(calls).toContain('Button');
    expect(calls).not.toContain('div');
    expect(calls).not.toContain('span');
  });

  it('restricted to rows, matches the public path over the same rows', () => {
    const rel = fixtures.find((p) => p.endsWith('.ts') && !p.includes('broken'))!;
    const text = readFileSync(fixturePath(rel), 'utf8');
    const rows = { startRow: 3, endRow: Math.max(4, Math.floor(text.split('\n').length / 2)) };
    const { fast, reference } = bothWays('typescript', text, rows);
    expect(reference.symbols.length + reference.references.length).toBeGreaterThan(0);
    expect(fast).toEqual(reference);
  });
});

describe('query split into deep and root-anchored patterns', () => {
  it('reads top-level forms through comments, strings with parentheses, alternations, predicates and trailing captures', () => {
    const src = [
      '; a comment with (parens) and "quotes"',
      '(call_expression function: (identifier) @reference.call)',
      '((identifier) @x (#match? @x "^[(;]"))',
      '[(a) (b)] @alt',
      '(program (lexical_declaration "const" (variable_declarator name: (identifier) @name) @definition.constant))',
      '(x)* @many',
    ].join('\n');
    expect(queryForms(src)).toEqual([
      '(call_expression function: (identifier) @reference.call)',
      '((identifier) @x (#match? @x "^[(;]"))',
      '[(a) (b)] @alt',
      '(program (lexical_declaration "const" (variable_declarator name: (identifier) @name) @definition.constant))',
      '(x)* @many',
    ]);
  });

  it.each(LANGUAGES)('%s: every pattern lands in exactly one part, and only root-anchored ones in the top part', (language) => {
    const forms = queryForms(querySource(language));
    const { deep, top } = queriesFor(language);
    const count = (q: Parser.Query | null): number => (q ? (q as unknown as { predicates: unknown[] }).predicates.length : 0);
    expect(count(deep) + count(top)).toBe(forms.length);
    expect(forms.length).toBeGreaterThan(10);
    if (language === 'typescript' || language === 'javascript' || language === 'go') expect(count(top)).toBeGreaterThan(0);
  });
});
