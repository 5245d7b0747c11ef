/**
 * Benchmark of the graph indexer on a real TypeScript corpus (the sources of `effect@4.1.0` from
 * the npm registry, cached in bench/.cache/): the floor P (single-thread parse-only), cold index on
 * 1 thread / 1 worker / 2 workers, incremental updates (mid-size files and a 36k-line file) and
 * memory growth over 10k updates. Prints numbers and ratios; asserts nothing.
 *
 * Run: npm run build && npx vite-node bench/graph-index.ts   (BENCH_ONLY=cold: only the floor and the cold index)
 * (the parse workers and the cold-index child processes run the compiled dist/ code)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import { parseSource } from '../server/graph/extract/parse.js';
import { GraphIndexer } from '../server/graph/indexer/graph-indexer.js';
import { collectDeadTrees } from '../server/graph/indexer/tree-gc.js';
import { DEFAULT_EXCLUDES, DEFAULT_MAX_FILE_BYTES } from '../server/graph/indexer/index-options.js';
import { walkWorkspace } from '../server/graph/indexer/workspace-walk.js';
import type { ContentChange } from '../server/graph/indexer/text-edits.js';
import { openGraphStore } from '../server/graph/store/open-graph-store.js';

const EFFECT_VERSION = '4.1.0';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'bench', '.cache');
const CORPUS = join(CACHE, `effect-${EFFECT_VERSION}`, 'package', 'src');

function ensureCorpus(): void {
  if (existsSync(CORPUS)) return;
  mkdirSync(CACHE, { recursive: true });
  const tgz = join(CACHE, `effect-${EFFECT_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    process.stderr.write(`fetching effect@${EFFECT_VERSION} from the npm registry…\n`);
    const r = spawnSync('npm', ['pack', `effect@${EFFECT_VERSION}`, '--pack-destination', CACHE, '--silent'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm pack effect@${EFFECT_VERSION} failed`);
  }
  const dest = join(CACHE, `effect-${EFFECT_VERSION}`);
  mkdirSync(dest, { recursive: true });
  const x = spawnSync('tar', ['xzf', tgz, '-C', dest], { stdio: 'inherit' });
  if (x.status !== 0) throw new Error('tar failed');
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
async function floorP(texts: string[]): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  for (let i = 0; i < texts.length; i++) {
    parseSource('typescript', texts[i]!);
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
  dbBytes: number;
  kind: string;
}

/** One cold index in a fresh child process (clean peak RSS), on the compiled code. */
async function coldIndexChild(workers: number, storeRoot: string): Promise<ColdResult> {
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
    const s = await indexWorkspace(${JSON.stringify(CORPUS)}, store, { workers: ${workers} });
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
  const p1 = await floorP(texts);
  console.log(`\nfloor P (single-thread parse-only): wall ${ms(p1.wall)}, CPU ${ms(p1.cpu)}  (${((lines / p1.wall) * 1000).toFixed(0)} lines/s wall)`);

  console.log('\ncold index (fresh store, child process, wall incl. walk/read/hash/parse/extract/store):');
  const results: Array<[string, ColdResult]> = [];
  let lastStore = '';
  for (const [label, workers] of [['1 thread ', 0], ['1 worker ', 1], ['2 workers', 2]] as const) {
    const storeRoot = mkdtempSync(join(tmpdir(), 'smallcode-bench-'));
    const r = await coldIndexChild(workers, storeRoot);
    results.push([label, r]);
    if (lastStore) rmSync(lastStore, { recursive: true, force: true });
    lastStore = storeRoot;
  }
  const p2 = await floorP(texts);
  const p = Math.min(p1.wall, p2.wall);
  const pCpu = Math.min(p1.cpu, p2.cpu);
  const load = (await import('node:os')).loadavg()[0]!;
  console.log(`  (P again after the cold runs: wall ${ms(p2.wall)}; ratios use the smaller wall ${ms(p)} and CPU ${ms(pCpu)}; load average ${load.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores)`);
  for (const [label, r] of results) {
    const s = r.elapsedMs / 1000;
    console.log(
      `  ${label}: wall ${ms(r.elapsedMs)} = ${(r.elapsedMs / p).toFixed(2)}×P   CPU ${ms(r.cpuMs)} = ${(r.cpuMs / pCpu).toFixed(2)}×P(cpu)   store writes ${ms(r.storeMs)}   ` +
        `${(r.parsed / s).toFixed(0)} files/s  ${(lines / s).toFixed(0)} lines/s  peak RSS ${mb(r.maxRssBytes)}  ` +
        `[${r.kind} store; ${r.symbols} symbols, ${r.references} references; workers used: ${r.workers}]`,
    );
  }
  const last = results[results.length - 1]![1];
  console.log(`  index size: ${mb(last.dbBytes)} = ${((last.dbBytes / 1024) / (lines / 1000)).toFixed(1)} KB per 1k source lines`);
  console.log('  targets: 2 workers ≤ 1.0×P, 1 thread ≤ 1.8×P, peak ≤ 250 MB, ≤ 30 KB per 1k lines');

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

  // memory growth over 10k updates of one file
  const one = mid[0]!;
  const flip = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const ls = one.text.split('\n');
      const line = i % ls.length;
      const col = ls[line]!.length;
      const next = i % 2 === 0 ? (ls[line] = ls[line]! + 'z', ls.join('\n')) : one.text;
      const change: ContentChange =
        i % 2 === 0
          ? { range: { start: { line, character: col }, end: { line, character: col } }, text: 'z' }
          : { range: { start: { line: (i - 1) % ls.length, character: 0 }, end: { line: (i - 1) % ls.length, character: 0 } }, text: '' };
      indexer.updateFile(one.f.absPath, next, i % 2 === 0 ? [change] : undefined);
      await yieldTurn();
    }
  };
  // a full collection before each reading, so the figures are live memory, not garbage V8 has not
  // collected yet; the warm-up fills what is bounded by design (page cache, interned names)
  const settled = async (): Promise<NodeJS.MemoryUsage> => {
    collectDeadTrees('major');
    await yieldTurn();
    return process.memoryUsage();
  };
  await flip(2000);
  const before = await settled();
  const tm = performance.now();
  await flip(10_000);
  const perUpdate = (performance.now() - tm) / 10_000;
  const middle = await settled();
  await flip(10_000);
  const after = await settled();
  const d = (a: number, b: number): string => `${((b - a) / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `  memory over 2 × 10k updates (${one.f.path}), after a full collection: heap ${mb(before.heapUsed)} → ${mb(middle.heapUsed)} → ${mb(after.heapUsed)} ` +
      `(${d(before.heapUsed, middle.heapUsed)}, then ${d(middle.heapUsed, after.heapUsed)}; the store's change log keeps its last 20,000 paths), ` +
      `RSS ${mb(before.rss)} → ${mb(middle.rss)} → ${mb(after.rss)} (${d(before.rss, middle.rss)}, then ${d(middle.rss, after.rss)}); ${perUpdate.toFixed(3)} ms per update incl. event-loop turn`,
  );
  console.log('  target: zero growth');

  await indexer.dispose();
  store.close();
  rmSync(lastStore, { recursive: true, force: true });
}

await main();
