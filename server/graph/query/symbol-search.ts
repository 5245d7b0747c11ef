/**
 * Ranked symbol search over a GraphStore: gathers a bounded set of light candidates (exact name
 * key, name-key prefix range scan, FTS token match, doc match, and a fuzzy pool of keys sharing the
 * first letter, each with a LIMIT), ranks them with symbol-rank.ts, then reads full rows only for
 * the top `limit`. Never scans or bm25-ranks every match.
 */
import type { GraphSymbolT } from '../../../protocol-ext/graph.js';
import type { GraphStore, StoredSymbol, SymbolCandidate } from '../store/graph-store.js';
import { queryTokens } from '../store/identifier-tokens.js';
import { fuzzyQuality, prepareQuery, scoreSymbol } from './symbol-rank.js';

export interface SymbolSearchParams {
  query: string;
  limit?: number;
  kind?: string;
  nearFile?: string;
}

/** Fuzzy keys (first letter + subsequence) ranked when the other stages fall short. */
const FUZZY_POOL = 200;
/** The fuzzy stage runs only when the other stages found fewer candidates than this. */
const FUZZY_WHEN_FEWER = 1;

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

type Candidate = SymbolCandidate & { viaDoc?: boolean };

export function searchSymbols(store: GraphStore, params: SymbolSearchParams): GraphSymbolT[] {
  const limit = params.limit ?? 20;
  const raw = params.query.trim();
  if (raw === '') return [];
  const tokens = queryTokens(raw);
  const q = prepareQuery(raw, tokens, params.nearFile);
  // Enough candidates per stage to rank the top `limit`, bounded whatever the repository size.
  const per = Math.max(40, limit * 2);
  const pool = new Map<number, Candidate>();
  const add = (list: SymbolCandidate[], viaDoc = false): void => {
    for (const c of list) {
      if (params.kind && c.kind !== params.kind) continue;
      if (!pool.has(c.id)) pool.set(c.id, viaDoc ? { ...c, viaDoc } : c);
    }
  };
  // Each tier outranks every later one, so a later stage runs only while the top `limit` is not full.
  add(store.nameCandidates(q.key, per));
  add(store.prefixCandidates(q.key, per));
  if (pool.size < limit && tokens.length > 0) {
    add(store.tokenCandidates(tokens, per));
    if (pool.size < limit) add(store.tokenCandidates(tokens, per, true), true);
  }
  // Fuzzy is the fallback for when nothing else matched (abbreviations such as `crtUsr`); an exact
  // identifier with a few matches does not pay for it.
  if (pool.size < Math.min(limit, FUZZY_WHEN_FEWER) && q.key.length >= 2) {
    const keys = store
      .fuzzyNameKeys(q.key, FUZZY_POOL)
      .map((k) => ({ k, quality: fuzzyQuality(q.key, k) }))
      .sort((a, b) => b.quality - a.quality || a.k.length - b.k.length);
    for (const { k } of keys.slice(0, limit)) add(store.nameCandidates(k, 4));
  }
  const scored: Array<{ c: Candidate; score: number }> = [];
  for (const c of pool.values()) {
    const r = scoreSymbol(c, q);
    if (r) scored.push({ c, score: r.score });
  }
  scored.sort((a, b) => b.score - a.score || a.c.name.localeCompare(b.c.name) || a.c.file.localeCompare(b.c.file) || a.c.id - b.c.id);
  const out: GraphSymbolT[] = [];
  for (const { c, score } of scored) {
    if (out.length >= limit) break;
    const full = store.getSymbol(c.id);
    if (full) out.push(toGraphSymbol(full, score));
  }
  return out;
}
