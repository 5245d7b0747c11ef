/**
 * Must-refuse cases across languages (and their allowed look-alikes): placeholders in replacements,
 * text that does not exist, anchors that fit two places, no-op edits and invalid input.
 */
import type { Case } from './check.js';

const TS = `export function parse(input: string): Ast {
  const tokens = lex(input);
  return build(tokens);
}

export function format(ast: Ast): string {
  const tokens = flatten(ast);
  return print(tokens);
}
`;

export const REFUSAL_CASES: Case[] = [
  {
    name: 'TS replacement with `// ... existing code ...` and no marker in the search is refused',
    lang: 'ts',
    file: TS,
    search: `  const tokens = lex(input);
  return build(tokens);`,
    replace: `  const tokens = lex(input.trim());
  // ... existing code ...`,
    expect: { refuse: 'refused', mentions: ['// ... existing code ...', 'replacement line 2', 'write the replacement out in full'] },
  },
  {
    name: 'Python replacement with `# rest of code unchanged` is refused',
    lang: 'py',
    file: `def f():\n    a()\n    b()\n`,
    search: `def f():\n    a()\n    b()`,
    replace: `def f():\n    a(1)\n    # rest of code unchanged`,
    expect: { refuse: 'refused', mentions: ['# rest of code unchanged'] },
  },
  {
    name: 'Go replacement with `// ...` is refused',
    lang: 'go',
    file: `func f() {\n\ta()\n\tb()\n}\n`,
    search: `func f() {\n\ta()\n\tb()\n}`,
    replace: `func f() {\n\ta(1)\n\t// ...\n}`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'Rust replacement with `// ... remaining fields` is refused',
    lang: 'rust',
    file: `let c = Config {\n    a: 1,\n    b: 2,\n};\n`,
    search: `let c = Config {\n    a: 1,\n    b: 2,\n};`,
    replace: `let c = Config {\n    a: 10,\n    // ... remaining fields\n};`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'CSS replacement with `/* ... */` is refused',
    lang: 'css',
    file: `.a {\n  color: red;\n  margin: 0;\n}\n`,
    search: `.a {\n  color: red;\n  margin: 0;\n}`,
    replace: `.a {\n  color: blue;\n  /* ... */\n}`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'JSON replacement with a bare `...` line is refused',
    lang: 'json',
    file: `{\n  "a": 1,\n  "b": 2\n}\n`,
    search: `{\n  "a": 1,\n  "b": 2\n}`,
    replace: `{\n  "a": 5,\n  ...\n}`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'Markdown replacement with `<!-- rest of the section unchanged -->` is refused',
    lang: 'md',
    file: `## A\n\none\ntwo\n`,
    search: `## A\n\none\ntwo`,
    replace: `## A\n\nuno\n<!-- rest of the section unchanged -->`,
    expect: { refuse: 'refused' },
  },
  {
    name: 'JS replacement with a `...args` spread line is not a placeholder',
    lang: 'js',
    file: `call(\n  a,\n);\n`,
    search: `call(\n  a,\n);`,
    replace: `call(\n  a,\n  ...args\n);`,
    expect: { text: `call(\n  a,\n  ...args\n);\n` },
  },
  {
    name: 'Python replacement with an Ellipsis stub body is not a placeholder',
    lang: 'py',
    file: `class P(Protocol):\n    pass\n`,
    search: `    pass`,
    replace: `    def run(self) -> None:\n        ...`,
    expect: { text: `class P(Protocol):\n    def run(self) -> None:\n        ...\n` },
  },
  {
    name: 'Markdown replacement with a prose `...` line is not a placeholder',
    lang: 'md',
    file: `Loading\n`,
    search: `Loading`,
    replace: `Loading\n...\ndone`,
    expect: { text: `Loading\n...\ndone\n` },
  },
  {
    name: 'TS replacement keeping a real comment that mentions existing code is allowed',
    lang: 'ts',
    file: `function f() {\n  legacy();\n}\n`,
    search: `  legacy();`,
    replace: `  // Use the existing code path for old clients until v3.\n  legacy();`,
    expect: { text: `function f() {\n  // Use the existing code path for old clients until v3.\n  legacy();\n}\n` },
  },
  {
    name: 'TS search that does not exist is refused with no_match',
    lang: 'ts',
    file: TS,
    search: `export function validate(ast: Ast): boolean {`,
    replace: `export function validate(ast: Ast): void {`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'Go search for a function that is not in the file is refused',
    lang: 'go',
    file: `package a\n\nfunc A() int { return 1 }\n`,
    search: `func Bee(x int) (int, error) {\n\treturn x * 2, nil\n}`,
    replace: `func Bee(x int) (int, error) {\n\treturn x * 3, nil\n}`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'JSON key that is not in the file is refused',
    lang: 'json',
    file: `{\n  "name": "a"\n}\n`,
    search: `"version": "1.0.0"`,
    replace: `"version": "2.0.0"`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'CSS selector that does not exist is refused',
    lang: 'css',
    file: `.a { color: red; }\n`,
    search: `.b { color: red; }`,
    replace: `.b { color: blue; }`,
    expect: { refuse: 'no_match', mentions: ['.a { color: red; }'] },
  },
  {
    name: 'a return line unique to one function is changed in that function only',
    lang: 'ts',
    file: TS,
    search: `  return print(tokens);\n}`,
    replace: `  return print(tokens).trim();\n}`,
    expect: {
      text: `export function parse(input: string): Ast {
  const tokens = lex(input);
  return build(tokens);
}

export function format(ast: Ast): string {
  const tokens = flatten(ast);
  return print(tokens).trim();
}
`,
    },
  },
  {
    name: 'a statement that occurs in two functions is refused with both line numbers',
    lang: 'ts',
    file: TS,
    search: `  const tokens = `,
    replace: `  let tokens = `,
    expect: { refuse: 'ambiguous', mentions: ['lines 2, 7'] },
  },
  {
    name: 'Python anchor matching a method in the wrong class is refused as ambiguous',
    lang: 'py',
    file: `class A:
    def close(self):
        self.f.close()


class B:
    def close(self):
        self.f.close()
`,
    search: `    def close(self):
        self.f.close()`,
    replace: `    def close(self):
        if self.f:
            self.f.close()`,
    expect: { refuse: 'ambiguous', mentions: ['lines 2-3, 7-8'] },
  },
  {
    name: 'Rust match arm occurring twice is refused',
    lang: 'rust',
    file: `match a {\n    None => 0,\n}\nmatch b {\n    None => 0,\n}\n`,
    search: `    None => 0,`,
    replace: `    None => -1,`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'Markdown heading that occurs twice is refused',
    lang: 'md',
    file: `# A\n\n## Usage\n\n# B\n\n## Usage\n`,
    search: `## Usage`,
    replace: `## How to use`,
    expect: { refuse: 'ambiguous', mentions: ['lines 3, 7'] },
  },
  {
    name: 'JSON value that occurs twice is refused',
    lang: 'json',
    file: `{\n  "a": { "enabled": true },\n  "b": { "enabled": true }\n}\n`,
    search: `"enabled": true`,
    replace: `"enabled": false`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'a replacement equal to the file region (after whitespace normalisation) is refused as a no-op',
    lang: 'py',
    file: `x = 1  \ny = 2\n`,
    search: `x = 1\ny = 2`,
    replace: `x = 1  \ny = 2`,
    expect: { refuse: 'refused', mentions: ['changes nothing'] },
  },
  {
    name: 'fenced search and replacement that are identical inside are refused as a no-op',
    lang: 'go',
    file: `package a\n\nvar x = 1\n`,
    search: "```go\nvar x = 1\n```",
    replace: "```go\nvar x = 1\n```\n",
    expect: { refuse: 'refused', mentions: ['identical'] },
  },
  {
    name: 'non-string replacement is invalid',
    lang: 'ts',
    file: TS,
    search: `parse`,
    replace: 42 as unknown as string,
    expect: { refuse: 'invalid' },
  },
  {
    name: 'a search that only a partial line plus whitespace changes would fit is refused',
    lang: 'js',
    file: `if (ready)  { start(); }\n`,
    search: `ready) { start();`,
    replace: `ready) { begin();`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'replaceAll with a non-exact layer changes every whole-line occurrence',
    lang: 'css',
    file: `a {\n  color: red;  \n}\nb {\n  color: red;\n}\n`,
    search: `  color: red; \n}`,
    replace: `  color: blue;\n}`,
    options: { replaceAll: true },
    expect: { matches: 2, text: `a {\n  color: blue;\n}\nb {\n  color: blue;\n}\n` },
  },
  {
    name: 'replaceAll does not apply to an elision match found twice',
    lang: 'js',
    file: `function a() {\n  x();\n  done();\n}\nfunction b() {\n  y();\n  done();\n}\n`,
    search: `  // ...\n  done();\n}`,
    replace: `  // ...\n  finish();\n}`,
    options: { replaceAll: true },
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'search with an elision marker whose replacement is plain code is refused',
    lang: 'go',
    file: `func a() {\n\tx()\n\ty()\n\tz()\n}\n`,
    search: `func a() {\n\t// ...\n\tz()\n}`,
    replace: `func a() {\n\tz()\n}`,
    expect: { refuse: 'refused', mentions: ['replacement has 0'] },
  },
  {
    name: 'a prefixed search whose stripped text does not exist is refused with no_match',
    lang: 'rust',
    file: `fn a() {}\n`,
    search: `1│ fn b() {}`,
    replace: `1│ fn c() {}`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'searching text of another, similar file is refused even if one line matches',
    lang: 'ts',
    file: TS,
    search: `export function parse(input: string): Ast {
  const tree = treeSitter.parse(input);
  const ast = convert(tree);
  validate(ast);
  return ast;
}`,
    replace: `export function parse(input: string): Ast {
  return convert(treeSitter.parse(input));
}`,
    expect: { refuse: 'no_match', mentions: ['Closest candidate'] },
  },
  {
    name: 'a search against a file that does not exist yet explains how to create it',
    lang: 'go',
    file: ``,
    search: `package main`,
    replace: `package app`,
    options: { fileExists: false },
    expect: { refuse: 'no_match', mentions: ['does not exist yet', 'empty search'] },
  },
];
