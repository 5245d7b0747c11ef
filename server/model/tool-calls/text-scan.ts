/**
 * Small linear-time text helpers shared by the extractors: ASCII-only lowercasing that keeps offsets,
 * line boundaries, and a cached forward search that stays linear when an opener has no closer.
 * No regexes over unbounded input here.
 */

/** Lowercases A-Z only, so every offset in the result matches the input (toLowerCase may not). */
export function asciiLower(s: string): string {
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      if (i > from) parts.push(s.slice(from, i));
      parts.push(String.fromCharCode(c + 32));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts.join('');
}

export function lineStartOf(s: string, i: number): number {
  const nl = s.lastIndexOf('\n', i - 1);
  return nl === -1 ? 0 : nl + 1;
}

/** Like lineStartOf but looks back at most `max` characters (for context checks on huge lines). */
export function nearLineStart(s: string, i: number, max = 400): number {
  const floor = Math.max(0, i - max);
  for (let k = i - 1; k >= floor; k--) if (s.charCodeAt(k) === 10) return k + 1;
  return floor;
}

/** indexOf that never looks past `to`: searches a slice, so cost is bounded by the range. */
export function indexWithin(s: string, needle: string, from: number, to: number): number {
  if (to - from < needle.length) return -1;
  const i = s.slice(from, to).indexOf(needle);
  return i === -1 ? -1 : from + i;
}

export function lineEndOf(s: string, i: number): number {
  const nl = s.indexOf('\n', i);
  return nl === -1 ? s.length : nl;
}

/**
 * indexOf with memory: repeated searches for the same needle from increasing offsets reuse the
 * previous answer, so N openers without a closer cost one scan instead of N.
 */
export class Finder {
  private lastFrom = -1;
  private lastHit = -1;

  constructor(private readonly hay: string, readonly needle: string) {}

  next(from: number): number {
    if (this.lastFrom !== -1 && from >= this.lastFrom && (this.lastHit === -1 || this.lastHit >= from)) return this.lastHit;
    const hit = this.hay.indexOf(this.needle, from);
    this.lastFrom = from;
    this.lastHit = hit;
    return hit;
  }
}

export function isIdentChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/** Reads an identifier (letters, digits, `_`, `-`, `.`) starting at i; returns its end. */
export function readName(s: string, i: number, limit = s.length): number {
  let j = i;
  while (j < limit) {
    const c = s.charCodeAt(j);
    if (isIdentChar(c) || c === 45 || c === 46) j++;
    else break;
  }
  return j;
}
