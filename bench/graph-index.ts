/**
 * Benchmark of the graph indexer on a real TypeScript corpus (the sources of `effect@4.1.0` from
 * the npm registry, cached in bench/.cache/): the floors P (single-thread parse-only, Node binding)
 * and Pn (the native extractor's parser), cold index with the native extractor (1 thread, 1 and 2
 * parse threads) and the binding (1 thread, 2 workers), a second JavaScript corpus (three@0.170.0,
 * cold index only), incremental updates (mid-size files and a 36k-line file) and memory growth
 * over 10k updates. Prints numbers and ratios; asserts nothing.
 *
 * Run: npm run build && npx vite-node bench/graph-index.ts   (BENCH_ONLY=cold: only the floor and the cold index;
 * BENCH_ROUNDS=n: rounds of cold-index runs, each against floors measured around it, default 3)
 * (the parse workers and the cold-index child processes run the compiled dist/ code)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import { nativeGraphStatus, nativeParseOnly } from '../server/graph/extract/native-captures.js';
import { parseSource } from '../server/graph/extract/parse.js';
import { GraphIndexer } from '../server/graph/indexer/graph-indexer.js';
import { DEFAULT_EXCLUDES, DEFAULT_MAX_FILE_BYTES } from '../server/graph/indexer/index-options.js';
import { generatedReason } from '../server/graph/indexer/file-filter.js';
import { walkWorkspace } from '../server/graph/indexer/workspace-walk.js';
import type { ContentChange } from '../server/graph/indexer/text-edits.js';
import { openGraphStore } from '../server/graph/store/open-graph-store.js';
import type { Language } from '../server/graph/types.js';

const EFFECT_VERSION = '4.1.0';
const THREE_VERSION = '0.170.0';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'bench', '.cache');
const CORPUS = join(CACHE, `effect-${EFFECT_VERSION}`, 'package', 'src');

/** An npm package unpacked under bench/.cache (fetched once with `npm pack`); returns its folder. */
function ensurePackage(name: string, version: string): string {
  const dest = join(CACHE, `${name}-${version}`);
  const pkg = join(dest, 'package');
  if (existsSync(pkg)) return pkg;
  mkdirSync(CACHE, { recursive: true });
  const tgz = join(CACHE, `${name}-${version}.tgz`);
  if (!existsSync(tgz)) {
    process.stderr.write(`fetching ${name}@${version} from the npm registry…\n`);
    const r = spawnSync('npm', ['pack', `${name}@${version}`, '--pack-destination', CACHE, '--silent'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm pack ${name}@${version} failed`);
  }
  mkdirSync(dest, { recursive: true });
  const x = spawnSync('tar', ['xzf', tgz, '-C', dest], { stdio: 'inherit' });
  if (x.status !== 0) throw new Error('tar failed');
  return pkg;
}

function ensureCorpus(): void {
  ensurePackage('effect', EFFECT_VERSION);
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number): string => `${x.toFixed(x < 10 ? 3 : 0)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Seeded xorshift, so every run edits the same places. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/** Wall and CPU milliseconds of a single-thread parse of every file (the floor P). */
/** Single-thread parse-only: with the Node binding (the P) or the native extractor's parser. */
async function floorP(texts: string[], engine: 'binding' | 'native' = 'binding', languages?: Language[]): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  for (let i = 0; i < texts.length; i++) {
    const language = languages?.[i] ?? 'typescript';
    if (engine === 'native') {
      if (nativeParseOnly(language, texts[i]!) === null) throw new Error(`native extractor unavailable: ${nativeGraphStatus().detail}`);
    } else parseSource(language, texts[i]!);
    if (i % 32 === 31) await yieldTurn();
  }
  const cu = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (cu.user + cu.system) / 1000 };
}

interface ColdResult {
  elapsedMs: number;
  /** CPU time of the whole process (all threads). */
  cpuMs: number;
  /** Main-thread time inside store writes. */
  storeMs: number;
  maxRssBytes: number;
  files: number;
  parsed: number;
  symbols: number;
  references: number;
  workers: number;
  engine: string;
  dbBytes: number;
  kind: string;
}

/** One cold index in a fresh child process (clean peak RSS), on the compiled code. */
async function coldIndexChild(workers: number, storeRoot: string, native = true, corpus = CORPUS): Promise<ColdResult> {
  const dist = (p: string): string => pathToFileURL(join(ROOT, 'dist', p)).href;
  const script = `
    const { indexWorkspace } = await import(${JSON.stringify(dist('server/graph/indexer/cold-index.js'))});
    const { openGraphStore } = await import(${JSON.stringify(dist('server/graph/store/open-graph-store.js'))});
    const { statSync, existsSync } = await import('node:fs');
    const { store, kind } = openGraphStore(${JSON.stringify(storeRoot)});
    let storeMs = 0;
    const upsert = store.upsertFile.bind(store);
    store.upsertFile = (f) => { const t = performance.now(); try { return upsert(f); } finally { storeMs += performance.now() - t; } };
    const c0 = process.cpuUsage();
    const s = await indexWorkspace(${JSON.stringify(corpus)}, store, { workers: ${workers}, native: ${native} });
    const cu = process.cpuUsage(c0);
    store.close();
    const size = (p) => (existsSync(p) ? statSync(p).size : 0);
    const loc = store.location;
    process.stdout.write(JSON.stringify({ ...s, skippedFiles: undefined, kind,
      cpuMs: (cu.user + cu.system) / 1000, storeMs,
      dbBytes: size(loc) + size(loc + '-wal') }));
  `;
  // a script file, not `-e`: worker threads inherit execArgv, and `-e` there changes what they run
  const file = join(storeRoot, 'cold-index-child.mjs');
  writeFileSync(file, script);
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // peak memory polled from outside (the whole process, workers included): resourceUsage().maxRSS
  // and VmHWM can both carry this bench's own peak across fork/exec
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // the child has just exited: nothing more to sample
    }
  }, 5);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`cold index child failed: ${err}`);
  return { ...(JSON.parse(out) as Omit<ColdResult, 'maxRssBytes'>), maxRssBytes: peak };
}

