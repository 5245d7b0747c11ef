/**
 * Layer 1: the search text occurs verbatim. Counts occurrences (with their line numbers) and
 * replaces by slicing — never String.replace with a string replacement, so `$&`, `$$` and `$1`
 * in the replacement stay literal.
 */

/**
 * Offsets of every occurrence, overlapping ones included (`11` occurs twice in `111`: where the edit
 * lands is ambiguous), up to `limit`.
 */
export function occurrences(text: string, search: string, limit = 1000): number[] {
  const out: number[] = [];
  if (search === '') return out;
  for (let at = text.indexOf(search); at >= 0 && out.length < limit; at = text.indexOf(search, at + 1)) out.push(at);
  return out;
}

export function replaceAt(text: string, offset: number, length: number, replacement: string): string {
  return text.slice(0, offset) + replacement + text.slice(offset + length);
}

/** Every occurrence replaced: identical to `text.split(search).join(replacement)`. */
export function replaceEvery(text: string, search: string, replacement: string): string {
  return text.split(search).join(replacement);
}
