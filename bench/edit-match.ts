/**
 * Benchmark of the search/replace engine's matching on a synthetic but realistic 10k-line TypeScript
 * file: exact hit, indentation-shifted hit, fuzzy hit and a miss (full refusal with candidates).
 * Run: npx vite-node bench/edit-match.ts   (prints p50 / p99 over 200 runs each; no assertions).
 */
import { performance } from 'node:perf_hooks';
import { applySearchReplace } from '../server/edit/search-replace/api.js';

const NOUNS = ['user', 'order', 'invoice', 'session', 'token', 'widget', 'report', 'account', 'payment', 'cart', 'item', 'event'];
const VERBS = ['load', 'save', 'update', 'delete', 'validate', 'render', 'sync', 'fetch', 'archive', 'merge'];

/** A module of classes and functions with the repetitive shape real code has ("}", "return", guards). */
function syntheticFile(targetLines: number): string {
  const out: string[] = ["import { db } from './db.js';", "import { log } from './log.js';", ''];
  let n = 0;
  while (out.length < targetLines) {
    const noun = NOUNS[n % NOUNS.length] ?? 'x';
    const verb = VERBS[Math.floor(n / NOUNS.length) % VERBS.length] ?? 'do';
    const name = `${verb}${noun[0]?.toUpperCase()}${noun.slice(1)}${n}`;
    out.push(
      `export async function ${name}(id: string, options: Options = {}): Promise<Result> {`,
      `  const ${noun} = await db.get('${noun}s', id);`,
      `  if (!${noun}) {`,
      `    throw new NotFoundError('${noun}', id);`,
      '  }',
      `  if (options.dryRun) {`,
      `    log.info('dry run: ${verb} ${noun}', { id });`,
      '    return { ok: true, changed: false };',
      '  }',
      `  const result = await db.${verb}('${noun}s', ${noun}, { version: ${n % 7} });`,
      `  log.debug('${verb}d ${noun}', { id, took: result.took });`,
      '  return { ok: true, changed: result.changed };',
      '}',
      '',
    );
    n++;
  }
  return out.join('\n') + '\n';
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function bench(label: string, runs: number, fn: () => unknown): void {
  for (let i = 0; i < 10; i++) fn();
  const times: number[] = [];
  let outcome = '';
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = fn() as { ok: boolean; strategy?: string; code?: string };
    times.push(performance.now() - t);
    outcome = r.ok ? `ok/${r.strategy ?? ''}` : `refused/${r.code ?? ''}`;
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(26)} ${outcome.padEnd(30)} p50 ${percentile(times, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(times, 99).toFixed(2).padStart(7)} ms`);
}

const text = syntheticFile(10_000);
const lines = text.split('\n');
console.log(`file: ${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB`);
const at = lines.findIndex((l) => l.includes('function sync') && l.includes('(id: string')) + 140;
const start = lines.findIndex((l, i) => i >= at && l.startsWith('export async function'));
const block = lines.slice(start, start + 12);

const exactSearch = block.slice(9, 12).join('\n');
const exactReplace = exactSearch.replace('return { ok: true', 'return { ok: false');
const shifted = block.slice(5, 12).map((l) => `    ${l}`);
const shiftedReplace = [...shifted.slice(0, 6), '      log.info("done");', ...shifted.slice(6)];
const fuzzy = block.slice(0, 12).map((l, i) => (i === 3 ? l.replace('NotFoundError', 'NotFoundErr') : l));
const fuzzyReplace = fuzzy.map((l, i) => (i === 6 ? l.replace('log.info', 'log.warn') : l));
const miss = block.slice(0, 8).map((l, i) => (i % 2 === 0 ? l.replace(/\w+\(/, 'transform(') : l.replace(/'/g, '"') + ' // changed'));

bench('exact hit', 200, () => applySearchReplace(text, exactSearch, exactReplace));
bench('indentation-shifted hit', 200, () => applySearchReplace(text, shifted.join('\n'), shiftedReplace.join('\n')));
bench('fuzzy hit', 200, () => applySearchReplace(text, fuzzy.join('\n'), fuzzyReplace.join('\n')));
bench('miss (refusal + candidates)', 200, () => applySearchReplace(text, miss.join('\n'), 'x'));
