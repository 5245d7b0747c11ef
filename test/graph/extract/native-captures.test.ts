import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSource, startNativeExtract } from '../../../server/graph/extract/extract-file.js';
import { languageForPath } from '../../../server/graph/extract/languages.js';
import { packageRoot } from '../../../server/core/package-root.js';
import { splitQuerySource } from '../../../server/graph/extract/query-loader.js';
import {
  compilePredicate,
  loadNativeGraph,
  NATIVE_ADDON_PATH,
  nativeGraphStatus,
  nativeLanguage,
  nativeParseOnly,
  setNativeParseThreads,
} from '../../../server/graph/extract/native-captures.js';
import type { Language } from '../../../server/graph/types.js';
import { openedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';
import { fixturePath, sourceFixtures, trickyInput, TRICKY_INPUTS } from './check-extraction.js';

const opened = openedResources();

const fixtures = sourceFixtures();

/** The shared tricky inputs, plus one that yields no records at all. */
const TRICKY: Array<[string, Language, string]> = [...TRICKY_INPUTS, ['an empty file', 'python', '']];

describe('native extractor', () => {
  it('is built by npm ci and loads', () => {
    const status = nativeGraphStatus();
    expect(status.detail).toContain('loaded from');
    expect(status.available).toBe(true);
    for (const language of ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust'] as const) expect(nativeLanguage(language)).not.toBeNull();
  });

  it.each(fixtures)('extracts %s exactly as the Node binding path does', (rel) => {
    const language = languageForPath(rel)!;
    const text = readFileSync(fixturePath(rel), 'utf8');
    const binding = extractSource(language, text, 'binding');
    expect(binding.symbols.length + binding.references.length).toBeGreaterThan(0);
    expect(extractSource(language, text)).toEqual(binding);
  });

  it.each(TRICKY)('extracts %s exactly as the Node binding path does', (_label, language, text) => {
    expect(extractSource(language, text)).toEqual(extractSource(language, text, 'binding'));
  });

  it('keeps JSX components and drops lowercase tags (the #match? predicate applies natively)', () => {
    const refs = extractSource('tsx', trickyInput('JSX predicates')).references.map((r) => r.name);
    expect(refs).toContain('Button');
    expect(refs).toContain('label');
    expect(refs).not.toContain('div');
    expect(refs).not.toContain('span');
  });

  it('gives the same records from a parse thread as on this thread', async () => {
    expect(setNativeParseThreads(2)).toBe(2);
    const rel = fixtures.find((f) => f.endsWith('.ts'))!;
    const text = readFileSync(fixturePath(rel), 'utf8');
    const started = await Promise.all([startNativeExtract('typescript', text)!, startNativeExtract('typescript', text)!]);
    for (const finish of started) expect(finish()).toEqual(extractSource('typescript', text));
  });

  it('parses alone for the benchmark floor and says whether the tree has errors', () => {
    expect(nativeParseOnly('typescript', 'export const a = 1;\n')).toBe(false);
    expect(nativeParseOnly('typescript', 'export const = ;\n')).toBe(true);
  });

  it('rejects bad arguments with named errors instead of crashing', () => {
    const ts = nativeLanguage('typescript')!;
    const py = nativeLanguage('python')!;
    const g = ts.graph;
    expect(() => g.extractSync(99, ts.deep.handle, -1, 'x')).toThrow(expect.objectContaining({ code: 'SC_LANGUAGE' }));
    expect(() => g.extractSync(ts.index, 12345, -1, 'x')).toThrow(expect.objectContaining({ code: 'SC_QUERY' }));
    expect(() => g.extractSync(ts.index, py.deep.handle, -1, 'x')).toThrow(/compiled for another language/);
    expect(() => g.extractSync(ts.index, ts.deep.handle, -1, 42 as unknown as string)).toThrow(expect.objectContaining({ code: 'SC_ARGS' }));
    expect(() => g.compileQuery(ts.index, '(function_declaration name: (identifier) @name')).toThrow(/query error/);
    expect(() => g.compileQuery(ts.index, '(no_such_node) @x')).toThrow(expect.objectContaining({ code: 'SC_QUERY' }));
    expect(() => g.compileQuery(ts.index, 7 as unknown as string)).toThrow(/the query source must be a string/);
    expect(() => g.setRoles(ts.deep.handle, new Uint8Array(1))).toThrow(expect.objectContaining({ code: 'SC_ROLES' }));
    expect(() => g.setThreads(0)).toThrow(expect.objectContaining({ code: 'SC_THREADS' }));
    // still serving after all of that
    expect(extractSource('typescript', 'export function ok() {}\n').symbols.map((s) => s.name)).toEqual(['ok']);
  });

  it('says how to build it when the addon file is missing or is not an addon', () => {
    const ws = opened.workspace(makeTempWorkspace({}, 'smallcode-native-'));
    const missing = loadNativeGraph(join(ws.root, 'missing.node'));
    expect(missing.graph).toBeNull();
    expect(missing.detail).toMatch(/not built .*npm run build:native/);
    const junk = join(ws.root, 'junk.node');
    writeFileSync(junk, 'not a shared object');
    const broken = loadNativeGraph(junk);
    expect(broken.graph).toBeNull();
    expect(broken.detail).toMatch(/does not load .*npm run build:native/);
  });
});

/** A packed result's matches as sortable strings: pattern, then each capture's id and fields. */
function packedMatches(data: Int32Array): string[] {
  const matches = data[1]!;
  const capBase = 4 + matches * 3;
  const fields = nativeLanguage('typescript')!.graph.captureFields;
  const out: string[] = [];
  for (let m = 0; m < matches; m++) {
    const [pattern, first, count] = [data[4 + m * 3]!, data[4 + m * 3 + 1]!, data[4 + m * 3 + 2]!];
    const caps: string[] = [];
    for (let c = first; c < first + count; c++) caps.push(Array.from(data.subarray(capBase + c * fields, capBase + (c + 1) * fields)).join(','));
    out.push(`${pattern}|${caps.join('|')}`);
  }
  return out.sort();
}

describe('native query runs at root node types', () => {
  const ts = (): NonNullable<ReturnType<typeof nativeLanguage>> => nativeLanguage('typescript')!;

  it("starts every language's queries only at their patterns' root node types", () => {
    for (const language of ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust'] as const) {
      const l = nativeLanguage(language)!;
      expect(l.graph.startsAtRoots(l.deep.handle), language).toBe(true);
      if (l.top) expect(l.graph.startsAtRoots(l.top.handle), language).toBe(true);
    }
  });

  it('reads roots through alternations and predicate groupings', () => {
    const g = ts().graph;
    expect(g.startsAtRoots(g.compileQuery(ts().index, '[(identifier) (type_identifier)] @n'))).toBe(true);
    expect(g.startsAtRoots(g.compileQuery(ts().index, '((call_expression function: (identifier) @f) (#eq? @f "x"))'))).toBe(true);
    expect(g.startsAtRoots(g.compileQuery(ts().index, '; a comment first\n(comment) @c\n[(class_declaration) (interface_declaration)] @d'))).toBe(true);
    // many patterns over a few root types: each type counts once
    const many = Array.from({ length: 200 }, (_, i) => (i % 2 ? `(identifier) @i${i}` : `(call_expression function: (identifier) @f${i})`)).join('\n');
    expect(g.startsAtRoots(g.compileQuery(ts().index, many))).toBe(true);
  });

  it.each([
    ['a wildcard root', '(_) @x'],
    ['a supertype root', '(expression) @x'],
    ['sibling patterns without one root', '((comment) (function_declaration) @f)'],
    ['an ERROR root', '(ERROR) @e'],
    ['an anonymous node root', '"const" @k'],
    ['one unreadable pattern among readable ones', '(comment) @c\n(_ (identifier) @i)'],
  ])('walks the whole tree when a query has %s, and still matches', (_label, source) => {
    const g = ts().graph;
    const handle = g.compileQuery(ts().index, source);
    expect(g.startsAtRoots(handle)).toBe(false);
    const data = g.extractSync(ts().index, handle, -1, '/** c */\nexport const a = f(b);\nfunction g(): T {}\nconst = ;\n');
    expect(data[1]).toBeGreaterThan(0);
  });

  it.each(fixtures)('finds in %s exactly the matches of a whole-tree walk', (rel) => {
    const language = languageForPath(rel)!;
    const l = nativeLanguage(language)!;
    const text = readFileSync(fixturePath(rel), 'utf8');
    const source = splitQuerySource(language).deep;
    const rooted = l.graph.compileQuery(l.index, source);
    // an ERROR-rooted pattern (appended, so no other pattern or capture changes its id) forces the whole-tree walk
    const walked = l.graph.compileQuery(l.index, `${source}\n(ERROR (ERROR (ERROR))) @never_matched`);
    expect(l.graph.startsAtRoots(rooted)).toBe(true);
    expect(l.graph.startsAtRoots(walked)).toBe(false);
    const fromRoots = packedMatches(l.graph.extractSync(l.index, rooted, -1, text));
    expect(fromRoots.length).toBeGreaterThan(0);
    expect(fromRoots).toEqual(packedMatches(l.graph.extractSync(l.index, walked, -1, text)));
  });
});

describe('native query predicates (the Node binding semantics)', () => {
  const names = ['a', 'b'];
  const texts = (values: Record<number, string[]>) => (id: number) => values[id] ?? [];

  it('#eq? compares a capture with a string or with another capture', () => {
    expect(compilePredicate(['eq?', 0, 'require'], names)(texts({ 0: ['require'] }))).toBe(true);
    expect(compilePredicate(['eq?', 0, 'require'], names)(texts({ 0: ['import'] }))).toBe(false);
    expect(compilePredicate(['eq?', 0, 1], names)(texts({ 0: ['x'], 1: ['x'] }))).toBe(true);
    expect(compilePredicate(['not-eq?', 0, 1], names)(texts({ 0: ['x'], 1: ['x'] }))).toBe(false);
    expect(compilePredicate(['any-eq?', 0, 'x'], names)(texts({ 0: ['y', 'x'] }))).toBe(true);
    expect(compilePredicate(['eq?', 0, 'x'], names)(texts({ 0: ['y', 'x'] }))).toBe(false);
  });

  it('#match? tests a regular expression; a missing capture fails it and passes #not-match?', () => {
    expect(compilePredicate(['match?', 0, '^[A-Z]'], names)(texts({ 0: ['Button'] }))).toBe(true);
    expect(compilePredicate(['match?', 0, '^[A-Z]'], names)(texts({ 0: ['div'] }))).toBe(false);
    expect(compilePredicate(['match?', 0, '^[A-Z]'], names)(texts({}))).toBe(false);
    expect(compilePredicate(['not-match?', 0, '^[A-Z]'], names)(texts({}))).toBe(true);
    expect(compilePredicate(['not-match?', 0, '^[A-Z]'], names)(texts({ 0: ['div'] }))).toBe(true);
  });

  it('#any-of? checks membership, and property predicates do not filter', () => {
    expect(compilePredicate(['any-of?', 0, 'a', 'b'], names)(texts({ 0: ['b'] }))).toBe(true);
    expect(compilePredicate(['any-of?', 0, 'a', 'b'], names)(texts({ 0: ['c'] }))).toBe(false);
    expect(compilePredicate(['not-any-of?', 0, 'a', 'b'], names)(texts({ 0: ['c'] }))).toBe(true);
    expect(compilePredicate(['set!', 'key', 'value'], names)(texts({}))).toBe(true);
  });

  it('rejects unknown predicates and misplaced arguments by name', () => {
    expect(() => compilePredicate(['frobnicate?', 0], names)).toThrow(/unknown query predicate #frobnicate\?/);
    expect(() => compilePredicate(['match?', 'x', 'y'], names)).toThrow(/#match\? needs a capture as argument 1/);
    expect(() => compilePredicate(['eq?', 0], names)).toThrow(/#eq\? takes 2 arguments, got 1/);
  });
});

/**
 * A worker thread that ends (terminate(), process.exit()) while its extractAsync jobs are queued or
 * parsing: its queries and threadsafe function are finalized with the environment, and when only
 * workers loaded the addon Node unmaps it while the parse threads still run its code. Run in a child
 * process, since the failure is a crash (use-after-free, SIGSEGV / abort).
 */
const WORKER_TEARDOWN_SCRIPT = `
const { Worker } = require('node:worker_threads');
const { addon, deep, top, fixture } = JSON.parse(process.env.SC_TEARDOWN);
const workerCode = \`
const { workerData, parentPort } = require('node:worker_threads');
const g = require(workerData.addon);
const d = g.compileQuery(0, workerData.deep), t = g.compileQuery(0, workerData.top);
const text = require('node:fs').readFileSync(workerData.fixture, 'utf8').repeat(30);
g.setThreads(2);
for (let k = 0; k < 60; k++) g.extractAsync(0, d, t, text).then(() => {});
if (workerData.exit) process.exit(0);
parentPort.postMessage('queued');
\`;
async function run(exit) {
  const w = new Worker(workerCode, { eval: true, workerData: { addon, deep, top, fixture, exit } });
  w.on('message', () => void w.terminate());
  await new Promise((resolve, reject) => { w.on('exit', resolve); w.on('error', reject); });
}
(async () => {
  for (let i = 0; i < 3; i++) await run(false); // only workers have loaded the addon: Node unloads it
  const g = require(addon); // from here on the main thread keeps it loaded
  for (let i = 0; i < 3; i++) await run(true);
  // the stale jobs go through the parse threads before (FIFO) or beside these
  const d = g.compileQuery(0, deep);
  const text = require('node:fs').readFileSync(fixture, 'utf8');
  const done = await Promise.all(Array.from({ length: 8 }, () => g.extractAsync(0, d, -1, text)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  console.log('survived', done.length);
})().catch((err) => { console.error(err); process.exit(2); });
`;

describe('native extractor and worker threads', () => {
  it('survives workers that end with parses in flight, and frees nothing a parse thread still reads', () => {
    const q = splitQuerySource('typescript');
    const input = { addon: join(packageRoot(), ...NATIVE_ADDON_PATH), deep: q.deep, top: q.top, fixture: fixturePath(fixtures.find((f) => f.endsWith('.ts'))!) };
    const r = spawnSync(process.execPath, ['-e', WORKER_TEARDOWN_SCRIPT], { env: { ...process.env, SC_TEARDOWN: JSON.stringify(input) }, encoding: 'utf8' });
    expect({ signal: r.signal, status: r.status, stderr: r.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
    expect(r.stdout).toContain('survived 8');
  });

  it('rejects a call with missing arguments by name', () => {
    const g = nativeLanguage('typescript')!.graph;
    const parseOnly = g.parseOnly as unknown as (...args: unknown[]) => unknown;
    expect(() => parseOnly(0)).toThrow(expect.objectContaining({ code: 'SC_ARGS' }));
    expect(() => parseOnly()).toThrow(expect.objectContaining({ code: 'SC_ARGS' }));
  });
});
