/**
 * Per-call matching context: the file's line model plus lazily computed, cached line keys (trimmed,
 * whitespace-free) that every line-based layer shares. Lookups prefilter with native substring
 * search so a 10k-line file is not normalised line by line unless a layer truly needs it. No
 * matching policy lives here.
 */
import type { Language } from './elision.js';
import type { LineDoc } from './types.js';

export type KeyKind = 'trimEnd' | 'trim' | 'loose';

export function lineKey(line: string, kind: KeyKind): string {
  switch (kind) {
    case 'trimEnd':
      return line.trimEnd();
    case 'trim':
      return line.trim();
    case 'loose':
      // Whitespace anywhere, quote style (typographic quotes included), `…` for `...` and a
      // statement-ending `;` are cosmetic for matching; tokens are not.
      return line.replace(/\s+/g, '').replace(/['`“”‘’]/g, '"').replace(/…/g, '...').replace(/;$/, '');
  }
}

/** The longest identifier-like run of a line: a loose-equal file line contains it literally. */
function looseAnchor(line: string): string {
  let best = '';
  for (const m of line.match(/[A-Za-z0-9_$]+/g) ?? []) if (m.length > best.length) best = m;
  return best;
}

export class MatchContext {
  readonly doc: LineDoc;
  readonly lang: Language;
  private readonly sparse = new Map<KeyKind, Array<string | undefined>>();
  private readonly full = new Map<KeyKind, string[]>();
  private readonly scanCache = new Map<string, number[]>();
  private trimIndex: Map<string, number[]> | null = null;
  private nonBlankCache: { list: number[]; pos: Int32Array } | null = null;

  constructor(doc: LineDoc, lang: Language) {
    this.doc = doc;
    this.lang = lang;
  }

  keyAt(kind: KeyKind, i: number): string {
    const all = this.full.get(kind);
    if (all) return all[i] ?? '';
    let cache = this.sparse.get(kind);
    if (!cache) {
      cache = new Array<string | undefined>(this.doc.lines.length);
      this.sparse.set(kind, cache);
    }
    let k = cache[i];
    if (k === undefined) {
      k = lineKey(this.doc.lines[i] ?? '', kind);
      cache[i] = k;
    }
    return k;
  }

  /** Every line's key (for layers that compare against all lines, e.g. fuzzy scoring). */
  keys(kind: KeyKind): string[] {
    let k = this.full.get(kind);
    if (!k) {
      k = this.doc.lines.map((l) => lineKey(l, kind));
      this.full.set(kind, k);
    }
    return k;
  }

  /**
   * Ascending indices of the lines whose key equals `key` (never blank lines). Trimmed keys are
   * literal substrings of their line, so a native `includes` prefilter skips almost every line;
   * loose keys prefilter on the longest identifier of `raw` (the uncompressed line). Memoised per key.
   */
  linesWithKey(kind: KeyKind, key: string, raw?: string): number[] {
    if (key === '') return [];
    const memo = `${kind}\u0000${key}`;
    const cached = this.scanCache.get(memo);
    if (cached) return cached;
    const hit: number[] = [];
    const lines = this.doc.lines;
    // A loose key has its whitespace removed, so its identifiers may be glued together: the
    // prefilter takes the longest identifier of the raw line when the caller has it.
    const needle = kind === 'loose' ? (raw === undefined ? '' : looseAnchor(raw)) : key;
    for (let i = 0; i < lines.length; i++) {
      if (needle !== '' && !(lines[i] ?? '').includes(needle)) continue;
      if (this.keyAt(kind, i) === key) hit.push(i);
    }
    this.scanCache.set(memo, hit);
    return hit;
  }

  /** trimmed key → ascending line indices over non-blank lines (built once, for many lookups). */
  trimmedIndex(): Map<string, number[]> {
    if (!this.trimIndex) {
      const idx = new Map<string, number[]>();
      const keys = this.keys('trim');
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] ?? '';
        if (key === '') continue;
        const list = idx.get(key);
        if (list) list.push(i);
        else idx.set(key, [i]);
      }
      this.trimIndex = idx;
    }
    return this.trimIndex;
  }

  /** Indices of non-blank lines, and for every line its position in that list (-1 when blank). */
  nonBlank(): { list: number[]; pos: Int32Array } {
    if (!this.nonBlankCache) {
      const list: number[] = [];
      const lines = this.doc.lines;
      const pos = new Int32Array(lines.length).fill(-1);
      for (let i = 0; i < lines.length; i++) {
        if (/\S/.test(lines[i] ?? '')) {
          pos[i] = list.length;
          list.push(i);
        }
      }
      this.nonBlankCache = { list, pos };
    }
    return this.nonBlankCache;
  }

  hasLine(trimmed: string): boolean {
    return this.linesWithKey('trim', trimmed).length > 0;
  }
}
