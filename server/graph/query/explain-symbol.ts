/**
 * Explains a symbol from the graph: its definition (signature, doc), callers (the symbols whose
 * call references name it), callees (calls made inside it) and every reference grouped by file,
 * plus a compact text for the agent's explain_symbol tool. References resolve by name only.
 */
import type { GraphExplainResultT, GraphSymbolT } from '../../../protocol-ext/graph.js';
import type { GraphStore, StoredReference, StoredSymbol } from '../store/graph-store.js';
import { searchSymbols, toGraphSymbol } from './symbol-search.js';
import { KIND_BOOST } from './symbol-rank.js';

export interface ExplainParams {
  /** `name`, or `Container.name` / `Container::name` to pick a member. */
  symbol: string;
  /** Prefer the definition in this file. */
  file?: string;
}

export interface ExplainOptions {
  /** Source text of a line (0-based), to show reference sites; without it a short description is used. */
  lineText?: (file: string, line: number) => string | undefined;
  maxCallers?: number;
  maxReferences?: number;
}

function splitQualified(symbol: string): { container: string | null; name: string } {
  const m = /^(.*?)(?:\.|::|#)([^.:#]+)$/.exec(symbol.trim());
  return m && m[1] ? { container: m[1].split(/\.|::/).pop()!, name: m[2]! } : { container: null, name: symbol.trim() };
}

function within(line: number, s: StoredSymbol): boolean {
  return line >= s.range.startLine && line <= s.range.endLine;
}

/** The definitions of a name, best first: requested file, requested container, case, kind, export. */
export function findDefinitions(store: GraphStore, symbol: string, file?: string): StoredSymbol[] {
  const { container, name } = splitQualified(symbol);
  let defs = store.symbolsByName(name, 200);
  if (container) {
    const inContainer = defs.filter((d) => d.container === container);
    if (inContainer.length) defs = inContainer;
  }
  const rank = (d: StoredSymbol): number =>
    (file && d.file === file ? 1000 : 0) + (d.name === name ? 500 : 0) + KIND_BOOST[d.kind] + (d.exported ? 20 : 0) + (d.container ? 0 : 10);
  return defs.sort((a, b) => rank(b) - rank(a) || a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine);
}

export function explainSymbol(store: GraphStore, params: ExplainParams, options: ExplainOptions = {}): GraphExplainResultT {
  const maxCallers = options.maxCallers ?? 50;
  const maxRefs = options.maxReferences ?? 200;
  const defs = findDefinitions(store, params.symbol, params.file);
  const def = defs[0];
  if (!def) {
    const wanted = splitQualified(params.symbol).name;
    let near = searchSymbols(store, { query: wanted, limit: 5 });
    // Typos at the end ("readRows" for readRow): retry with shorter prefixes.
    for (let cut = wanted.length - 1; near.length === 0 && cut >= 3; cut--) near = searchSymbols(store, { query: wanted.slice(0, cut), limit: 5 });
    const hint = near.length ? ` Did you mean: ${near.map((s) => `${s.name} (${s.file})`).join(', ')}?` : '';
    return { found: false, definition: null, callers: [], callees: [], references: {}, text: `No symbol named "${params.symbol}" in the index.${hint}` };
  }

  // Callers: the enclosing symbols of call references to the name, resolved in each referring file.
  const calls = store.referencesByName(def.name, 'call', maxRefs * 5);
  const fileSymbols = new Map<string, StoredSymbol[]>();
  const symbolsOf = (f: string): StoredSymbol[] => {
    let list = fileSymbols.get(f);
    if (!list) fileSymbols.set(f, (list = store.symbolsInFile(f)));
    return list;
  };
  const callers = new Map<number, StoredSymbol>();
  for (const c of calls) {
    if (c.fromSymbol === null) continue;
    const enclosing = symbolsOf(c.file).filter((s) => s.name === c.fromSymbol && within(c.range.startLine, s));
    const from = enclosing[enclosing.length - 1] ?? symbolsOf(c.file).find((s) => s.name === c.fromSymbol);
    if (from && from.id !== def.id) callers.set(from.id, from);
    if (callers.size >= maxCallers) break;
  }

  // Callees: calls made from inside the definition's range.
  const callees: string[] = [];
  for (const r of store.referencesInFile(def.file)) {
    if (r.kind !== 'call' || !within(r.range.startLine, def)) continue;
    if (r.fromSymbol !== null && r.fromSymbol !== def.name && !symbolsOf(def.file).some((s) => s.name === r.fromSymbol && within(r.range.startLine, def))) continue;
    if (!callees.includes(r.name)) callees.push(r.name);
  }

  const references: Record<string, Array<{ file: string; line: number; kind: string; text: string }>> = {};
  const all: StoredReference[] = store.referencesByName(def.name, null, maxRefs);
  all.sort((a, b) => a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine);
  for (const r of all) {
    const text = options.lineText?.(r.file, r.range.startLine)?.trim() ?? `${r.kind}${r.fromSymbol ? ` in ${r.fromSymbol}` : ''}${r.module ? ` from '${r.module}'` : ''}`;
    (references[r.file] ??= []).push({ file: r.file, line: r.range.startLine, kind: r.kind, text });
  }

  const definition = toGraphSymbol(def);
  const callerList: GraphSymbolT[] = [...callers.values()].map((s) => toGraphSymbol(s));
  return {
    found: true,
    definition,
    callers: callerList,
    callees,
    references,
    text: explainText(definition, callerList, callees, references, defs.slice(1).map((d) => toGraphSymbol(d))),
  };
}

/** The agent-facing rendering: short, line numbers 1-based, lists capped. */
export function explainText(
  def: GraphSymbolT,
  callers: GraphSymbolT[],
  callees: string[],
  references: Record<string, Array<{ line: number; kind: string; text: string }>>,
  others: GraphSymbolT[] = [],
): string {
  const at = (s: GraphSymbolT): string => `${s.file}:${s.range.start.line + 1}`;
  const out: string[] = [];
  out.push(`${def.container ? `${def.container}.` : ''}${def.name} — ${def.kind} at ${at(def)}`);
  out.push(`  ${def.signature}`);
  if (def.doc) out.push(...def.doc.split('\n').slice(0, 6).map((l) => `  ${l.trim()}`));
  const shown = callers.slice(0, 15);
  out.push(`Callers (${callers.length}): ${shown.length ? shown.map((c) => `${c.container ? `${c.container}.` : ''}${c.name} (${at(c)})`).join(', ') : 'none found'}${callers.length > shown.length ? ', …' : ''}`);
  out.push(`Calls (${callees.length}): ${callees.length ? callees.slice(0, 30).join(', ') : 'none found'}${callees.length > 30 ? ', …' : ''}`);
  const files = Object.keys(references);
  const total = files.reduce((n, f) => n + references[f]!.length, 0);
  out.push(`References (${total} in ${files.length} file${files.length === 1 ? '' : 's'}):`);
  for (const f of files.slice(0, 20)) {
    const refs = references[f]!;
    out.push(`  ${f}: ${refs.slice(0, 8).map((r) => `${r.line + 1} ${r.text}`).join('; ')}${refs.length > 8 ? `; … (${refs.length - 8} more)` : ''}`);
  }
  if (files.length > 20) out.push(`  … ${files.length - 20} more files`);
  if (others.length) out.push(`Other definitions: ${others.slice(0, 10).map((o) => `${at(o)} (${o.kind})`).join(', ')}`);
  return out.join('\n');
}
