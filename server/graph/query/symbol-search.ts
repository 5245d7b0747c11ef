/**
 * Ranked symbol search over a GraphStore: gathers a bounded candidate set (exact name, name-prefix
 * range scan, FTS token match, doc match and a small fuzzy pool, each with a LIMIT) and ranks it
 * with symbol-rank.ts. Never scans or bm25-ranks every match.
 */
import type { GraphSymbolT } from '../../../protocol-ext/graph.js';
import type { GraphStore, StoredSymbol } from '../store/graph-store.js';
import { queryTokens } from '../store/identifier-tokens.js';
import { prepareQuery, scoreSymbol } from './symbol-rank.js';

export interface SymbolSearchParams {
  query: string;
  limit?: number;
  kind?: string;
  nearFile?: string;
}

export function toGraphSymbol(s: StoredSymbol, score?: number): GraphSymbolT {
  const g: GraphSymbolT = {
    name: s.name,
    kind: s.kind,
    file: s.file,
    range: { start: { line: s.range.startLine, character: s.range.startCol }, end: { line: s.range.endLine, character: s.range.endCol } },
    container: s.container,
    signature: s.signature,
    doc: s.doc,
  };
  if (score !== undefined) g.score = Math.round(score * 100) / 100;
  return g;
}

/** Candidates gathered per stage: enough to rank the top `limit`, bounded whatever the repository size. */
function stageLimit(limit: number): number {
  return Math.max(50, limit * 3);
}

export function searchSymbols(store: GraphStore, params: SymbolSearchParams): GraphSymbolT[] {
  const limit = params.limit ?? 20;
  const raw = params.query.trim();
  if (raw === '') return [];
  const tokens = queryTokens(raw);
  const q = prepareQuery(raw, tokens, params.nearFile);
  const per = stageLimit(limit);
  const pool = new Map<number, StoredSymbol>();
  const add = (list: StoredSymbol[]): void => {
    for (const s of list) if (!params.kind || s.kind === params.kind) pool.set(s.id, s);
  };
  const compact = raw.replace(/\s+/g, '');
  add(store.symbolsByName(compact, per));
  if (!/\s/.test(raw)) add(store.symbolsByPrefix(compact, per));
  if (tokens.length > 0) {
    add(store.symbolsByTokens(tokens, per));
    if (pool.size < limit) add(store.symbolsByTokens(tokens, per, true));
  }
  if (pool.size < limit && compact.length >= 2) {
    // Fuzzy pool: names starting with the first letter, and names with a part starting with the first two.
    add(store.symbolsByPrefix(compact[0]!, per * 4));
    add(store.symbolsByTokens([compact.slice(0, 2).toLowerCase()], per * 4));
  }
  const scored: Array<{ s: StoredSymbol; score: number }> = [];
  for (const s of pool.values()) {
    const r = scoreSymbol(s, q);
    if (r) scored.push({ s, score: r.score });
  }
  scored.sort((a, b) => b.score - a.score || a.s.name.localeCompare(b.s.name) || a.s.file.localeCompare(b.s.file) || a.s.id - b.s.id);
  return scored.slice(0, limit).map((x) => toGraphSymbol(x.s, x.score));
}
