/**
 * Hand-written ExtractedFile records for graph store and query tests: small builders so a test
 * reads as the source it stands for. No tree-sitter here.
 */
import { createHash } from 'node:crypto';
import type { ExtractedFile, ExtractedReference, ExtractedSymbol, ReferenceKind, SymbolKind } from '../../../server/graph/types.js';

export function sym(
  name: string,
  kind: SymbolKind,
  line: number,
  extra: Partial<Omit<ExtractedSymbol, 'name' | 'kind'>> = {},
): ExtractedSymbol {
  return {
    name,
    kind,
    range: extra.range ?? { startLine: line, startCol: 0, endLine: line + 2, endCol: 1 },
    container: extra.container ?? null,
    signature: extra.signature ?? `${kind} ${name}()`,
    doc: extra.doc ?? null,
    exported: extra.exported ?? true,
  };
}

export function ref(name: string, kind: ReferenceKind, line: number, fromSymbol: string | null = null, module?: string): ExtractedReference {
  const r: ExtractedReference = { name, kind, range: { startLine: line, startCol: 2, endLine: line, endCol: 2 + name.length }, fromSymbol };
  if (module !== undefined) r.module = module;
  return r;
}

export function file(path: string, symbols: ExtractedSymbol[], references: ExtractedReference[] = [], lines = 100): ExtractedFile {
  const hash = createHash('sha1').update(JSON.stringify([path, symbols, references])).digest('hex');
  return { path, language: 'typescript', hash, mtimeMs: 1_700_000_000_000, lines, symbols, references, hasErrors: false };
}

/** Moves every row of a file down by `n` lines (what inserting lines at the top does). */
export function shifted(f: ExtractedFile, n: number): ExtractedFile {
  const move = <T extends { range: ExtractedSymbol['range'] }>(x: T): T => ({
    ...x,
    range: { ...x.range, startLine: x.range.startLine + n, endLine: x.range.endLine + n },
  });
  return { ...f, hash: f.hash + 'x', lines: f.lines + n, symbols: f.symbols.map(move), references: f.references.map(move) };
}
