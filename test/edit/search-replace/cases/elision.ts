/**
 * Elision cases: `...` / `// ... existing code ...` / `# ...` / `/* ... *\/` lines in the search
 * stand for the lines between their anchors and are kept by the same markers in the replacement;
 * markers that would lose code are refused.
 */
import type { Case } from './check.js';

const TS = `export class Cache {
  private map = new Map<string, number>();

  get(key: string): number | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) {
      this.misses++;
    }
    return hit;
  }

  set(key: string, value: number): void {
    this.map.set(key, value);
  }
}
`;

const PY = `def handler(event):
    body = parse(event)
    validate(body)
    store(body)
    return {"ok": True}
`;

export const ELISION_CASES: Case[] = [
  {
    name: 'TS `// ... existing code ...` keeps the elided body and edits the end',
    lang: 'ts',
    file: TS,
    search: `  get(key: string): number | undefined {
    // ... existing code ...
    return hit;
  }`,
    replace: `  get(key: string): number | undefined {
    // ... existing code ...
    this.hits++;
    return hit;
  }`,
    expect: {
      strategy: 'elision',
      text: `export class Cache {
  private map = new Map<string, number>();

  get(key: string): number | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) {
      this.misses++;
    }
    this.hits++;
    return hit;
  }

  set(key: string, value: number): void {
    this.map.set(key, value);
  }
}
`,
    },
  },
  {
    name: 'TS bare `...` line elides the middle and the header is changed',
    lang: 'ts',
    file: TS,
    search: `  set(key: string, value: number): void {
...
  }`,
    replace: `  set(key: string, value: number, ttl?: number): void {
...
  }`,
    expect: {
      text: `export class Cache {
  private map = new Map<string, number>();

  get(key: string): number | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) {
      this.misses++;
    }
    return hit;
  }

  set(key: string, value: number, ttl?: number): void {
    this.map.set(key, value);
  }
}
`,
    },
  },
  {
    name: 'Python `# ...` marker keeps the middle statements',
    lang: 'py',
    file: PY,
    search: `def handler(event):
    body = parse(event)
    # ...
    return {"ok": True}`,
    replace: `def handler(event):
    body = parse(event)
    log(body)
    # ...
    return {"ok": True, "id": body["id"]}`,
    expect: {
      text: `def handler(event):
    body = parse(event)
    log(body)
    validate(body)
    store(body)
    return {"ok": True, "id": body["id"]}
`,
    },
  },
  {
    name: 'Python bare `...` in a search is an elision marker',
    lang: 'py',
    file: PY,
    search: `def handler(event):
    ...
    store(body)`,
    replace: `def handler(event):
    ...
    store(body, retries=3)`,
    expect: {
      text: `def handler(event):
    body = parse(event)
    validate(body)
    store(body, retries=3)
    return {"ok": True}
`,
    },
  },
  {
    name: 'CSS `/* ... */` marker keeps the other declarations',
    lang: 'css',
    file: `.card {
  border: 1px solid #ccc;
  padding: 8px;
  margin: 4px;
}
`,
    search: `.card {
  /* ... */
  margin: 4px;
}`,
    replace: `.card {
  /* ... */
  margin: 8px;
}`,
    expect: {
      text: `.card {
  border: 1px solid #ccc;
  padding: 8px;
  margin: 8px;
}
`,
    },
  },
  {
    name: 'Go `// ...` between two anchors of a tab-indented function',
    lang: 'go',
    file: `func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = true
	return nil
}
`,
    search: `func (s *Server) Start() error {
	// ...
	return nil
}`,
    replace: `func (s *Server) Start() error {
	// ...
	s.log.Info("started")
	return nil
}`,
    expect: {
      text: `func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = true
	s.log.Info("started")
	return nil
}
`,
    },
  },
  {
    name: 'Rust `// ... rest of the function` marker at the end of the search',
    lang: 'rust',
    file: `fn parse(input: &str) -> Result<Ast, Error> {
    let tokens = lex(input)?;
    let ast = build(tokens)?;
    Ok(ast)
}
`,
    search: `fn parse(input: &str) -> Result<Ast, Error> {
    let tokens = lex(input)?;
    // ... rest of the function`,
    replace: `fn parse(input: &str) -> Result<Ast, Error> {
    let tokens = lex(input.trim())?;
    // ... rest of the function`,
    expect: {
      text: `fn parse(input: &str) -> Result<Ast, Error> {
    let tokens = lex(input.trim())?;
    let ast = build(tokens)?;
    Ok(ast)
}
`,
    },
  },
  {
    name: 'two markers in search and replacement keep both elided runs',
    lang: 'js',
    file: `function setup() {
  a();
  b();
  middle();
  c();
  d();
  end();
}
`,
    search: `function setup() {
  // ...
  middle();
  // ...
  end();
}`,
    replace: `function setup() {
  // ...
  middle({ fast: true });
  // ...
  end();
}`,
    expect: {
      text: `function setup() {
  a();
  b();
  middle({ fast: true });
  c();
  d();
  end();
}
`,
    },
  },
  {
    name: 'elided search written at the wrong indentation is shifted as a whole',
    lang: 'py',
    file: `class A:
    def f(self):
        x = 1
        y = 2
        return x + y
`,
    search: `def f(self):
    ...
    return x + y`,
    replace: `def f(self):
    ...
    return x * y`,
    expect: {
      text: `class A:
    def f(self):
        x = 1
        y = 2
        return x * y
`,
    },
  },
  {
    name: 'closing brace anchor after a marker skips deeper inner braces',
    lang: 'ts',
    file: `function outer() {
  if (a) {
    b();
  }
  c();
}
`,
    search: `function outer() {
  // ... existing code ...
}`,
    replace: `function outer() {
  // ... existing code ...
  d();
}`,
    expect: {
      text: `function outer() {
  if (a) {
    b();
  }
  c();
  d();
}
`,
    },
  },
  {
    name: 'Markdown `<!-- ... -->` marker keeps the section body',
    lang: 'md',
    file: `## Install

Run npm install.
Then build.

## Use
`,
    search: `## Install

<!-- ... -->

## Use`,
    replace: `## Installation

<!-- ... -->

## Use`,
    expect: {
      text: `## Installation

Run npm install.
Then build.

## Use
`,
    },
  },
  {
    name: 'replacement that drops the marker is refused (it would delete the elided lines)',
    lang: 'ts',
    file: TS,
    search: `  get(key: string): number | undefined {
    // ... existing code ...
    return hit;
  }`,
    replace: `  get(key: string): number | undefined {
    return this.map.get(key);
  }`,
    expect: { refuse: 'refused', mentions: ['elision marker', 'replacement has 0'] },
  },
  {
    name: 'replacement with more markers than the search is refused',
    lang: 'py',
    file: PY,
    search: `def handler(event):
    # ...
    return {"ok": True}`,
    replace: `def handler(event):
    # ...
    # ...
    return {"ok": False}`,
    expect: { refuse: 'refused', mentions: ['replacement has 2'] },
  },
  {
    name: 'elision whose first anchor is a partial line in two functions is refused with both candidates',
    lang: 'go',
    file: `func a() error {
	x()
	return nil
}

func b() error {
	y()
	return nil
}
`,
    search: `error {
	// ...
	return nil
}`,
    replace: `error {
	// ...
	return errors.New("x")
}`,
    expect: { refuse: 'no_match', mentions: ['Closest candidate', 'Next candidate'] },
  },
  {
    name: 'elision anchors that are both generic lines in two functions are refused as ambiguous',
    lang: 'js',
    file: `function a() {
  start();
  run();
}
function b() {
  start();
  walk();
}
`,
    search: `  start();
  // ...
}`,
    replace: `  start();
  // ...
  done();
}`,
    expect: { refuse: 'ambiguous', mentions: ['elision'] },
  },
  {
    name: 'elision with an anchor that does not exist is refused with no_match',
    lang: 'rust',
    file: `fn a() {
    one();
    two();
}
`,
    search: `fn a() {
    // ...
    three();
}`,
    replace: `fn a() {
    // ...
    four();
}`,
    expect: { refuse: 'no_match', mentions: ['three();'] },
  },
  {
    name: 'elision anchors in the wrong order are refused',
    lang: 'ts',
    file: `first();
second();
third();
`,
    search: `third();
// ...
first();`,
    replace: `third();
// ...
first(1);`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'search made only of markers is invalid',
    lang: 'css',
    file: `a { color: red; }
`,
    search: `/* ... */`,
    replace: `/* ... */
b { color: blue; }`,
    expect: { refuse: 'invalid', mentions: ['only of elision markers'] },
  },
  {
    name: 'JSON with `...` elision keeps the middle keys',
    lang: 'json',
    file: `{
  "name": "x",
  "private": true,
  "type": "module",
  "license": "MIT"
}
`,
    search: `{
  "name": "x",
  ...
  "license": "MIT"
}`,
    replace: `{
  "name": "x",
  ...
  "license": "Apache-2.0"
}`,
    expect: {
      text: `{
  "name": "x",
  "private": true,
  "type": "module",
  "license": "Apache-2.0"
}
`,
    },
  },
  {
    name: 'an elided gap that would run past the end of one function into the next is refused',
    lang: 'ts',
    file: `function a() {
  setup();
  return 1;
}

function b() {
  const x = make();
  return x;
}
`,
    search: `function a() {
  // ... existing code ...
  return x;
}`,
    replace: `function a() {
  // ... existing code ...
  return x + 1;
}`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'Python elided gap that would cross into the next function is refused',
    lang: 'py',
    file: `def a():
    setup()
    return 1


def b():
    x = make()
    return x
`,
    search: `def a():
    # ...
    return x`,
    replace: `def a():
    # ...
    return x + 1`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'top-level elision between two top-level declarations is allowed',
    lang: 'go',
    file: `package main

import "fmt"

func helper() {}

func main() {
	fmt.Println("hi")
}
`,
    search: `import "fmt"
// ...
func main() {`,
    replace: `import "fmt"
// ...
// main prints a greeting.
func main() {`,
    expect: {
      text: `package main

import "fmt"

func helper() {}

// main prints a greeting.
func main() {
	fmt.Println("hi")
}
`,
    },
  },
];
