/**
 * `smallcode index [dir]` and `smallcode graph search|explain|map`: offline commands that open the
 * workspace's code graph in-process, bring the index up to date (a warm index re-parses nothing
 * unchanged) and print text or JSON. Exit 0 when there is an answer, 1 when nothing was found or
 * something failed, 2 on a usage error. Never talks to a running server.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { errorMessage } from '../../../server/core/errors.js';
import { GraphService } from '../../../server/graph/graph-service.js';
import { GraphIndexer } from '../../../server/graph/indexer/graph-indexer.js';
import type { IndexSummary as RunSummary } from '../../../server/graph/indexer/cold-index.js';
import { renderExplain, renderIndexSummary, renderRepoMap, renderSearch, type IndexSummary } from '../../../server/graph/render.js';
import { formatMs, ProgressLine } from '../terminal.js';

interface OpenGraph {
  root: string;
  graph: GraphService;
  indexer: GraphIndexer;
}

function fail(command: string, message: string): number {
  process.stderr.write(`smallcode ${command}: ${message}\n`);
  return 1;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (err) {
    void err; // missing or unreadable: not a folder we can index
    return false;
  }
}

/** Source lines for explain's reference sites, read once per file. */
function diskLines(root: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | null>();
  return (file, line) => {
    let lines = cache.get(file);
    if (lines === undefined) {
      try {
        lines = readFileSync(join(root, file), 'utf8').split('\n');
      } catch (err) {
        void err; // the file went away since it was indexed: no line to show
        lines = null;
      }
      cache.set(file, lines);
    }
    return lines?.[line];
  };
}

async function withGraph<T>(dir: string, fn: (g: OpenGraph) => Promise<T>): Promise<T> {
  const root = resolve(dir);
  const graph = GraphService.open(root, { lineText: diskLines(root) });
  const indexer = new GraphIndexer(root, graph.store);
  try {
    return await fn({ root, graph, indexer });
  } finally {
    await indexer.dispose();
    graph.close();
  }
}

/** Brings the index up to date with a progress line on stderr (rewritten in place on a terminal). */
async function refresh(g: OpenGraph, label: string): Promise<RunSummary> {
  const line = new ProgressLine();
  try {
    return await g.indexer.indexAll({ onProgress: (done, total) => line.update(`${label}: ${done}/${total} files`) });
  } finally {
    line.clear();
  }
}

function summaryOf(g: OpenGraph, run: RunSummary): IndexSummary & Omit<RunSummary, 'skippedFiles'> {
  const kind = g.graph.store.kind;
  const { skippedFiles, ...rest } = run;
  void skippedFiles;
  return {
    ...rest,
    location: join(g.root, '.smallcode', kind === 'sqlite' ? 'graph.db' : 'graph.json'),
    storeKind: kind,
    ...(g.graph.storeReason ? { storeReason: g.graph.storeReason } : {}),
  };
}

export async function indexCommand(opts: { dir: string; json: boolean }): Promise<number> {
  const root = resolve(opts.dir);
  if (!isDirectory(root)) return fail('index', `${root} is not a folder.`);
  try {
    return await withGraph(root, async (g) => {
      const run = await refresh(g, 'indexing');
      const summary = summaryOf(g, run);
      if (opts.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else {
        const reused = run.unchanged ? ` (${run.parsed} parsed, ${run.unchanged} unchanged since the last index)` : '';
        process.stdout.write(renderIndexSummary(summary) + reused + '\n');
      }
      if (run.files === 0) process.stderr.write(`smallcode index: no TypeScript, JavaScript, Python, Go or Rust files found under ${root}.\n`);
      return 0;
    });
  } catch (err) {
    return fail('index', errorMessage(err));
  }
}

export async function graphCommand(opts: { sub: string; arg: string; cwd: string; tokens?: number; limit?: number; json: boolean }): Promise<number> {
  const command = `graph ${opts.sub}`;
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > 500)) {
    process.stderr.write(`smallcode ${command}: --limit must be a whole number from 1 to 500.\n`);
    return 2;
  }
  const root = resolve(opts.cwd);
  if (!isDirectory(root)) return fail(command, `${root} is not a folder.`);
  const print = (text: string, data: unknown): void => {
    process.stdout.write((opts.json ? JSON.stringify(data, null, 2) : text) + '\n');
  };
  try {
    return await withGraph(root, async (g) => {
      const run = await refresh(g, 'updating the index');
      if (run.parsed > 0 && !opts.json) process.stderr.write(`(indexed ${run.parsed} changed file(s) in ${formatMs(run.elapsedMs)})\n`);
      switch (opts.sub) {
        case 'search': {
          const r = g.graph.search({ query: opts.arg, limit: opts.limit ?? 20 });
          print(renderSearch(opts.arg, r), r);
          return r.symbols.length > 0 ? 0 : 1;
        }
        case 'explain': {
          const r = g.graph.explain({ symbol: opts.arg });
          if (opts.json) print('', r);
          else if (r.found) print(renderExplain(r), r);
          else process.stderr.write(`smallcode ${command}: ${r.text}\n`);
          return r.found ? 0 : 1;
        }
        case 'map': {
          const budget = opts.tokens ?? 1024;
          const r = g.graph.repoMap({ tokens: budget });
          print(renderRepoMap(r, budget), { ...r, budget });
          return r.text === '' ? 1 : 0;
        }
        default:
          return fail(command, 'unknown subcommand (use search, explain or map).');
      }
    });
  } catch (err) {
    return fail(command, errorMessage(err));
  }
}
