/**
 * Real-shaped small-model edits that combine the categories: escaped tool arguments, prefixes plus
 * shifted indentation, framework code, config files, and the refusals such edits must get.
 */
import type { Case } from './check.js';

const TSX = `export function Button({ label, onClick }: Props) {
  return (
    <button className="btn" onClick={onClick}>
      {label}
    </button>
  );
}
`;

const GO = `type Config struct {
	Addr    string
	Timeout time.Duration
}

func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
`;

export const REALISTIC_CASES: Case[] = [
  {
    name: 'TSX attribute edit lands exactly',
    lang: 'ts',
    file: TSX,
    search: `<button className="btn" onClick={onClick}>`,
    replace: `<button className="btn" type="button" onClick={onClick}>`,
    expect: {
      strategy: 'exact',
      text: `export function Button({ label, onClick }: Props) {
  return (
    <button className="btn" type="button" onClick={onClick}>
      {label}
    </button>
  );
}
`,
    },
  },
  {
    name: 'double-escaped search and replacement (literal \\n) are decoded and applied',
    lang: 'ts',
    file: TSX,
    search: String.raw`    <button className="btn" onClick={onClick}>\n      {label}\n    </button>`,
    replace: String.raw`    <button className="btn" onClick={onClick}>\n      <span>{label}</span>\n    </button>`,
    expect: {
      text: `export function Button({ label, onClick }: Props) {
  return (
    <button className="btn" onClick={onClick}>
      <span>{label}</span>
    </button>
  );
}
`,
    },
  },
  {
    name: 'Python double-escaped search with \\" quotes is decoded',
    lang: 'py',
    file: `def main():
    print("start")
    run()
`,
    search: String.raw`    print(\"start\")\n    run()`,
    replace: String.raw`    print(\"start\")\n    run(verbose=True)`,
    expect: { text: `def main():
    print("start")
    run(verbose=True)
` },
  },
  {
    name: 'Go double-escaped \\t indentation is decoded',
    lang: 'go',
    file: GO,
    search: String.raw`\tvar c Config\n\tif err := json.Unmarshal(data, &c); err != nil {`,
    replace: String.raw`\tc := Config{Timeout: 5 * time.Second}\n\tif err := json.Unmarshal(data, &c); err != nil {`,
    expect: {
      text: `type Config struct {
	Addr    string
	Timeout time.Duration
}

func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c := Config{Timeout: 5 * time.Second}
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
`,
    },
  },
  {
    name: 'a line with a real \\n escape inside a string literal matches exactly, not decoded',
    lang: 'py',
    file: `msg = "a\\nb"\nprint(msg)\n`,
    search: `msg = "a\\nb"`,
    replace: `msg = "a\\nb\\nc"`,
    expect: { strategy: 'exact', text: `msg = "a\\nb\\nc"\nprint(msg)\n` },
  },
  {
    name: 'Go struct field added from a space-indented search',
    lang: 'go',
    file: GO,
    search: `type Config struct {
    Addr    string
    Timeout time.Duration
}`,
    replace: `type Config struct {
    Addr    string
    Timeout time.Duration
    Debug   bool
}`,
    expect: {
      text: `type Config struct {
	Addr    string
	Timeout time.Duration
	Debug   bool
}

func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
`,
    },
  },
  {
    name: 'Go `return nil, err` shared by two error branches is refused as ambiguous',
    lang: 'go',
    file: GO,
    search: `		return nil, err`,
    replace: `		return nil, fmt.Errorf("load %s: %w", path, err)`,
    expect: { refuse: 'ambiguous', mentions: ['lines 9, 13'] },
  },
  {
    name: 'Go error branch made unique by its preceding line lands',
    lang: 'go',
    file: GO,
    search: `	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}`,
    replace: `	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}`,
    expect: {
      text: `type Config struct {
	Addr    string
	Timeout time.Duration
}

func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
`,
    },
  },
  {
    name: 'Rust prefixed search copied from a nested impl with the wrong indentation',
    lang: 'rust',
    file: `mod net {
    impl Client {
        pub fn send(&self, msg: &str) {
            self.sock.write(msg);
        }
    }
}
`,
    search: `3│ pub fn send(&self, msg: &str) {
4│     self.sock.write(msg);
5│ }`,
    replace: `3│ pub fn send(&self, msg: &str) -> io::Result<()> {
4│     self.sock.write(msg)?;
    Ok(())
5│ }`,
    expect: {
      text: `mod net {
    impl Client {
        pub fn send(&self, msg: &str) -> io::Result<()> {
            self.sock.write(msg)?;
            Ok(())
        }
    }
}
`,
    },
  },
  {
    name: 'Rust same method in two impls is refused as ambiguous',
    lang: 'rust',
    file: `impl A {
    fn name(&self) -> &str {
        "a"
    }
}

impl B {
    fn name(&self) -> &str {
        "a"
    }
}
`,
    search: `    fn name(&self) -> &str {
        "a"
    }`,
    replace: `    fn name(&self) -> &str {
        "b"
    }`,
    expect: { refuse: 'ambiguous', mentions: ['lines 2-4, 8-10'] },
  },
  {
    name: 'package.json dependency bump with a trailing-space search',
    lang: 'json',
    file: `{
  "dependencies": {
    "react": "^18.2.0",
    "zod": "^3.22.0"
  }
}
`,
    search: `    "zod": "^3.22.0"  `,
    replace: `    "zod": "^4.1.0"`,
    expect: {
      text: `{
  "dependencies": {
    "react": "^18.2.0",
    "zod": "^4.1.0"
  }
}
`,
    },
  },
  {
    name: 'JSON identical blocks under two keys: search including the parent key is unique',
    lang: 'json',
    file: `{
  "dev": {
    "debug": true
  },
  "prod": {
    "debug": true
  }
}
`,
    search: `  "prod": {
    "debug": true`,
    replace: `  "prod": {
    "debug": false`,
    expect: {
      text: `{
  "dev": {
    "debug": true
  },
  "prod": {
    "debug": false
  }
}
`,
    },
  },
  {
    name: 'CSS media query body edited through an elided search',
    lang: 'css',
    file: `@media (prefers-color-scheme: dark) {
  body {
    background: #111;
    color: #eee;
  }
  a {
    color: #8af;
  }
}
`,
    search: `@media (prefers-color-scheme: dark) {
  /* ... */
  a {
    color: #8af;
  }
}`,
    replace: `@media (prefers-color-scheme: dark) {
  /* ... */
  a {
    color: #9bf;
    text-decoration: underline;
  }
}`,
    expect: {
      text: `@media (prefers-color-scheme: dark) {
  body {
    background: #111;
    color: #eee;
  }
  a {
    color: #9bf;
    text-decoration: underline;
  }
}
`,
    },
  },
  {
    name: 'CSS rule whose search omits one declaration lands and keeps that declaration',
    lang: 'css',
    file: `.tag {
  display: inline-block;
  padding: 2px;
  border-radius: 4px;
}
`,
    search: `.tag {
  display: inline-block;
  border-radius: 4px;
}`,
    replace: `.tag {
  display: inline-flex;
  border-radius: 4px;
}`,
    expect: {
      strategy: 'fuzzy',
      text: `.tag {
  display: inline-flex;
  padding: 2px;
  border-radius: 4px;
}
`,
    },
  },
  {
    name: 'CSS rule whose search omits two of five lines is refused and lists them',
    lang: 'css',
    file: `.tag {
  display: inline-block;
  padding: 2px;
  margin: 0;
  border-radius: 4px;
}
`,
    search: `.tag {
  display: inline-block;
  border-radius: 4px;
}`,
    replace: `.tag {
  display: inline-flex;
  border-radius: 4px;
}`,
    expect: { refuse: 'no_match', mentions: ['padding: 2px;', 'margin: 0;', 'missing from your search'] },
  },
  {
    name: 'Markdown table row edited exactly',
    lang: 'md',
    file: `| Name | Value |
|------|-------|
| a    | 1     |
| b    | 2     |
`,
    search: `| b    | 2     |`,
    replace: `| b    | 3     |`,
    expect: { text: `| Name | Value |
|------|-------|
| a    | 1     |
| b    | 3     |
` },
  },
  {
    name: 'Markdown code inside a fence edited without the fence in the search',
    lang: 'md',
    file: "Run:\n\n```sh\nnpm test\n```\n",
    search: `npm test`,
    replace: `npm run test:unit`,
    expect: { text: "Run:\n\n```sh\nnpm run test:unit\n```\n" },
  },
  {
    name: 'Markdown ten-line list with one misremembered item lands, the item kept from the file',
    lang: 'md',
    file: `## Checklist

- lint passes
- unit tests pass
- integration tests pass
- docs updated
- changelog entry
- version bumped
- release notes drafted
- tag pushed
`,
    search: `- lint passes
- unit tests pass
- integration tests pass
- docs are updated
- changelog entry
- version bumped
- release notes drafted
- tag pushed`,
    replace: `- lint passes
- unit tests pass
- integration tests pass
- docs are updated
- changelog entry
- version bumped
- release notes drafted
- tag pushed
- announcement posted`,
    expect: {
      strategy: 'fuzzy',
      text: `## Checklist

- lint passes
- unit tests pass
- integration tests pass
- docs updated
- changelog entry
- version bumped
- release notes drafted
- tag pushed
- announcement posted
`,
    },
  },
  {
    name: 'TS unicode ellipsis `…` line works as an elision marker',
    lang: 'ts',
    file: `function init() {
  loadConfig();
  connect();
  serve();
}
`,
    search: `function init() {
  …
  serve();
}`,
    replace: `function init() {
  …
  serve({ port: 8080 });
}`,
    expect: { text: `function init() {
  loadConfig();
  connect();
  serve({ port: 8080 });
}
` },
  },
  {
    name: 'TS replaceAll renames an identifier on every line',
    lang: 'ts',
    file: `const oldName = 1;\nuse(oldName);\nexport { oldName };\n`,
    search: `oldName`,
    replace: `newName`,
    options: { replaceAll: true },
    expect: { matches: 3, text: `const newName = 1;\nuse(newName);\nexport { newName };\n` },
  },
  {
    name: 'Python whole function with tab-indented search gets new lines in spaces',
    lang: 'py',
    file: `class Repo:
    def get(self, key):
        return self.db[key]
`,
    search: `def get(self, key):\n\treturn self.db[key]`,
    replace: `def get(self, key):\n\tif key not in self.db:\n\t\treturn None\n\treturn self.db[key]`,
    expect: {
      text: `class Repo:
    def get(self, key):
        if key not in self.db:
            return None
        return self.db[key]
`,
    },
  },
  {
    name: 'JS regex with `$` groups in the replacement is written literally',
    lang: 'js',
    file: `const out = s.replace(/(\\w+)/g, '<$1>');\n`,
    search: `'<$1>'`,
    replace: `'[$1]$$'`,
    expect: { text: `const out = s.replace(/(\\w+)/g, '[$1]$$');\n` },
  },
  {
    name: 'Rust function deleted through a search without its inner blank line (blank lines around it stay, as with an exact deletion)',
    lang: 'rust',
    file: `fn keep() {}

fn remove_me() {
    let a = 1;

    drop(a);
}

fn also_keep() {}
`,
    search: `fn remove_me() {
    let a = 1;
    drop(a);
}
`,
    replace: ``,
    expect: { text: `fn keep() {}


fn also_keep() {}
` },
  },
  {
    name: 'TS fenced and line-numbered search is unwrapped and stripped',
    lang: 'ts',
    file: TSX,
    search: "```tsx\n4│       {label}\n5│     </button>\n```",
    replace: "```tsx\n4│       {label.toUpperCase()}\n5│     </button>\n```",
    expect: {
      text: `export function Button({ label, onClick }: Props) {
  return (
    <button className="btn" onClick={onClick}>
      {label.toUpperCase()}
    </button>
  );
}
`,
    },
  },
  {
    name: 'Python search for a method of a class that is not in the file is refused',
    lang: 'py',
    file: `class Repo:
    def get(self, key):
        return self.db[key]
`,
    search: `    def put(self, key, value):
        self.db[key] = value`,
    replace: `    def put(self, key, value):
        self.db[key] = value
        self.dirty = True`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'JS search mixing lines of two handlers is refused',
    lang: 'js',
    file: `router.get('/a', (req, res) => {
  const a = loadA(req.params.id);
  res.json(a);
});

router.get('/b', (req, res) => {
  const b = loadB(req.params.id);
  res.json(b);
});
`,
    search: `router.get('/a', (req, res) => {
  const b = loadB(req.params.id);
  res.json(b);
});`,
    replace: `router.get('/a', (req, res) => {
  const b = loadB(req.params.id);
  res.status(200).json(b);
});`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'an indented search equal to one whole line is not ambiguous with hits inside deeper indentation',
    lang: 'py',
    file: `def f(x):
    if x:
        return None
    return None
`,
    search: `    return None`,
    replace: `    return 0`,
    expect: { strategy: 'exact', text: `def f(x):
    if x:
        return None
    return 0
` },
  },
  {
    name: 'an indented search that is a whole line in two places stays ambiguous',
    lang: 'py',
    file: `def f(x):
    return None


def g(x):
    return None
`,
    search: `    return None`,
    replace: `    return 0`,
    expect: { refuse: 'ambiguous', mentions: ['lines 2, 6'] },
  },
  {
    name: 'Markdown search with straight quotes matches typographic quotes in the file',
    lang: 'md',
    file: `## FAQ

“Why?” — because it’s faster…
`,
    search: `"Why?" — because it's faster...`,
    replace: `"Why?" — because it is faster.`,
    expect: {
      strategy: 'loose-punctuation',
      text: `## FAQ

"Why?" — because it is faster.
`,
    },
  },
];
