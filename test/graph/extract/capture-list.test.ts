import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fastCaptures, publicCaptures } from '../../../server/graph/extract/capture-list.js';
import { extractFromTree } from '../../../server/graph/extract/extract-symbols.js';
import { languageForPath } from '../../../server/graph/extract/languages.js';
import { parseSource } from '../../../server/graph/extract/parse.js';
import { queryFor } from '../../../server/graph/extract/query-loader.js';
import type { Language } from '../../../server/graph/types.js';
import { fixturePath } from './check-extraction.js';

/** Extraction through the fast capture list and through the public `Query#matches`, side by side. */
function bothWays(language: Language, text: string, rows?: { startRow: number; endRow: number }) {
  const tree = parseSource(language, text);
  const query = queryFor(language);
  const region = rows ? { ...rows, knownExports: [] } : undefined;
  return {
    fast: extractFromTree(tree, text, language, query, region),
    reference: extractFromTree(tree, text, language, query, region, publicCaptures),
    usedFastPath: fastCaptures(query, tree, text, rows) !== null,
  };
}

const fixtures = readdirSync(fixturePath('.'), { recursive: true, encoding: 'utf8' })
  .filter((p) => languageForPath(p) !== null)
  .sort();

/** Inputs where an identifier's end cannot be read off ASCII characters alone. */
const TRICKY: Array<[string, Language, string]> = [
  ['unicode identifiers', 'typescript', 'export function größe(ñ: Tÿpe): Tÿpe { return straße(ñ) }\nconst café = new Crème();\n'],
  ['escaped identifiers', 'javascript', 'function \\u0061bc() { return \\u0062cd(1) }\nabc();\n'],
  ['identifiers at end of file', 'typescript', 'type A = B'],
  ['raw identifiers', 'rust', 'pub fn r#match(x: r#Type) -> u8 { r#type(x) }\nstruct r#Struct;\n'],
  ['JSX predicates', 'tsx', 'export const App = () => <div><Button /><span>{label()}</span><Icon.Big /></div>;\n'],
  ['require predicate', 'javascript', "const fs = require('fs');\nconst x = notRequire('y');\n"],
  ['python dotted imports', 'python', 'import os.path\nfrom a.b import c as d\ndef f(x: List[int]) -> None:\n    return g(x)\n'],
  ['go packages', 'go', 'package main\nimport (\n  "fmt"\n  str "strings"\n)\nfunc Ünï() { fmt.Println(str.ToUpper("x")) }\n'],
  ['syntax errors', 'typescript', 'export class A extends B implements C {\n  m( { return n( }\n}\nfunction ok(): D { return e() }\n'],
];

describe('fast capture list', () => {
  it.each(fixtures)('extracts %s exactly as the public Query#matches path does', (rel) => {
    const { fast, reference, usedFastPath } = bothWays(languageForPath(rel)!, readFileSync(fixturePath(rel), 'utf8'));
    expect(usedFastPath).toBe(true);
    expect(reference.symbols.length + reference.references.length).toBeGreaterThan(0);
    expect(fast).toEqual(reference);
  });

  it.each(TRICKY)('extracts %s exactly as the public path does', (_label, language, text) => {
    const { fast, reference, usedFastPath } = bothWays(language, text);
    expect(usedFastPath).toBe(true);
    expect(reference.symbols.length + reference.references.length).toBeGreaterThan(0);
    expect(fast).toEqual(reference);
  });

  it('reads names with non-ASCII characters whole (not cut at the first non-ASCII letter)', () => {
    const { fast } = bothWays('typescript', TRICKY[0]![2]);
    expect(fast.symbols.map((s) => s.name)).toContain('größe');
    expect(fast.references.map((r) => r.name)).toEqual(expect.arrayContaining(['Tÿpe', 'straße', 'Crème']));
  });

  it('applies #match? predicates: lowercase JSX elements are not component calls', () => {
    const { fast } = bothWays('tsx', TRICKY[4]![2]);
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
