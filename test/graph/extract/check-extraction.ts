/**
 * Shared helper for the per-language extraction tests: extracts a fixture and renders symbols and
 * references as compact one-line strings so expectations read like a table.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../../../server/graph/extract/extract-file.js';
import { languageForPath } from '../../../server/graph/extract/languages.js';
import type { ExtractedFile, ExtractedReference, ExtractedSymbol, Language } from '../../../server/graph/types.js';

export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../fixtures/${rel}`, import.meta.url));
}

/** Every source fixture (all six languages), relative to the fixtures folder, sorted. */
export function sourceFixtures(): string[] {
  return readdirSync(fixturePath('.'), { recursive: true, encoding: 'utf8' })
    .filter((p) => languageForPath(p) !== null)
    .sort();
}

/**
 * Inputs where two extraction paths could disagree: identifiers whose end is not ASCII, positions
 * after astral characters, CRLF, a BOM, predicates, docstrings, syntax errors. Each yields records.
 */
export const TRICKY_INPUTS: Array<[string, Language, string]> = [
  ['unicode identifiers', 'typescript', 'export function größe(ñ: Tÿpe): Tÿpe { return straße(ñ) }\nconst café = new Crème();\n'],
  ['astral characters before names', 'typescript', '// 😀 emoji 𝔘 here\nexport const x𝔘 = 1;\nexport function after😀(): void { call𝔘() }\n'],
  ['CRLF line ends', 'javascript', '/** Doc. */\r\nfunction a() {\r\n  return b();\r\n}\r\nclass C extends D {}\r\n'],
  ['a byte-order mark', 'typescript', '\uFEFFexport function first(): number { return second(); }\n'],
  ['escaped identifiers', 'javascript', 'function \\u0061bc() { return \\u0062cd(1) }\nabc();\n'],
  ['identifiers at end of file', 'typescript', 'type A = B'],
  ['raw identifiers', 'rust', 'pub fn r#match(x: r#Type) -> u8 { r#type(x) }\nstruct r#Struct;\n'],
  ['JSX predicates', 'tsx', 'export const App = () => <div><Button /><span>{label()}</span><Icon.Big /></div>;\n'],
  ['require predicate', 'javascript', "const fs = require('fs');\nconst x = notRequire('y');\n"],
  ['python dotted imports', 'python', 'import os.path\nfrom a.b import c as d\ndef f(x: List[int]) -> None:\n    return g(x)\n'],
  ['python docstrings', 'python', 'class Shop:\n    """A shop.\n\n    Sells things."""\n    def buy(self):\n        """Buys."""\n        return pay()\n'],
  ['go packages', 'go', 'package main\nimport (\n  "fmt"\n  str "strings"\n)\nfunc Ünï() { fmt.Println(str.ToUpper("x")) }\nfunc low() {}\n'],
  ['syntax errors', 'typescript', 'export class A extends B implements C {\n  m( { return n( }\n}\nfunction ok(): D { return e() }\n'],
  ['syntax errors after non-ASCII text', 'typescript', '/** Größe — “quoted” */\nexport function f(: { return g(\n}\nexport const ok = h();\n'],
];

export function trickyInput(label: string): string {
  const found = TRICKY_INPUTS.find(([l]) => l === label);
  if (!found) throw new Error(`no tricky input named ${label}`);
  return found[2];
}

export function extractFixture(rel: string): ExtractedFile {
  return extractFile({ path: rel, text: readFileSync(fixturePath(rel), 'utf8') });
}

/** `kind name [in Container] [exported]` */
export function symbolLine(s: ExtractedSymbol): string {
  return `${s.kind} ${s.name}${s.container ? ` in ${s.container}` : ''}${s.exported ? ' exported' : ''}`;
}

/** `kind name [from Symbol] [<- module]` */
export function referenceLine(r: ExtractedReference): string {
  return `${r.kind} ${r.name}${r.fromSymbol ? ` from ${r.fromSymbol}` : ''}${r.module !== undefined ? ` <- ${r.module}` : ''}`;
}

export function symbolNamed(file: ExtractedFile, name: string, container: string | null = null): ExtractedSymbol {
  const s = file.symbols.find((x) => x.name === name && (container === null || x.container === container));
  if (!s) throw new Error(`no symbol ${name} in ${file.path}: ${file.symbols.map(symbolLine).join(', ')}`);
  return s;
}
