/**
 * Exact-layer cases: verbatim hits in every language, literal replacement text, replaceAll, and the
 * refusals of exact ambiguity and no-op edits.
 */
import type { Case } from './check.js';

const TS = `export function greet(name: string): string {
  return 'Hello, ' + name;
}

export function farewell(name: string): string {
  return 'Bye, ' + name;
}
`;

const PY = `import os


def load(path):
    with open(path) as f:
        return f.read()


def save(path, data):
    with open(path, "w") as f:
        f.write(data)
`;

const GO = `package main

import "fmt"

func main() {
	fmt.Println("hello")
}
`;

const RS = `fn main() {
    let v = vec![1, 2, 3];
    println!("{:?}", v);
}
`;

const JSON_FILE = `{
  "name": "demo",
  "version": "1.0.0",
  "scripts": {
    "test": "vitest"
  }
}
`;

const CSS = `.button {
  color: red;
  padding: 4px;
}

.link {
  color: red;
}
`;

const MD = `# Title

Some text.

## Usage

Run the tool.
`;

export const EXACT_CASES: Case[] = [
  {
    name: 'TS single-line substring is replaced exactly once',
    lang: 'ts',
    file: TS,
    search: "'Hello, '",
    replace: "'Hi, '",
    expect: {
      strategy: 'exact',
      text: `export function greet(name: string): string {
  return 'Hi, ' + name;
}

export function farewell(name: string): string {
  return 'Bye, ' + name;
}
`,
    },
  },
  {
    name: 'TS multi-line block is replaced',
    lang: 'ts',
    file: TS,
    search: `export function farewell(name: string): string {
  return 'Bye, ' + name;
}`,
    replace: `export function farewell(name: string, polite = false): string {
  return (polite ? 'Goodbye, ' : 'Bye, ') + name;
}`,
    expect: {
      strategy: 'exact',
      text: `export function greet(name: string): string {
  return 'Hello, ' + name;
}

export function farewell(name: string, polite = false): string {
  return (polite ? 'Goodbye, ' : 'Bye, ') + name;
}
`,
    },
  },
  {
    name: 'replacement `$&` is written literally',
    lang: 'js',
    file: `const re = /x/;\nconst out = s.replace(re, 'y');\n`,
    search: `'y'`,
    replace: `'[$&]'`,
    expect: { text: `const re = /x/;\nconst out = s.replace(re, '[$&]');\n` },
  },
  {
    name: 'replacement `$$` and `$1` are written literally',
    lang: 'js',
    file: `const price = 10;\n`,
    search: `const price = 10;`,
    replace: "const price = `$$${10}`; // $1 $' $`",
    expect: { text: "const price = `$$${10}`; // $1 $' $`\n" },
  },
  {
    name: 'search text containing `$&` is matched literally',
    lang: 'js',
    file: `const t = 'a$&b';\n`,
    search: `'a$&b'`,
    replace: `'ab'`,
    expect: { text: `const t = 'ab';\n` },
  },
  {
    name: 'Python multi-line exact block',
    lang: 'py',
    file: PY,
    search: `def save(path, data):
    with open(path, "w") as f:
        f.write(data)`,
    replace: `def save(path, data):
    with open(path, "w", encoding="utf-8") as f:
        f.write(data)`,
    expect: {
      text: `import os


def load(path):
    with open(path) as f:
        return f.read()


def save(path, data):
    with open(path, "w", encoding="utf-8") as f:
        f.write(data)
`,
    },
  },
  {
    name: 'Python deletion with an empty replacement',
    lang: 'py',
    file: PY,
    search: `import os\n`,
    replace: ``,
    expect: {
      text: `

def load(path):
    with open(path) as f:
        return f.read()


def save(path, data):
    with open(path, "w") as f:
        f.write(data)
`,
    },
  },
  {
    name: 'Go tab-indented line replaced exactly',
    lang: 'go',
    file: GO,
    search: `	fmt.Println("hello")`,
    replace: `	fmt.Println("hello, world")`,
    expect: {
      text: `package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
`,
    },
  },
  {
    name: 'Go insertion after an anchor line',
    lang: 'go',
    file: GO,
    search: `func main() {\n`,
    replace: `func main() {\n\tdefer fmt.Println("done")\n`,
    expect: {
      text: `package main

import "fmt"

func main() {
	defer fmt.Println("done")
	fmt.Println("hello")
}
`,
    },
  },
  {
    name: 'Rust macro line replaced exactly',
    lang: 'rust',
    file: RS,
    search: `println!("{:?}", v);`,
    replace: `println!("{v:?}");`,
    expect: {
      text: `fn main() {
    let v = vec![1, 2, 3];
    println!("{v:?}");
}
`,
    },
  },
  {
    name: 'JSON value changed exactly',
    lang: 'json',
    file: JSON_FILE,
    search: `"version": "1.0.0"`,
    replace: `"version": "1.1.0"`,
    expect: {
      text: `{
  "name": "demo",
  "version": "1.1.0",
  "scripts": {
    "test": "vitest"
  }
}
`,
    },
  },
  {
    name: 'JSON key inserted with its comma',
    lang: 'json',
    file: JSON_FILE,
    search: `    "test": "vitest"\n`,
    replace: `    "test": "vitest",\n    "lint": "eslint ."\n`,
    expect: {
      text: `{
  "name": "demo",
  "version": "1.0.0",
  "scripts": {
    "test": "vitest",
    "lint": "eslint ."
  }
}
`,
    },
  },
  {
    name: 'CSS unique declaration block replaced',
    lang: 'css',
    file: CSS,
    search: `.button {\n  color: red;`,
    replace: `.button {\n  color: blue;`,
    expect: {
      text: `.button {
  color: blue;
  padding: 4px;
}

.link {
  color: red;
}
`,
    },
  },
  {
    name: 'CSS replaceAll changes every occurrence and reports the count',
    lang: 'css',
    file: CSS,
    search: `color: red;`,
    replace: `color: var(--accent);`,
    options: { replaceAll: true },
    expect: {
      matches: 2,
      text: `.button {
  color: var(--accent);
  padding: 4px;
}

.link {
  color: var(--accent);
}
`,
    },
  },
  {
    name: 'Markdown heading renamed',
    lang: 'md',
    file: MD,
    search: `## Usage`,
    replace: `## Getting started`,
    expect: {
      text: `# Title

Some text.

## Getting started

Run the tool.
`,
    },
  },
  {
    name: 'emoji and astral characters survive an exact edit',
    lang: 'ts',
    file: `const icon = '🚀';\nconst label = 'launch';\n`,
    search: `const label = 'launch';`,
    replace: `const label = '🚀 launch 𝒳';`,
    expect: { text: `const icon = '🚀';\nconst label = '🚀 launch 𝒳';\n` },
  },
  {
    name: 'CRLF file with a CRLF search keeps CRLF',
    lang: 'ts',
    file: `const a = 1;\r\nconst b = 2;\r\n`,
    search: `const a = 1;\r\nconst b = 2;`,
    replace: `const a = 10;\r\nconst b = 20;`,
    expect: { text: `const a = 10;\r\nconst b = 20;\r\n` },
  },
  {
    name: 'file without a final newline keeps that state',
    lang: 'py',
    file: `x = 1\ny = 2`,
    search: `y = 2`,
    replace: `y = 3`,
    expect: { text: `x = 1\ny = 3` },
  },
  {
    name: 'BOM at the start of the file is preserved',
    lang: 'css',
    file: `\ufeffbody {\n  margin: 0;\n}\n`,
    search: `margin: 0;`,
    replace: `margin: 0 auto;`,
    expect: { text: `\ufeffbody {\n  margin: 0 auto;\n}\n` },
  },
  {
    name: 'Rust replaceAll is a literal substring replacement (touches vec! too)',
    lang: 'rust',
    file: RS,
    search: `v`,
    replace: `values`,
    options: { replaceAll: true },
    expect: {
      matches: 3,
      text: `fn main() {
    let values = valuesec![1, 2, 3];
    println!("{:?}", values);
}
`,
    },
  },
  {
    name: 'ambiguous exact TS search is refused with both line numbers',
    lang: 'ts',
    file: TS,
    search: `(name: string): string {`,
    replace: `(name: string): string | null {`,
    expect: { refuse: 'ambiguous', mentions: ['2 places', 'lines 1, 5', 'replace_all'] },
  },
  {
    name: 'ambiguous exact CSS declaration is refused',
    lang: 'css',
    file: CSS,
    search: `  color: red;\n`,
    replace: `  color: green;\n`,
    expect: { refuse: 'ambiguous', mentions: ['lines 2-3, 7-8'] },
  },
  {
    name: 'ambiguous multi-line Python block is refused',
    lang: 'py',
    file: `def a():\n    return None\n\n\ndef b():\n    return None\n`,
    search: `    return None`,
    replace: `    return 0`,
    expect: { refuse: 'ambiguous', mentions: ['lines 2, 6'] },
  },
  {
    name: 'ambiguous Go import line is refused',
    lang: 'go',
    file: `package a\n\nfunc f() {\n\treturn\n}\n\nfunc g() {\n\treturn\n}\n`,
    search: `\treturn\n}`,
    replace: `\treturn\n} // end`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'search identical to replacement is refused as no change',
    lang: 'json',
    file: JSON_FILE,
    search: `"name": "demo"`,
    replace: `"name": "demo"`,
    expect: { refuse: 'refused', mentions: ['changes nothing'] },
  },
  {
    name: 'whitespace-only search is invalid',
    lang: 'md',
    file: MD,
    search: `\n\n`,
    replace: `text`,
    expect: { refuse: 'invalid', mentions: ['only whitespace'] },
  },
  {
    name: 'JS exact substring inside a longer line is replaced in place',
    lang: 'js',
    file: `export const total = items.reduce((a, b) => a + b, 0);\n`,
    search: `(a, b) => a + b`,
    replace: `(sum, item) => sum + item.price`,
    expect: { text: `export const total = items.reduce((sum, item) => sum + item.price, 0);\n` },
  },
  {
    name: 'Markdown list item appended under a unique anchor',
    lang: 'md',
    file: `## Todo\n\n- write tests\n- ship\n`,
    search: `- ship\n`,
    replace: `- ship\n- celebrate\n`,
    expect: { text: `## Todo\n\n- write tests\n- ship\n- celebrate\n` },
  },
];
