/**
 * Plain-text renderings of graph results for the CLI (`smallcode index`, `smallcode graph
 * search|explain|map`). Pure string building; no I/O, no colours (the CLI adds those).
 */
import type { GraphExplainResultT, GraphSearchResultT, RepoMapResultT } from '../../protocol-ext/graph.js';

export interface IndexSummary {
  files: number;
  symbols: number;
  references: number;
  elapsedMs: number;
  /** Where the index lives (the graph.db or graph.json path). */
  location: string;
  storeKind: 'sqlite' | 'json';
  /** Why the JSON fallback is in use. */
  storeReason?: string;
  skipped?: number;
  /** Files parsed in this run, and by what (the CLI passes the indexer's run summary). */
  parsed?: number;
  engine?: 'native' | 'binding';
  workers?: number;
}

function parserLine(s: IndexSummary): string | null {
  if (!s.engine || !s.parsed) return null;
  const n = s.workers ?? 0;
  const unit = s.engine === 'native' ? 'parse thread' : 'worker';
  const where = n > 0 ? `${n} ${unit}${n === 1 ? '' : 's'}` : 'the main thread';
  return `Parser: ${s.engine === 'native' ? 'native extractor' : 'Node tree-sitter binding'} on ${where}`;
}

export function renderIndexSummary(s: IndexSummary): string {
  const secs = (s.elapsedMs / 1000).toFixed(s.elapsedMs < 10_000 ? 2 : 1);
  const lines = [
    `Indexed ${s.files} files, ${s.symbols} symbols, ${s.references} references in ${secs}s${s.skipped ? ` (${s.skipped} skipped)` : ''}.`,
    `Index: ${s.location} (${s.storeKind})`,
  ];
  const parser = parserLine(s);
  if (parser) lines.push(parser);
  if (s.storeKind === 'json' && s.storeReason) lines.push(`Note: using the JSON fallback because ${s.storeReason}`);
  return lines.join('\n');
}

export function renderSearch(query: string, r: GraphSearchResultT): string {
  if (r.symbols.length === 0) return `No symbols match "${query}".`;
  const width = Math.min(40, Math.max(...r.symbols.map((s) => (s.container ? s.container.length + 1 : 0) + s.name.length)));
  return r.symbols
    .map((s) => {
      const name = `${s.container ? `${s.container}.` : ''}${s.name}`.padEnd(width);
      return `${s.kind.padEnd(9)} ${name}  ${s.file}:${s.range.start.line + 1}  ${s.signature}`;
    })
    .join('\n');
}

export function renderExplain(r: GraphExplainResultT): string {
  return r.text;
}

export function renderRepoMap(r: RepoMapResultT, budget: number): string {
  const body = r.text === '' ? '(the index is empty: run `smallcode index` first)\n' : r.text;
  return `${body}\n— ${r.files.length} files, ~${r.tokens} of ${budget} tokens`;
}
