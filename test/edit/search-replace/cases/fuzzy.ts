/**
 * Fuzzy and loose cases: a slightly wrong search lands when one place is clearly best and very
 * similar (lines the model kept come from the file); near-identical places, distant candidates and
 * short searches are refused with the closest candidates and what differs.
 */
import type { Case } from './check.js';

const TS = `import { db } from './db.js';

export async function loadUser(id: string) {
  const row = await db.get('users', id);
  if (!row) {
    throw new Error('user not found');
  }
  return toUser(row);
}

export async function loadTeam(id: string) {
  const row = await db.get('teams', id);
  if (!row) {
    throw new Error('team not found');
  }
  return toTeam(row);
}
`;

const GO = `package store

func (s *Store) Get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.data[key]
	return v, ok
}
`;

export const FUZZY_CASES: Case[] = [
  {
    name: 'TS block with a missing semicolon on one kept line lands and keeps the file line',
    lang: 'ts',
    file: TS,
    search: `export async function loadUser(id: string) {
  const row = await db.get('users', id)
  if (!row) {
    throw new Error('user not found');
  }
  return toUser(row);
}`,
    replace: `export async function loadUser(id: string) {
  const row = await db.get('users', id)
  if (!row) {
    throw new NotFoundError('user', id);
  }
  return toUser(row);
}`,
    expect: {
      strategy: 'loose-punctuation',
      text: `import { db } from './db.js';

export async function loadUser(id: string) {
  const row = await db.get('users', id);
  if (!row) {
    throw new NotFoundError('user', id);
  }
  return toUser(row);
}

export async function loadTeam(id: string) {
  const row = await db.get('teams', id);
  if (!row) {
    throw new Error('team not found');
  }
  return toTeam(row);
}
`,
    },
  },
  {
    name: 'Go method with a misremembered call in the middle lands on the right method',
    lang: 'go',
    file: GO,
    search: `func (s *Store) Get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.Unlock()
	v, ok := s.data[key]
	return v, ok
}`,
    replace: `func (s *Store) Get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.Unlock()
	v, ok := s.data[strings.ToLower(key)]
	return v, ok
}`,
    expect: {
      strategy: 'fuzzy',
      text: `package store

func (s *Store) Get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.data[strings.ToLower(key)]
	return v, ok
}
`,
    },
  },
  {
    name: 'Python block written with single quotes lands through loose matching',
    lang: 'py',
    file: `def greet(name):
    prefix = "Hello"
    return f"{prefix}, {name}"
`,
    search: `def greet(name):
    prefix = 'Hello'
    return f'{prefix}, {name}'`,
    replace: `def greet(name):
    prefix = 'Hello'
    return f'{prefix}, {name}!'`,
    expect: {
      strategy: 'loose-punctuation',
      text: `def greet(name):
    prefix = "Hello"
    return f'{prefix}, {name}!'
`,
    },
  },
  {
    name: 'JS call with different spacing inside parentheses lands through loose matching',
    lang: 'js',
    file: `const total = sum( a, b );
render(total);
`,
    search: `const total = sum(a, b);`,
    replace: `const total = sum(a, b, c);`,
    expect: { strategy: 'loose-punctuation', text: `const total = sum(a, b, c);
render(total);
` },
  },
  {
    name: 'Python block whose indentation the model flattened is refused when new lines need indentation',
    lang: 'py',
    file: `def walk(tree):
    for node in tree:
        if node.leaf:
            yield node
`,
    search: `for node in tree:
if node.leaf:
yield node`,
    replace: `for node in tree:
if node.leaf:
yield node
else:
yield from walk(node.children)`,
    expect: { refuse: 'refused', mentions: ['lines 2-4', 'exact indentation'] },
  },
  {
    name: 'Python flattened block may still delete lines (no new indentation needed)',
    lang: 'py',
    file: `def walk(tree):
    for node in tree:
        print(node)
        if node.leaf:
            yield node
`,
    search: `for node in tree:
print(node)
if node.leaf:`,
    replace: `for node in tree:
if node.leaf:`,
    expect: {
      strategy: 'loose-punctuation',
      text: `def walk(tree):
    for node in tree:
        if node.leaf:
            yield node
`,
    },
  },
  {
    name: 'CSS rule with one slightly different value lands',
    lang: 'css',
    file: `.modal {
  position: fixed;
  padding: 16px 24px;
  border-radius: 8px;
  background: white;
}
`,
    search: `.modal {
  position: fixed;
  padding: 16px 20px;
  border-radius: 8px;
  background: white;
}`,
    replace: `.modal {
  position: fixed;
  padding: 16px 20px;
  border-radius: 8px;
  background: var(--surface);
}`,
    expect: {
      strategy: 'fuzzy',
      text: `.modal {
  position: fixed;
  padding: 16px 24px;
  border-radius: 8px;
  background: var(--surface);
}
`,
    },
  },
  {
    name: 'Rust ten-line block that omits one file line lands and keeps that line',
    lang: 'rust',
    file: `fn build(cfg: &Config) -> Server {
    let addr = cfg.addr();
    let pool = Pool::new(cfg.threads);
    let cache = Cache::new(cfg.cache_size);
    let metrics = Metrics::default();
    let router = Router::new();
    let tls = cfg.tls.clone();
    let timeout = cfg.timeout;
    Server { addr, pool, cache, metrics, router, tls, timeout }
}
`,
    search: `fn build(cfg: &Config) -> Server {
    let addr = cfg.addr();
    let pool = Pool::new(cfg.threads);
    let cache = Cache::new(cfg.cache_size);
    let router = Router::new();
    let tls = cfg.tls.clone();
    let timeout = cfg.timeout;
    Server { addr, pool, cache, metrics, router, tls, timeout }
}`,
    replace: `fn build(cfg: &Config) -> Server {
    let addr = cfg.addr();
    let pool = Pool::new(cfg.threads.max(1));
    let cache = Cache::new(cfg.cache_size);
    let router = Router::new();
    let tls = cfg.tls.clone();
    let timeout = cfg.timeout;
    Server { addr, pool, cache, metrics, router, tls, timeout }
}`,
    expect: {
      strategy: 'fuzzy',
      text: `fn build(cfg: &Config) -> Server {
    let addr = cfg.addr();
    let pool = Pool::new(cfg.threads.max(1));
    let cache = Cache::new(cfg.cache_size);
    let metrics = Metrics::default();
    let router = Router::new();
    let tls = cfg.tls.clone();
    let timeout = cfg.timeout;
    Server { addr, pool, cache, metrics, router, tls, timeout }
}
`,
    },
  },
  {
    name: 'JSON block with a stray trailing comma on the last key lands',
    lang: 'json',
    file: `{
  "scripts": {
    "build": "tsc",
    "test": "vitest run",
    "lint": "eslint ."
  }
}
`,
    search: `  "scripts": {
    "build": "tsc",
    "test": "vitest run",
    "lint": "eslint .",
  }`,
    replace: `  "scripts": {
    "build": "tsc -p .",
    "test": "vitest run",
    "lint": "eslint .",
  }`,
    expect: {
      strategy: 'fuzzy',
      text: `{
  "scripts": {
    "build": "tsc -p .",
    "test": "vitest run",
    "lint": "eslint ."
  }
}
`,
    },
  },
  {
    name: 'two near-identical functions: a search close to both is refused as ambiguous',
    lang: 'ts',
    file: TS,
    search: `  const row = await db.get('users', id);
  if (!row) {
    throw new Error('not found');
  }`,
    replace: `  const row = await db.get('users', id);
  if (!row) {
    return null;
  }`,
    expect: { refuse: 'ambiguous', mentions: ['equally close', 'lines 4-7', 'lines 12-15'] },
  },
  {
    name: 'anchor header of one function with the body of the other is refused',
    lang: 'ts',
    file: TS,
    search: `export async function loadTeam(id: string) {
  const row = await db.get('users', id);
  if (!row) {
    throw new Error('user not found');
  }
  return toUser(row);
}`,
    replace: `export async function loadTeam(id: string) {
  return null;
}`,
    expect: { refuse: 'ambiguous', mentions: ['Closest candidate', 'lines 3-9', 'lines 11-17'] },
  },
  {
    name: 'a candidate with half its lines different is refused as too far',
    lang: 'go',
    file: GO,
    search: `func (s *Store) Get(key string) (string, bool) {
	s.lock.Lock()
	value, found := s.items[key]
	return value, found
}`,
    replace: `func (s *Store) Get(key string) (string, bool) {
	return "", false
}`,
    expect: { refuse: 'no_match', mentions: ['too different', 'search line 2', 'file   line'] },
  },
  {
    name: 'two-line search with a typo is refused (short searches must match exactly)',
    lang: 'py',
    file: `def area(r):
    return 3.14159 * r * r
`,
    search: `def area(r):
    return 3.1416 * r * r`,
    replace: `def area(r):
    return math.pi * r * r`,
    expect: { refuse: 'no_match', mentions: ['only 2 non-blank line(s)', 'lines 1-2'] },
  },
  {
    name: 'single-line search with one different identifier is refused with the closest line',
    lang: 'js',
    file: `const userCount = users.length;
const teamCount = teams.length;
`,
    search: `const usrCount = users.length;`,
    replace: `const usrCount = users.filter(Boolean).length;`,
    expect: { refuse: 'no_match', mentions: ['line 1', 'const userCount = users.length;'] },
  },
  {
    name: 'search from another file entirely is refused: none of its lines occur',
    lang: 'rust',
    file: `fn main() {
    println!("hi");
}
`,
    search: `impl Display for Token {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        write!(f, "{}", self.text)
    }
}`,
    replace: `impl Display for Token {}`,
    expect: { refuse: 'no_match', mentions: ['none of its lines occur'] },
  },
  {
    name: 'first search line far from the file line is refused (edit boundaries unclear)',
    lang: 'css',
    file: `.a {
  color: red;
  margin: 0;
  padding: 0;
  border: none;
}
`,
    search: `.alert-banner-large {
  color: red;
  margin: 0;
  padding: 0;
  border: none;
}`,
    replace: `.alert-banner-large {
  color: darkred;
  margin: 0;
  padding: 0;
  border: none;
}`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'an edit that was already applied is refused and says so',
    lang: 'py',
    file: `def f(x):
    y = x * 2
    return y
`,
    search: `def f(x):
    y = x + 2
    return y`,
    replace: `def f(x):
    y = x * 2
    return y`,
    expect: { refuse: 'no_match', mentions: ['already appears at line 1', 'differs from file line 2'] },
  },
  {
    name: 'a search that hallucinates an extra line in a short block is refused',
    lang: 'go',
    file: GO,
    search: `func (s *Store) Get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.hits++
	v, ok := s.data[key]
	return v, ok
}`,
    replace: `func (s *Store) Get(key string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.hits += 1
	v, ok := s.data[key]
	return v, ok
}`,
    expect: { refuse: 'no_match', mentions: ['not in the file here'] },
  },
  {
    name: 'Markdown paragraph with one word changed in a short section is refused',
    lang: 'md',
    file: `## Setup

Install the dependencies with npm.
`,
    search: `## Setup

Install the dependencies with pnpm.`,
    replace: `## Setup

Install the dependencies with pnpm install.`,
    expect: { refuse: 'no_match' },
  },
  {
    name: 'loose match that fits two places is refused as ambiguous',
    lang: 'js',
    file: `call( a );
other();
call(a);
`,
    search: `call(  a  );`,
    replace: `call(b);`,
    expect: { refuse: 'ambiguous' },
  },
  {
    name: 'two near-identical CSS rules: a search with a typo is refused',
    lang: 'css',
    file: `.primary {
  color: white;
  background: blue;
  border: 0;
}

.secondary {
  color: white;
  background: gray;
  border: 0;
}
`,
    search: `  color: white;
  background: blu;
  border: 0;`,
    replace: `  color: black;
  background: blu;
  border: 0;`,
    expect: { refuse: 'ambiguous', mentions: ['lines 2-4', 'lines 8-10'] },
  },
  {
    name: 'a fuzzy match whose edit rewrites the line that differs is refused (no silent overwrite)',
    lang: 'ts',
    file: `function connect(opts) {
  const url = buildUrl(opts.host, opts.port);
  const socket = open(url);
  socket.on('error', report);
  return socket;
}
`,
    search: `function connect(opts) {
  const url = buildUrl(opts.host, opts.portNumber);
  const socket = open(url);
  socket.on('error', report);
  return socket;
}`,
    replace: `function connect(opts) {
  const url = buildUrl(opts.host, opts.portNumber, opts.tls);
  const socket = open(url);
  socket.on('error', report);
  return socket;
}`,
    expect: { refuse: 'no_match', mentions: ['changes search line 2', 'differs from file line 2', 'opts.port);'] },
  },
  {
    name: 'TS lines that differ only by a statement-ending semicolon land through loose matching',
    lang: 'ts',
    file: `function total(items) {
  const sum = items.reduce((a, b) => a + b, 0)
  return sum
}
`,
    search: `  const sum = items.reduce((a, b) => a + b, 0);
  return sum;`,
    replace: `  const sum = items.reduce((a, b) => a + b, 0);
  return Math.round(sum);`,
    expect: {
      strategy: 'loose-punctuation',
      text: `function total(items) {
  const sum = items.reduce((a, b) => a + b, 0)
  return Math.round(sum);
}
`,
    },
  },
  {
    name: 'a block with one substantially different line is refused even when that line is kept',
    lang: 'js',
    file: `async function main() {
  const cfg = await loadConfig();
  const result = compute(a, b);
  await save(result);
  return result;
}
`,
    search: `async function main() {
  const cfg = await loadConfig();
  const result = calculate(x, y);
  await save(result);
  return result;
}`,
    replace: `async function main() {
  const cfg = await loadConfig();
  const result = calculate(x, y);
  await save(result, cfg);
  return result;
}`,
    expect: { refuse: 'no_match', mentions: ['too different', 'search line 3', 'file   line 3'] },
  },
];
