/**
 * Diffs a file's stored symbols/references against freshly extracted ones, so an upsert touches
 * only the rows that changed. Identity: symbols by (name, kind, container, signature), references
 * by (name, kind, fromSymbol, module); duplicates pair up in order. Pure; no storage here.
 */
import type { ExtractedFile, ExtractedReference, ExtractedSymbol, SourceRange } from '../types.js';
import type { UpsertStats } from './graph-store.js';

/**
 * Doc comments are stored up to this many characters: the explain text shows a few lines, and
 * long JSDoc examples would otherwise dominate the index size.
 */
export const MAX_STORED_DOC = 400;

/** The symbols as they will be stored (docs clipped), so re-upserting the same file diffs to nothing. */
export function storableSymbols(file: ExtractedFile): ExtractedSymbol[] {
  return file.symbols.map((s) => (s.doc !== null && s.doc.length > MAX_STORED_DOC ? { ...s, doc: s.doc.slice(0, MAX_STORED_DOC) } : s));
}

export interface RowDiff<Old, New> {
  /** Rows present in both; `changed` when a non-identity field (range, doc, exported) moved. */
  kept: Array<{ old: Old; next: New; changed: boolean }>;
  added: New[];
  removed: Old[];
}

export function symbolKey(s: ExtractedSymbol): string {
  return `${s.name}\u0000${s.kind}\u0000${s.container ?? ''}\u0000${s.signature}`;
}

export function referenceKey(r: ExtractedReference): string {
  return `${r.name}\u0000${r.kind}\u0000${r.fromSymbol ?? ''}\u0000${r.module ?? ''}`;
}

export function sameRange(a: SourceRange, b: SourceRange): boolean {
  return a.startLine === b.startLine && a.startCol === b.startCol && a.endLine === b.endLine && a.endCol === b.endCol;
}

function diffBy<Old extends New, New>(
  old: Old[],
  next: New[],
  key: (x: New) => string,
  changed: (a: Old, b: New) => boolean,
): RowDiff<Old, New> {
  const pool = new Map<string, Old[]>();
  for (const o of old) {
    const k = key(o);
    const list = pool.get(k);
    if (list) list.push(o);
    else pool.set(k, [o]);
  }
  const out: RowDiff<Old, New> = { kept: [], added: [], removed: [] };
  for (const n of next) {
    const list = pool.get(key(n));
    const o = list?.shift();
    if (o === undefined) out.added.push(n);
    else out.kept.push({ old: o, next: n, changed: changed(o, n) });
  }
  for (const list of pool.values()) out.removed.push(...list);
  return out;
}

export function diffSymbols<Old extends ExtractedSymbol>(old: Old[], next: ExtractedSymbol[]): RowDiff<Old, ExtractedSymbol> {
  return diffBy(old, next, symbolKey, (a, b) => !sameRange(a.range, b.range) || a.doc !== b.doc || a.exported !== b.exported);
}

export function diffReferences<Old extends ExtractedReference>(old: Old[], next: ExtractedReference[]): RowDiff<Old, ExtractedReference> {
  return diffBy(old, next, referenceKey, (a, b) => !sameRange(a.range, b.range));
}

/** What an upsert did, from its two diffs. */
export function upsertStats(sd: RowDiff<unknown, unknown>, rd: RowDiff<unknown, unknown>): UpsertStats {
  return {
    symbolsAdded: sd.added.length,
    symbolsRemoved: sd.removed.length,
    symbolsKept: sd.kept.length,
    referencesAdded: rd.added.length,
    referencesRemoved: rd.removed.length,
  };
}

/** Whether an upsert changed what readers see (a new file, moved rows, added or removed rows). */
export function upsertChangedRows(isNew: boolean, moved: number, sd: RowDiff<unknown, unknown>, rd: RowDiff<unknown, unknown>): boolean {
  return isNew || moved > 0 || sd.added.length + sd.removed.length + rd.added.length + rd.removed.length > 0;
}
