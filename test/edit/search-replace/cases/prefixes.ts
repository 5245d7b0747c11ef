/**
 * Line-number prefixes, markdown fences and reasoning noise copied into search blocks, and empty-
 * search file creation. Prefixes are stripped only when every line carries them and stripping makes
 * the search match; a file whose real lines look numbered is never mangled.
 */
import type { Case } from './check.js';

const TS = `import { a } from './a.js';

export function run(): void {
  a();
  log('done');
}
`;

export const PREFIX_CASES: Case[] = [
  {
    name: 'box-drawing `  12│ ` prefixes are stripped from search and replacement',
    lang: 'ts',
    file: TS,
    search: `   4│   a();
   5│   log('done');`,
    replace: `   4│   a();
   5│   log('finished');`,
    expect: {
      text: `import { a } from './a.js';

export function run(): void {
  a();
  log('finished');
}
`,
    },
  },
  {
    name: '`12: ` prefixes are stripped; new unnumbered replacement lines stay as written',
    lang: 'py',
    file: `def f():
    a = 1
    return a
`,
    search: `2:     a = 1
3:     return a`,
    replace: `2:     a = 1
    a += 1
3:     return a`,
    expect: {
      text: `def f():
    a = 1
    a += 1
    return a
`,
    },
  },
  {
    name: 'tab-separated `12\\t` prefixes are stripped',
    lang: 'go',
    file: `package x

func f() int {
	return 1
}
`,
    search: `3\tfunc f() int {
4\t\treturn 1
5\t}`,
    replace: `3\tfunc f() int {
4\t\treturn 2
5\t}`,
    expect: {
      text: `package x

func f() int {
	return 2
}
`,
    },
  },
  {
    name: '`L12:` prefixes are stripped',
    lang: 'rust',
    file: `fn a() {
    b();
}
`,
    search: `L1: fn a() {
L2:     b();
L3: }`,
    replace: `L1: fn a() {
L2:     b();
L3:     c();
L4: }`,
    expect: {
      text: `fn a() {
    b();
    c();
}
`,
    },
  },
  {
    name: 'prefixes with a blank numbered line are stripped',
    lang: 'js',
    file: `const a = 1;

const b = 2;
`,
    search: `1│ const a = 1;
2│
3│ const b = 2;`,
    replace: `1│ const a = 1;
2│
3│ const b = 3;`,
    expect: { text: `const a = 1;\n\nconst b = 3;\n` },
  },
  {
    name: 'a file whose real lines start with numbers is matched literally, not stripped',
    lang: 'md',
    file: `Steps:
1: open the box
2: read the manual
3: enjoy
`,
    search: `1: open the box
2: read the manual`,
    replace: `1: open the box carefully
2: read the manual`,
    expect: {
      strategy: 'exact',
      text: `Steps:
1: open the box carefully
2: read the manual
3: enjoy
`,
    },
  },
  {
    name: 'YAML-like numbered keys in the file are not stripped when the search matches as-is',
    lang: 'py',
    file: `codes = {
    200: "ok",
    404: "missing",
}
`,
    search: `    200: "ok",
    404: "missing",`,
    replace: `    200: "ok",
    404: "not found",`,
    expect: {
      text: `codes = {
    200: "ok",
    404: "not found",
}
`,
    },
  },
  {
    name: 'prefixes on only some search lines are not stripped (no match)',
    lang: 'ts',
    file: TS,
    search: `   4│   a();
  log('done');`,
    replace: `  a();
  log('x');`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'decreasing prefix numbers are not treated as prefixes',
    lang: 'ts',
    file: TS,
    search: `5│   a();
4│   log('done');`,
    replace: `5│   a();
4│   log('x');`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'mixed prefix styles are not treated as prefixes',
    lang: 'ts',
    file: TS,
    search: `4│   a();
5:   log('done');`,
    replace: `4│   a();
5:   log('x');`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'stripped prefixes that still match two places are refused as ambiguous',
    lang: 'css',
    file: `a {
  color: red;
}
b {
  color: red;
}
`,
    search: `2:   color: red;`,
    replace: `2:   color: blue;`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'a placeholder hidden behind line-number prefixes in the replacement is refused',
    lang: 'ts',
    file: TS,
    search: `   4│   a();
   5│   log('done');`,
    replace: `   4│   a();
   5│   // ... existing code ...`,
    expect: { refuse: 'refused', mentions: ['// ... existing code ...'] },
  },
  {
    name: 'a ``` fence wrapped around search and replacement is removed',
    lang: 'ts',
    file: TS,
    search: "```ts\n  log('done');\n```",
    replace: "```ts\n  log('all done');\n```",
    expect: {
      text: `import { a } from './a.js';

export function run(): void {
  a();
  log('all done');
}
`,
    },
  },
  {
    name: 'a fence that the markdown file itself contains is matched, not stripped',
    lang: 'md',
    file: "# Example\n\n```ts\nconst x = 1;\n```\n",
    search: "```ts\nconst x = 1;\n```",
    replace: "```ts\nconst x = 2;\n```",
    expect: { strategy: 'exact', text: "# Example\n\n```ts\nconst x = 2;\n```\n" },
  },
  {
    name: 'a <think> block before the search is removed',
    lang: 'py',
    file: `x = 1\ny = 2\n`,
    search: `<think>I should change y.</think>\ny = 2`,
    replace: `y = 3`,
    expect: { text: `x = 1\ny = 3\n` },
  },
  {
    name: 'a fence around the replacement only is removed in a code file',
    lang: 'go',
    file: `package a\n\nvar x = 1\n`,
    search: `var x = 1`,
    replace: "```go\nvar x = 2\n```",
    expect: { text: `package a\n\nvar x = 2\n` },
  },
  {
    name: 'empty search creates a new file',
    lang: 'ts',
    file: ``,
    search: ``,
    replace: `export const x = 1;\n`,
    options: { fileExists: false },
    expect: { strategy: 'create', text: `export const x = 1;\n` },
  },
  {
    name: 'empty search on an existing file is refused with exists',
    lang: 'py',
    file: `print("hi")\n`,
    search: ``,
    replace: `print("bye")\n`,
    options: { fileExists: true },
    expect: { refuse: 'exists', mentions: ['already exists'] },
  },
  {
    name: 'empty search on an existing but empty file is refused when fileExists is set',
    lang: 'json',
    file: ``,
    search: ``,
    replace: `{}\n`,
    options: { fileExists: true },
    expect: { refuse: 'exists' },
  },
  {
    name: 'empty search with non-empty text and unknown existence is refused',
    lang: 'css',
    file: `a {}\n`,
    search: ``,
    replace: `b {}\n`,
    expect: { refuse: 'exists' },
  },
  {
    name: 'empty search with a fenced new file strips the fence',
    lang: 'rust',
    file: ``,
    search: ``,
    replace: "```rust\nfn main() {}\n```",
    options: { fileExists: false },
    expect: { text: `fn main() {}\n` },
  },
  {
    name: 'empty search creating a file with a truncation marker is refused',
    lang: 'js',
    file: ``,
    search: ``,
    replace: `export function a() {}\n// ... rest of the file unchanged\n`,
    options: { fileExists: false },
    expect: { refuse: 'refused', mentions: ['rest of the file unchanged'] },
  },
  {
    name: 'empty search creates a markdown file verbatim, fences included',
    lang: 'md',
    file: ``,
    search: ``,
    replace: "```sh\nnpm test\n```\n",
    options: { fileExists: false },
    expect: { text: "```sh\nnpm test\n```\n" },
  },
];
