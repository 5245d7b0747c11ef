/**
 * Benchmarks of the shell and tool layer: per-command overhead of the persistent shell and of a
 * fresh bash, registry dispatch overhead (validation + cap + cache), text search with ripgrep and
 * with the built-in fallback over node_modules, and the token cost of the tool schemas.
 * Run: npx vite-node bench/shell-tools.ts   (prints medians / p99 and ratios; no assertions).
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { defaultConfig } from '../server/config/variables.js';
import { OneShotShell, ShellSession } from '../server/shell/shell-session.js';
import { detectProject } from '../server/shell/project-detect.js';
import { availableTools } from '../server/tools/available-tools.js';
import { ToolRegistry, toolDefinitions } from '../server/tools/registry.js';
import { findRipgrep, searchText, type SearchQuery } from '../server/tools/search-engine.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function stats(ms: number[]): { p50: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)] as number, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] as number };
}

async function time(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return stats(out);
}

const f = (x: number): string => x.toFixed(2);

async function main(): Promise<void> {
  const persistent = new ShellSession({ cwd: ROOT });
  await persistent.run('true');
  const p = await time(200, () => persistent.run('true'));
  const pEnv = await time(100, () => persistent.run('export X=$RANDOM; cd .'));
  await persistent.dispose();
  const oneShot = new OneShotShell({ cwd: ROOT });
  const o = await time(50, () => oneShot.run('true'));
  console.log(`shell: persistent 'true' p50 ${f(p.p50)} ms p99 ${f(p.p99)} ms; with export+cd p50 ${f(pEnv.p50)} ms; one-shot p50 ${f(o.p50)} ms p99 ${f(o.p99)} ms (ratio ${f(o.p50 / p.p50)}x)`);

  const reg = new ToolRegistry(availableTools({ ...defaultConfig(), webBrowse: false }));
  const ctx = { root: ROOT, signal: new AbortController().signal, config: defaultConfig(), taskId: 'bench' };
  const bad = await time(2000, () => reg.dispatch('bash', { cmd: 'ls' }, ctx));
  const unknown = await time(2000, () => reg.dispatch('run_shell', {}, ctx));
  await reg.dispatch('find_files', { pattern: '*.ts', path: 'server' }, ctx);
  const cached = await time(2000, () => reg.dispatch('find_files', { pattern: '*.ts', path: 'server' }, ctx));
  reg.invalidate();
  const uncached = await time(50, async () => {
    reg.invalidate();
    return reg.dispatch('find_files', { pattern: '*.ts', path: 'server' }, ctx);
  });
  console.log(`dispatch: validation error p50 ${f(bad.p50)} ms; unknown tool p50 ${f(unknown.p50)} ms; cached find_files p50 ${f(cached.p50)} ms vs uncached ${f(uncached.p50)} ms`);

  const detect = await time(20, () => detectProject(ROOT, { testRunner: null, testDisable: false }));
  console.log(`project detection on this repo: p50 ${f(detect.p50)} ms p99 ${f(detect.p99)} ms`);

  for (const [label, pattern] of [['literal', 'SmallCodeError'], ['regex', 'export (async )?function \\w+Tool']] as const) {
    const query: SearchQuery = { pattern, scope: '', scopeIsDir: true, maxResults: 50 };
    const b = await time(5, () => searchText(ROOT, query, 'builtin'));
    const files = (await searchText(ROOT, query, 'builtin')).filesSearched;
    let line = `search this repository (${files} files), ${label}: built-in p50 ${f(b.p50)} ms`;
    if (findRipgrep()) line += `; ripgrep p50 ${f((await time(5, () => searchText(ROOT, query, 'rg'))).p50)} ms`;
    console.log(line);
  }

  const corpus = `${ROOT}node_modules`;
  const q = (pattern: string, maxResults: number): SearchQuery => ({ pattern, scope: '', scopeIsDir: true, maxResults });
  for (const [label, query] of [['no match (full scan)', q('zzqqxx_never_here', 50)], ['50 matches', q('function\\s+\\w+Error', 50)]] as const) {
    const b = await time(3, () => searchText(corpus, query, 'builtin'));
    const files = (await searchText(corpus, query, 'builtin')).filesSearched;
    let line = `search node_modules, ${label}: built-in p50 ${f(b.p50)} ms over ${files} files`;
    if (findRipgrep()) {
      const r = await time(3, () => searchText(corpus, query, 'rg'));
      line += `; ripgrep p50 ${f(r.p50)} ms (built-in/rg ${f(b.p50 / r.p50)}x)`;
    }
    console.log(line);
  }

  const enc = new Tiktoken(cl100k);
  for (const web of [false, true]) {
    const defs = toolDefinitions(availableTools({ ...defaultConfig(), webBrowse: web }));
    const tokens = enc.encode(JSON.stringify(defs)).length;
    console.log(`tool schemas (${defs.map((d) => d.name).join(', ')}): ${tokens} cl100k tokens as JSON`);
  }
}

void main();
