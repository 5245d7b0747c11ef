/**
 * Indentation-relative cases: the search block is shifted (or written with tabs for spaces) against
 * the file; the replacement is re-indented by the same shift, in the file's own style.
 */
import type { Case } from './check.js';

const PY_CLASS = `class Store:
    def __init__(self):
        self.items = []

    def add(self, item):
        if item is None:
            return
        self.items.append(item)
`;

export const INDENTATION_CASES: Case[] = [
  {
    name: 'Python method body written at column 0 is re-indented into the class',
    lang: 'py',
    file: PY_CLASS,
    search: `if item is None:
    return
self.items.append(item)`,
    replace: `if item is None:
    raise ValueError("item is None")
self.items.append(item)
self.count = len(self.items)`,
    expect: {
      strategy: 'indentation-relative',
      text: `class Store:
    def __init__(self):
        self.items = []

    def add(self, item):
        if item is None:
            raise ValueError("item is None")
        self.items.append(item)
        self.count = len(self.items)
`,
    },
  },
  {
    name: 'Python whole method shifted left by four lands and keeps nesting',
    lang: 'py',
    file: PY_CLASS,
    search: `def add(self, item):
    if item is None:
        return
    self.items.append(item)`,
    replace: `def add(self, item):
    if item is None:
        return
    for existing in self.items:
        if existing == item:
            return
    self.items.append(item)`,
    expect: {
      text: `class Store:
    def __init__(self):
        self.items = []

    def add(self, item):
        if item is None:
            return
        for existing in self.items:
            if existing == item:
                return
        self.items.append(item)
`,
    },
  },
  {
    name: 'TS block indented too deep by the model is shifted back',
    lang: 'ts',
    file: `export class A {
  run(): void {
    this.start();
    this.stop();
  }
}
`,
    search: `        this.start();
        this.stop();`,
    replace: `        this.start();
        this.log('started');
        this.stop();`,
    expect: {
      text: `export class A {
  run(): void {
    this.start();
    this.log('started');
    this.stop();
  }
}
`,
    },
  },
  {
    name: 'Go search written with spaces lands in a tab-indented file and writes tabs',
    lang: 'go',
    file: `package main

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}
`,
    search: `    for _, x := range xs {
        total += x
    }`,
    replace: `    for _, x := range xs {
        if x < 0 {
            continue
        }
        total += x
    }`,
    expect: {
      text: `package main

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		if x < 0 {
			continue
		}
		total += x
	}
	return total
}
`,
    },
  },
  {
    name: 'Rust impl method shifted right by two spaces is matched',
    lang: 'rust',
    file: `impl Counter {
    fn inc(&mut self) {
        self.n += 1;
    }
}
`,
    search: `      fn inc(&mut self) {
          self.n += 1;
      }`,
    replace: `      fn inc(&mut self) {
          self.n = self.n.saturating_add(1);
      }`,
    expect: {
      text: `impl Counter {
    fn inc(&mut self) {
        self.n = self.n.saturating_add(1);
    }
}
`,
    },
  },
  {
    name: 'a replacement already written with the file\'s indents is kept when only the search drifted',
    lang: 'js',
    file: `export function formatAmount(value) {
  return '$' + value.toFixed(2);
}
`,
    search: `export function formatAmount(value) {
    return '$' + value.toFixed(2);
}`,
    replace: `export function formatAmount(value, currency = '$') {
  return currency + value.toFixed(2);
}`,
    expect: {
      text: `export function formatAmount(value, currency = '$') {
  return currency + value.toFixed(2);
}
`,
    },
  },
  {
    name: 'JS 4-space search into a 2-space file scales the new lines',
    lang: 'js',
    file: `function f(a) {
  if (a) {
    return 1;
  }
  return 0;
}
`,
    search: `function f(a) {
    if (a) {
        return 1;
    }
    return 0;
}`,
    replace: `function f(a) {
    if (a) {
        if (a > 1) {
            return 2;
        }
        return 1;
    }
    return 0;
}`,
    expect: {
      text: `function f(a) {
  if (a) {
    if (a > 1) {
      return 2;
    }
    return 1;
  }
  return 0;
}
`,
    },
  },
  {
    name: 'CSS rule inside @media matched from an unindented search',
    lang: 'css',
    file: `@media (max-width: 600px) {
  .nav {
    display: none;
  }
}
`,
    search: `.nav {
  display: none;
}`,
    replace: `.nav {
  display: block;
  font-size: 12px;
}`,
    expect: {
      text: `@media (max-width: 600px) {
  .nav {
    display: block;
    font-size: 12px;
  }
}
`,
    },
  },
  {
    name: 'JSON nested object matched at a different depth',
    lang: 'json',
    file: `{
  "compilerOptions": {
    "strict": false,
    "target": "ES2020"
  }
}
`,
    search: `"strict": false,
"target": "ES2020"`,
    replace: `"strict": true,
"target": "ES2022"`,
    expect: {
      text: `{
  "compilerOptions": {
    "strict": true,
    "target": "ES2022"
  }
}
`,
    },
  },
  {
    name: 'Markdown nested list items shifted are matched',
    lang: 'md',
    file: `- parent
  - child one
  - child two
`,
    search: `- child one
- child two`,
    replace: `- child one
- child one and a half
- child two`,
    expect: {
      text: `- parent
  - child one
  - child one and a half
  - child two
`,
    },
  },
  {
    name: 'the same block at two nesting levels is refused as ambiguous',
    lang: 'py',
    file: `def a():
    x = 1
    return x


class B:
    def c(self):
        x = 1
        return x
`,
    search: `x = 1
return x`,
    replace: `x = 2
return x`,
    expect: { refuse: 'ambiguous', mentions: ['lines 2-3, 8-9'] },
  },
  {
    name: 'Go tab file: same statement in two functions at the same depth is refused',
    lang: 'go',
    file: `func a() {
	if err != nil {
		return err
	}
}

func b() {
	if err != nil {
		return err
	}
}
`,
    search: `    if err != nil {
        return err
    }`,
    replace: `    if err != nil {
        return fmt.Errorf("b: %w", err)
    }`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'TS replacement line dedented past the block is clamped at column 0',
    lang: 'ts',
    file: `class A {
  m() {
    call();
  }
}
`,
    search: `      m() {
        call();
      }`,
    replace: `      m() {
        call();
      }
  // end of A`,
    expect: {
      text: `class A {
  m() {
    call();
  }
// end of A
}
`,
    },
  },
  {
    name: 'Python tabs in the search against a space-indented file',
    lang: 'py',
    file: `def f():
    for i in range(3):
        print(i)
`,
    search: `\tfor i in range(3):\n\t\tprint(i)`,
    replace: `\tfor i in range(3):\n\t\tprint(i)\n\t\tprint(i * 2)`,
    expect: {
      text: `def f():
    for i in range(3):
        print(i)
        print(i * 2)
`,
    },
  },
  {
    name: 'Rust single line with wrong indentation lands on the unique line',
    lang: 'rust',
    file: `fn main() {
    let x = compute();
}
`,
    search: `let x = compute();`,
    replace: `let x = compute()?;`,
    expect: {
      strategy: 'exact',
      text: `fn main() {
    let x = compute()?;
}
`,
    },
  },
  {
    name: 'JS one-line search with too little indentation is a substring hit and keeps the indentation',
    lang: 'js',
    file: `app.get('/', (req, res) => {
    res.send('ok');
});
`,
    search: `  res.send('ok');\n`,
    replace: `  res.status(200).send('ok');\n`,
    expect: {
      strategy: 'exact',
      text: `app.get('/', (req, res) => {
    res.status(200).send('ok');
});
`,
    },
  },
  {
    name: 'JS multi-line replacement for a search hit inside deeper indentation is re-indented',
    lang: 'js',
    file: `app.get('/', (req, res) => {
    res.send('ok');
});
`,
    search: `res.send('ok');`,
    replace: `log(req);
res.send('ok');`,
    expect: {
      strategy: 'indentation-relative',
      text: `app.get('/', (req, res) => {
    log(req);
    res.send('ok');
});
`,
    },
  },
  {
    name: 'Python statement searched without indentation gets a correctly indented multi-line replacement',
    lang: 'py',
    file: `def run():
    start()
    stop()
`,
    search: `start()\n`,
    replace: `start()\nwait(1)\n`,
    expect: {
      text: `def run():
    start()
    wait(1)
    stop()
`,
    },
  },
];
