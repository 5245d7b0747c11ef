/**
 * Benchmark of the graph through the real LSP server process (effect@4.1.0 sources, fetched by
 * bench/graph-index.ts into bench/.cache/): start-up index until `$/progress` ends (cold and warm
 * restart), workspace/symbol and documentSymbol latency, and edit-then-query latency (a ranged
 * didChange immediately followed by documentSymbol, which flushes the debounce). Prints medians and
 * p99; asserts nothing.
 *
 * Run: npm run build && npx vite-node bench/graph-index.ts (once, for the corpus) && npx vite-node bench/lsp-graph.ts
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { walkWorkspace } from '../server/graph/indexer/workspace-walk.js';
import { DEFAULT_EXCLUDES, DEFAULT_MAX_FILE_BYTES } from '../server/graph/indexer/index-options.js';
import { DEFAULT_CLIENT_CAPABILITIES, LspTestClient } from '../test/support/lsp-client.js';

const CORPUS = fileURLToPath(new URL('./.cache/effect-4.1.0/package/src', import.meta.url));

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (x: number): string => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const row = (label: string, xs: number[]): void => console.log(`${label.padEnd(44)} p50 ${fmt(pct(xs, 50)).padStart(9)}  p99 ${fmt(pct(xs, 99)).padStart(9)}  (n=${xs.length})`);

async function startAndIndex(root: string): Promise<{ client: LspTestClient; ms: number }> {
  const client = LspTestClient.start({ cwd: root, capabilities: DEFAULT_CLIENT_CAPABILITIES });
  const t0 = performance.now();
  await client.initialize();
  const begin = await client.waitForNotification('$/progress', (p) => (p as { value?: { title?: string } }).value?.title === 'SmallCode: indexing', 120_000);
  const token = (begin as { token: unknown }).token;
  await client.waitForNotification('$/progress', (p) => (p as { token: unknown }).token === token && (p as { value: { kind: string } }).value.kind === 'end', 600_000);
  return { client, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) throw new Error(`no corpus at ${CORPUS}: run \`npx vite-node bench/graph-index.ts\` once to fetch it`);
  const root = mkdtempSync(join(tmpdir(), 'smallcode-bench-lsp-'));
  try {
    writeFileSync(join(root, 'package.json'), '{"name":"bench"}\n');
    cpSync(CORPUS, join(root, 'src'), { recursive: true });
    const files = walkWorkspace(root, { exclude: DEFAULT_EXCLUDES, gitignore: true, maxFileBytes: DEFAULT_MAX_FILE_BYTES }).files;
    const lines = files.reduce((n, f) => n + readFileSync(f.absPath, 'utf8').split('\n').length, 0);
    console.log(`corpus: ${files.length} files, ${lines} lines (effect@4.1.0 src)\n`);

    const cold = await startAndIndex(root);
    console.log(`start-up index, cold (initialize → $/progress end)   ${fmt(cold.ms)}  (${Math.round(files.length / (cold.ms / 1000))} files/s)`);
    await cold.client.shutdownAndExit();
    await cold.client.dispose();
    const warm = await startAndIndex(root);
    console.log(`start-up index, warm restart                        ${fmt(warm.ms)}\n`);
    const c = warm.client;

    const names = ['Effect', 'pipe', 'flatMap', 'Schema', 'Layer', 'make', 'map', 'stream', 'fromIterable', 'Option', 'catchAll', 'decode', 'runPromise', 'Context', 'Queue'];
    const ws: number[] = [];
    for (let i = 0; i < 200; i++) {
      const q = names[i % names.length]!;
      const t = performance.now();
      await c.requestRaw('workspace/symbol', { query: q });
      ws.push(performance.now() - t);
    }
    row('workspace/symbol (round trip)', ws);

    const ds: number[] = [];
    const sample = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / 200)) === 0).slice(0, 200);
    for (const f of sample) {
      const t = performance.now();
      await c.requestRaw('textDocument/documentSymbol', { textDocument: { uri: pathToFileURL(f.absPath).href } });
      ds.push(performance.now() - t);
    }
    row('textDocument/documentSymbol (round trip)', ds);

    // edit-then-query on mid-size files: didOpen, then ranged insertions each followed by documentSymbol
    const mid = files.filter((f) => f.size > 20_000 && f.size < 60_000).slice(0, 10);
    const eq: number[] = [];
    for (const f of mid) {
      const uri = pathToFileURL(f.absPath).href;
      let text = readFileSync(f.absPath, 'utf8');
      await c.openDocument(uri, text, 'typescript', 1);
      for (let v = 2; v < 22; v++) {
        const insert = `export const benchValue${v} = ${v};\n`;
        const t = performance.now();
        await c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: insert }] });
        await c.requestRaw('textDocument/documentSymbol', { textDocument: { uri } });
        eq.push(performance.now() - t);
        text = insert + text;
      }
      await c.notify('textDocument/didClose', { textDocument: { uri } });
    }
    row(`didChange → documentSymbol (${mid.length} mid-size files)`, eq);
    await c.shutdownAndExit();
    await c.dispose();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
