/**
 * Removes markdown and reasoning noise a model wraps around a search or replace block: a leading
 * `<think>…</think>` section and one wrapping ``` fence. Strips only what the file itself does not
 * contain, so editing a markdown file's own fences still works.
 */

const FENCE_OPEN = /^\s*(```|~~~)[\w.+#-]*\s*$/;

export interface Unwrapped {
  lines: string[];
  changed: boolean;
}

export function stripThink(lines: readonly string[], fileHas: (line: string) => boolean): Unwrapped {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0 || !/^\s*<think(ing)?>/.test(lines[first] ?? '')) return { lines: [...lines], changed: false };
  if (fileHas((lines[first] ?? '').trim())) return { lines: [...lines], changed: false };
  const close = lines.findIndex((l, i) => i >= first && /<\/think(ing)?>/.test(l));
  if (close < 0) return { lines: [...lines], changed: false };
  const tail = (lines[close] ?? '').replace(/^.*<\/think(ing)?>\s*/, '');
  const rest = lines.slice(close + 1);
  return { lines: tail === '' ? rest : [tail, ...rest], changed: true };
}

/** Drops a fence that wraps the whole block when the fence line does not occur in the file. */
export function stripFence(lines: readonly string[], fileHas: (line: string) => boolean): Unwrapped {
  let a = 0;
  let b = lines.length - 1;
  while (a <= b && (lines[a] ?? '').trim() === '') a++;
  while (b >= a && (lines[b] ?? '').trim() === '') b--;
  if (b - a < 1) return { lines: [...lines], changed: false };
  const open = lines[a] ?? '';
  const close = (lines[b] ?? '').trim();
  const m = FENCE_OPEN.exec(open);
  if (!m || close !== m[1]) return { lines: [...lines], changed: false };
  if (fileHas(open.trim())) return { lines: [...lines], changed: false };
  return { lines: lines.slice(a + 1, b), changed: true };
}
