/**
 * Indentation arithmetic: measures leading whitespace (tabs vs spaces), decides whether a search
 * block is shifted uniformly against the file, and re-indents replacement lines by the same shift.
 * Pure string work; it never changes a line's content after its indentation.
 */

export function leadingWs(line: string): string {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0] : '';
}

export function indentWidth(ws: string, tab: number): number {
  let w = 0;
  for (const ch of ws) w = ch === '\t' ? w + tab - (w % tab) : w + 1;
  return w;
}

const TAB_SIZES = [4, 2, 8];

/** (search indent, file indent) pairs of aligned non-blank lines. */
export type IndentPair = [string, string];

/** The tab size and shift that explain every pair, or null when the shift is not uniform. */
export function uniformShift(pairs: readonly IndentPair[]): { tab: number; delta: number } | null {
  if (pairs.every(([s, f]) => s === f)) return { tab: 4, delta: 0 };
  for (const tab of TAB_SIZES) {
    let delta: number | null = null;
    let ok = true;
    for (const [s, f] of pairs) {
      const d = indentWidth(f, tab) - indentWidth(s, tab);
      if (delta === null) delta = d;
      else if (d !== delta) {
        ok = false;
        break;
      }
    }
    if (ok) return { tab, delta: delta ?? 0 };
  }
  return null;
}

export interface Reindenter {
  reindent(line: string): string;
  /** Human-readable shift, e.g. "+4 columns", or '' when nothing moves. */
  describe: string;
  /**
   * True when the same search indentation stands for different file indentations and no shift or
   * scale explains them (e.g. a flattened block): new lines' indentation cannot be derived.
   */
  unreliable: boolean;
}

function render(width: number, useTabs: boolean, tab: number): string {
  const w = Math.max(0, width);
  return useTabs ? '\t'.repeat(Math.floor(w / tab)) + ' '.repeat(w % tab) : ' '.repeat(w);
}

/**
 * Builds the re-indenter for replacement lines. A replacement indent that equals a search indent
 * maps to that line's file indent exactly; other indents move by the shift (uniform case) or
 * relative to the nearest known level (non-uniform, fuzzy case), rendered in the file's style.
 */
export function makeReindenter(pairs: readonly IndentPair[], replace: readonly string[] = []): Reindenter {
  const direct = new Map<string, string>();
  for (const [s, f] of pairs) if (!direct.has(s)) direct.set(s, f);
  if (pairs.every(([s, f]) => s === f)) return { reindent: (l) => l, describe: '', unreliable: false };
  const useTabs = pairs.filter(([, f]) => f.includes('\t')).length * 2 > pairs.length;
  const shift = uniformShift(pairs);
  if (!shift && writtenInFileStyle(pairs, replace)) return { reindent: (l) => l, describe: '', unreliable: false };
  const tab = shift?.tab ?? 4;
  const levels = pairs
    .map(([s, f]) => [indentWidth(s, tab), indentWidth(f, tab)] as const)
    .sort((a, b) => a[0] - b[0]);
  const scale = shift ? null : linearFit(levels);
  const reindent = (line: string): string => {
    if (line.trim() === '') return '';
    const ws = leadingWs(line);
    const rest = line.slice(ws.length);
    const known = direct.get(ws);
    if (known !== undefined) return known + rest;
    const w = indentWidth(ws, tab);
    if (shift) return render(w + shift.delta, useTabs, tab) + rest;
    if (scale) return render(Math.round(w * scale.k + scale.c), useTabs, tab) + rest;
    let base = levels[0] ?? ([0, 0] as const);
    for (const lv of levels) if (lv[0] <= w) base = lv;
    return render(base[1] + (w - base[0]), useTabs, tab) + rest;
  };
  const describe = shift
    ? `${shift.delta >= 0 ? '+' : ''}${shift.delta} columns`
    : scale
      ? `indent unit scaled by ${Math.round(scale.k * 100) / 100}`
      : 'per indentation level';
  const conflicting = pairs.some(([s, f]) => direct.get(s) !== f);
  return { reindent, describe, unreliable: conflicting && !shift && !scale };
}

/**
 * Small models often misremember the search's indentation yet write the replacement with the file's
 * own indents: every replacement indent is one the matched file lines use, and some are indents the
 * search never used. Scaling such a replacement would mangle correctly indented code.
 */
function writtenInFileStyle(pairs: readonly IndentPair[], replace: readonly string[]): boolean {
  const fileIndents = new Set(pairs.map(([, f]) => f));
  const searchIndents = new Set(pairs.map(([s]) => s));
  const used = replace.filter((l) => l.trim() !== '').map(leadingWs);
  return used.length > 0 && used.every((ws) => fileIndents.has(ws)) && used.some((ws) => !searchIndents.has(ws));
}

/** A consistent width mapping file = k * search + c (e.g. a block written with 4-space indents into a 2-space file). */
function linearFit(levels: ReadonlyArray<readonly [number, number]>): { k: number; c: number } | null {
  const a = levels[0];
  const b = levels.find((l) => a !== undefined && l[0] !== a[0]);
  if (!a || !b) return null;
  const k = (b[1] - a[1]) / (b[0] - a[0]);
  const c = a[1] - k * a[0];
  if (k <= 0) return null;
  return levels.every(([s, f]) => Math.abs(k * s + c - f) < 0.01) ? { k, c } : null;
}
