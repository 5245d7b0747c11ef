/**
 * Per-call matching context: the file's line model plus lazily built, cached line keys and key
 * indexes (trimmed, whitespace-free) that every line-based layer shares, so a 10k-line file is
 * normalised at most once per key kind. No matching policy lives here.
 */
import type { Language } from './elision.js';
import type { LineDoc } from './types.js';

export type KeyKind = 'trimEnd' | 'trim' | 'norm' | 'loose';

export function lineKey(line: string, kind: KeyKind): string {
  switch (kind) {
    case 'trimEnd':
      return line.trimEnd();
    case 'trim':
      return line.trim();
    case 'norm':
      return line.trim().replace(/\s+/g, ' ');
    case 'loose':
      // Whitespace anywhere and quote style are cosmetic for matching; tokens are not.
      return line.replace(/\s+/g, '').replace(/['`]/g, '"');
  }
}

export class MatchContext {
  readonly doc: LineDoc;
  readonly lang: Language;
  private readonly keyCache = new Map<KeyKind, string[]>();
  private readonly indexCache = new Map<KeyKind, Map<string, number[]>>();
  private nonBlankCache: { list: number[]; pos: Int32Array } | null = null;

  constructor(doc: LineDoc, lang: Language) {
    this.doc = doc;
    this.lang = lang;
  }

  keys(kind: KeyKind): string[] {
    let k = this.keyCache.get(kind);
    if (!k) {
      k = this.doc.lines.map((l) => lineKey(l, kind));
      this.keyCache.set(kind, k);
    }
    return k;
  }

  /** key → ascending line indices, over non-blank lines. */
  index(kind: KeyKind): Map<string, number[]> {
    let idx = this.indexCache.get(kind);
    if (!idx) {
      idx = new Map();
      const keys = this.keys(kind);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] ?? '';
        if (key === '') continue;
        const list = idx.get(key);
        if (list) list.push(i);
        else idx.set(key, [i]);
      }
      this.indexCache.set(kind, idx);
    }
    return idx;
  }

  /** Indices of non-blank lines, and for every line its position in that list (-1 when blank). */
  nonBlank(): { list: number[]; pos: Int32Array } {
    if (!this.nonBlankCache) {
      const list: number[] = [];
      const pos = new Int32Array(this.doc.lines.length).fill(-1);
      this.doc.lines.forEach((l, i) => {
        if (l.trim() !== '') {
          pos[i] = list.length;
          list.push(i);
        }
      });
      this.nonBlankCache = { list, pos };
    }
    return this.nonBlankCache;
  }

  hasLine(trimmed: string): boolean {
    return this.index('trim').has(trimmed);
  }
}