const delta = (xs: number[]): string =>
  xs.slice(1).map((x, i) => `${x >= xs[i]! ? '+' : ''}${((x - xs[i]!) / 1024 / 1024).toFixed(1)} MB`).join(', then ');

/** Live heap, RSS and change-log length: before, after 10k and after 20k updates of one open file. */
interface Growth {
  heap: number[];
  rss: number[];
  /** Entries in the store's change log (bounded at 20,000). */
  log: number[];
  msPerUpdate: number;
}

async function memoryGrowthChild(storeRoot: string, absPath: string): Promise<Growth> {
  const dist = (p: string): string => JSON.stringify(pathToFileURL(join(ROOT, 'dist', p)).href);
  const script = `
    const { GraphIndexer } = await import(${dist('server/graph/indexer/graph-indexer.js')});
    const { openGraphStore } = await import(${dist('server/graph/store/open-graph-store.js')});
    const { collectDeadTrees } = await import(${dist('server/graph/indexer/tree-gc.js')});
    const { readFileSync } = await import('node:fs');
    const { setImmediate: turn } = await import('node:timers/promises');
    const { store } = openGraphStore(${JSON.stringify(storeRoot)});
    const indexer = new GraphIndexer(${JSON.stringify(CORPUS)}, store, { workers: 0 });
    const path = ${JSON.stringify(absPath)};
    const text = readFileSync(path, 'utf8');
    indexer.openDocument(path, text);
    const lines = text.split('\\n');
    const flip = async (n) => {
      for (let i = 0; i < n; i++) {
        const line = i % lines.length;
        const col = lines[line].length;
        if (i % 2 === 0) {
          const next = lines.slice();
          next[line] += 'z';
          indexer.updateFile(path, next.join('\\n'), [{ range: { start: { line, character: col }, end: { line, character: col } }, text: 'z' }]);
        } else indexer.updateFile(path, text);
        await turn();
      }
    };
    // live memory: a heap snapshot (taken after a precise full collection; heapUsed after gc() still
    // counts floating garbage), summed by the parent so parsing it does not inflate this RSS; RSS is
    // read before the snapshot is written
    const { writeHeapSnapshot } = await import('node:v8');
    let shot = 0;
    const reading = async () => {
      collectDeadTrees('major');
      await turn();
      const rss = process.memoryUsage().rss;
      const heap = writeHeapSnapshot(${JSON.stringify(join(storeRoot, 'growth'))} + (shot++) + '.heapsnapshot');
      return { heap, rss, log: store.log?.entries?.length ?? 0 };
    };
    // one snapshot before the warm-up, so the memory writing a snapshot takes is in the baseline
    (await import('node:fs')).rmSync((await reading()).heap);
    await flip(2000);
    const m0 = await reading();
    const t = performance.now();
    await flip(10000);
    const msPerUpdate = (performance.now() - t) / 10000;
    const m1 = await reading();
    await flip(10000);
    const m2 = await reading();
    await indexer.dispose();
    store.close();
    process.stdout.write(JSON.stringify({ heap: [m0, m1, m2].map((m) => m.heap), rss: [m0, m1, m2].map((m) => m.rss), log: [m0, m1, m2].map((m) => m.log), msPerUpdate }));
  `;
  const file = join(storeRoot, 'memory-growth-child.mjs');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`memory growth child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as Omit<Growth, 'heap'> & { heap: string[] };
  return { ...out, heap: out.heap.map(liveHeapBytes) };
}

/** Total self size of every object in a heap snapshot file (which is then deleted). */
function liveHeapBytes(file: string): number {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
  rmSync(file);
  const fields = snap.snapshot.meta.node_fields;
  let total = 0;
  for (let i = fields.indexOf('self_size'); i < snap.nodes.length; i += fields.length) total += snap.nodes[i]!;
  return total;
}

/**
 * A second, JavaScript corpus with more (smaller) files: three@0.170.0 (src/ and examples/jsm/,
 * its minified and oversized libraries skipped by the walk), cold index only.
 */
async function secondCorpus(): Promise<void> {
  const corpus = ensurePackage('three', THREE_VERSION);
  const walk = walkWorkspace(corpus, { exclude: DEFAULT_EXCLUDES, gitignore: true, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
  // the floor covers what the index parses: minified and generated files are skipped by both
  const all = walk.files.map((f) => ({ f, text: readFileSync(f.absPath, 'utf8') }));
  const kept = all.filter((x) => generatedReason(x.text) === null);
  const texts = kept.map((x) => x.text);
  const languages = kept.map((x) => x.f.language);
  const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
  await floorP(texts.slice(0, 50), 'binding', languages);
  await floorP(texts.slice(0, 50), 'native', languages);
  const p = Math.min((await floorP(texts, 'binding', languages)).wall, (await floorP(texts, 'binding', languages)).wall);
  const pn = Math.min((await floorP(texts, 'native', languages)).wall, (await floorP(texts, 'native', languages)).wall);
  console.log(
    `\nsecond corpus: three@${THREE_VERSION} (JavaScript) — ${kept.length} files, ${lines} lines indexed (${all.length - kept.length} minified or generated and ${walk.skipped.length} more skipped, as the index skips them); ` +
      `P ${ms(p)}, Pn ${ms(pn)}`,
  );
  const runs = [
    ['2 parse threads   ', 2, true],
    ['1 thread          ', 0, true],
    ['binding, 2 workers', 2, false],
  ] as const;
  for (const [label, workers, native] of runs) {
    const storeRoot = mkdtempSync(join(tmpdir(), 'smallcode-bench-'));
    const r = await coldIndexChild(workers, storeRoot, native, corpus);
    rmSync(storeRoot, { recursive: true, force: true });
    const s = r.elapsedMs / 1000;
    console.log(
      `  ${label}: wall ${ms(r.elapsedMs)} = ${(r.elapsedMs / p).toFixed(2)}×P = ${(r.elapsedMs / pn).toFixed(2)}×Pn   ` +
        `${(r.parsed / s).toFixed(0)} files/s  ${(lines / s).toFixed(0)} lines/s  peak RSS ${mb(r.maxRssBytes)}  [${r.symbols} symbols, ${r.references} references; ${r.engine}, threads used: ${r.workers}]`,
    );
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'server', 'graph', 'indexer', 'parse-worker.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  ensureCorpus();
  const walk = walkWorkspace(CORPUS, { exclude: DEFAULT_EXCLUDES, gitignore: true, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
  const texts = walk.files.map((f) => readFileSync(f.absPath, 'utf8'));
  const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
  // tree-sitter-typescript 0.23.2 does not know some newer TS syntax (variance annotations `in`/`out`
  // on type parameters, …): those files index partially and re-parse slower (error recovery)
  const clean = texts.map((t) => !parseSource('typescript', t).rootNode.hasError);
  console.log(
    `corpus: effect@${EFFECT_VERSION} src/ — ${walk.files.length} files, ${lines} lines, ${mb(texts.reduce((n, t) => n + t.length, 0))} ` +
      `(${walk.skipped.length} skipped by the walk; ${clean.filter((c) => !c).length} contain syntax tree-sitter-typescript 0.23.2 reports as errors)`,
  );

  await floorP(texts.slice(0, 50)); // warm the parser and grammar
  await floorP(texts.slice(0, 50), 'native');
  const p1 = await floorP(texts);
  const n1 = await floorP(texts, 'native');
  console.log(`\nfloor P (single-thread parse-only, Node binding): wall ${ms(p1.wall)}, CPU ${ms(p1.cpu)}  (${((lines / p1.wall) * 1000).toFixed(0)} lines/s wall)`);
  console.log(`floor Pn (single-thread parse-only, the native extractor's own parser build): wall ${ms(n1.wall)}  (${((lines / n1.wall) * 1000).toFixed(0)} lines/s wall)`);

  // The machine's speed drifts (other tenants of the host): every round measures the floors before
  // and after its runs, and each run's ratios use its own round's floors, so drift between rounds
  // cannot flatter or penalise a configuration. BENCH_ROUNDS (default 3) rounds; medians reported.
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
  console.log(`\ncold index (fresh store, child process, wall incl. walk/read/hash/parse/extract/store; ${rounds} rounds, each against its own floors):`);
  const runs = [
    ['1 thread          ', 0, true],
    ['1 parse thread    ', 1, true],
    ['binding, 1 thread ', 0, false],
    ['binding, 2 workers', 2, false],
    ['2 parse threads   ', 2, true],
  ] as const;
  interface Run { r: ColdResult; p: number; pn: number; pCpu: number }
  const byLabel = new Map<string, Run[]>(runs.map(([label]) => [label, []]));
  // the store of the last 2-parse-thread run serves the incremental section below
  let lastStore = '';
  let last: ColdResult | undefined;
  let before = { p: p1, n: n1 };
  for (let round = 0; round < rounds; round++) {
    const done: Array<[string, ColdResult]> = [];
    for (const [label, workers, native] of runs) {
      const storeRoot = mkdtempSync(join(tmpdir(), 'smallcode-bench-'));
      const r = await coldIndexChild(workers, storeRoot, native);
      done.push([label, r]);
      if (lastStore) rmSync(lastStore, { recursive: true, force: true });
      lastStore = storeRoot;
      last = r;
    }
    const after = { p: await floorP(texts), n: await floorP(texts, 'native') };
    const floors = { p: Math.min(before.p.wall, after.p.wall), pn: Math.min(before.n.wall, after.n.wall), pCpu: Math.min(before.p.cpu, after.p.cpu) };
    console.log(`  round ${round + 1}: floors P ${ms(floors.p)}, Pn ${ms(floors.pn)} (smaller of before and after)`);
    for (const [label, r] of done) byLabel.get(label)!.push({ r, ...floors });
    before = after;
  }
  const median = (xs: number[]): number => pct(xs, 50);
  const span = (xs: number[]): string => (xs.length > 1 ? ` [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]` : '');
  const load = (await import('node:os')).loadavg()[0]!;
  console.log(`  medians over the rounds (range in brackets); load average ${load.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores`);
  for (const [label, list] of byLabel) {
    const xp = list.map((x) => x.r.elapsedMs / x.p);
    const xpn = list.map((x) => x.r.elapsedMs / x.pn);
    const xcpu = list.map((x) => x.r.cpuMs / x.pCpu);
    const wall = median(list.map((x) => x.r.elapsedMs));
    const r = list[0]!.r;
    const s = wall / 1000;
    console.log(
      `  ${label}: wall ${ms(wall)} = ${median(xp).toFixed(2)}×P${span(xp)} = ${median(xpn).toFixed(2)}×Pn${span(xpn)}   CPU ${median(xcpu).toFixed(2)}×P(cpu)   ` +
        `store writes ${ms(median(list.map((x) => x.r.storeMs)))}   ${(r.parsed / s).toFixed(0)} files/s  ${(lines / s).toFixed(0)} lines/s  ` +
        `peak RSS ${mb(Math.max(...list.map((x) => x.r.maxRssBytes)))}  [${r.kind} store; ${r.symbols} symbols, ${r.references} references; ${r.engine}, threads used: ${r.workers}]`,
    );
  }
  console.log(`  index size: ${mb(last!.dbBytes)} = ${((last!.dbBytes / 1024) / (lines / 1000)).toFixed(1)} KB per 1k source lines`);
  console.log('  targets: 2 workers ≤ 1.0×P, 1 thread ≤ 1.8×P, peak ≤ 250 MB, ≤ 30 KB per 1k lines (Pn: the stricter floor of our own parser build)');

  await secondCorpus();

  if (process.env.BENCH_ONLY === 'cold') {
    rmSync(lastStore, { recursive: true, force: true });
    return;
  }

  // ---- incremental updates against the store the 2-worker run built ----
  const { store, kind } = openGraphStore(lastStore);
  let storeMs = 0;
  const upsert = store.upsertFile.bind(store);
  store.upsertFile = (f) => {
    const t = performance.now();
    try {
      return upsert(f);
    } finally {
      storeMs += performance.now() - t;
    }
  };
  const indexer = new GraphIndexer(CORPUS, store, { workers: 0 });
  console.log(`\nincremental updates (${kind} store, change event → committed transaction):`);
  const rand = rng(42);
  const midAll = walk.files.map((f, i) => ({ f, text: texts[i]!, clean: clean[i]! })).filter((x) => {
    const n = x.text.split('\n').length;
    return n >= 300 && n <= 1500;
  });
  const mid = [...midAll.filter((x) => x.clean).slice(0, 10), ...midAll.filter((x) => !x.clean).slice(0, 10)];
  for (const m of mid) indexer.openDocument(m.f.absPath, m.text);

  const editRun = async (n: number, lineShift: boolean): Promise<number[]> => {
    const times: number[] = [];
    const docs = mid.map((m) => ({ path: m.f.absPath, text: m.text }));
    for (let i = 0; i < n; i++) {
      const d = docs[i % docs.length]!;
      const ls = d.text.split('\n');
      const line = Math.floor(rand() * ls.length);
      const col = ls[line]!.length;
      const insert = lineShift ? '\n' : 'x';
      const change: ContentChange = { range: { start: { line, character: col }, end: { line, character: col } }, text: insert };
      const lines2 = ls.slice();
      lines2[line] = ls[line]! + insert;
      const next = lines2.join('\n');
      const t = performance.now();
      indexer.updateFile(d.path, next, [change]);
      times.push(performance.now() - t);
      // undo, so files stay the same size (also timed: it is an update like any other)
      const undo: ContentChange = lineShift
        ? { range: { start: { line, character: col }, end: { line: line + 1, character: 0 } }, text: '' }
        : { range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '' };
      const t2 = performance.now();
      indexer.updateFile(d.path, d.text, [undo]);
      times.push(performance.now() - t2);
      await yieldTurn();
    }
    return times;
  };
  const storeShare = (times: number[], before: number): string =>
    `; store upsert ${ms((storeMs - before) / times.length)} of the mean ${ms(times.reduce((a, b) => a + b, 0) / times.length)}`;
  await editRun(100, false); // warm-up
  let sm = storeMs;
  const inLine = await editRun(1000, false);
  console.log(`  mid-size files (${mid.length} files, 300–1500 lines, half with parse errors), typing on a line: p50 ${ms(pct(inLine, 50))}  p99 ${ms(pct(inLine, 99))}  (n=${inLine.length}${storeShare(inLine, sm)})`);
  sm = storeMs;
  const shifting = await editRun(300, true);
  console.log(`  mid-size files, inserting/removing a line (rows below move): p50 ${ms(pct(shifting, 50))}  p99 ${ms(pct(shifting, 99))}  (n=${shifting.length}${storeShare(shifting, sm)})`);

  // a 36k-line generated-shaped file made by concatenating corpus files (error-free ones: generated
  // code parses cleanly)
  let big = '';
  let bigLines = 0;
  for (const [i, t] of texts.entries()) {
    if (bigLines >= 36_000) break;
    if (!clean[i]) continue;
    big += t.endsWith('\n') ? t : t + '\n';
    bigLines += t.split('\n').length - 1;
  }
  const bigPath = join(CORPUS, '__bench_big__.ts');
  let t0 = performance.now();
  indexer.openDocument(bigPath, big);
  const openMs = performance.now() - t0;
  const bigTimes: number[] = [];
  sm = storeMs;
  let bigText = big;
  for (let i = 0; i < 60; i++) {
    const ls = bigText.split('\n');
    const line = Math.floor(rand() * (ls.length - 1));
    const col = ls[line]!.length;
    const change: ContentChange = { range: { start: { line, character: col }, end: { line, character: col } }, text: i % 2 ? ' ' : 'y' };
    ls[line] = ls[line]! + (i % 2 ? ' ' : 'y');
    bigText = ls.join('\n');
    t0 = performance.now();
    indexer.updateFile(bigPath, bigText, [change]);
    bigTimes.push(performance.now() - t0);
    await yieldTurn();
  }
  console.log(`  36k-line file (${bigLines} lines): first open ${ms(openMs)}; edits p50 ${ms(pct(bigTimes, 50))}  p99 ${ms(pct(bigTimes, 99))}  max ${ms(Math.max(...bigTimes))}${storeShare(bigTimes, sm)}`);
  console.log('  targets: mid-size p50 ≤ 2 ms, p99 ≤ 10 ms; 36k lines ≤ 150 ms');

  // memory growth over 2 × 10k updates of one file, in a clean child process (this one holds the
  // corpus, its trees and every result: hundreds of MB that would drown a few hundred KB)
  const growth = await memoryGrowthChild(lastStore, mid[0]!.f.absPath);
  console.log(
    `  memory over 2 × 10k updates (${mid[0]!.f.path}; child process, after a full collection): ` +
      `live JS heap ${growth.heap.map(mb).join(' → ')} (${delta(growth.heap)}; the store's change log, bounded at 20,000 paths, held ${growth.log.join(' → ')}), ` +
      `RSS ${growth.rss.map(mb).join(' → ')} (${delta(growth.rss)}); ${growth.msPerUpdate.toFixed(3)} ms per update incl. event-loop turn`,
  );
  console.log('  target: zero growth');

  await indexer.dispose();
  store.close();
  rmSync(lastStore, { recursive: true, force: true });
}

await main();
