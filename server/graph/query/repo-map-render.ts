/**
 * Renders ranked repo-map entries as an outline grouped by file and finds, by binary search on
 * the number of entries, the longest prefix whose text fits a token budget. Pure; the token
 * estimator is injected (a conservative chars/3.5 default stands in for the model's tokenizer).
 */

export interface MapEntry {
  file: string;
  /** 0-based line of the definition; -1 for a file listed without symbols. */
  line: number;
  /** Already one line and clipped (clipSignature). */
  signature: string;
  /** Members (methods, fields) are indented under their container. */
  member: boolean;
  score: number;
}

export type EstimateTokens = (text: string) => number;

/** Over-estimates on purpose: code tokenises at roughly 3–4 characters per token. */
export const defaultEstimateTokens: EstimateTokens = (text) => Math.ceil(text.length / 3.5);

const MAX_SIGNATURE = 140;

/** One line, at most MAX_SIGNATURE characters (done once per entry, not per rendering). */
export function clipSignature(signature: string): string {
  const one = signature.replace(/\s+/g, ' ').trim();
  return one.length <= MAX_SIGNATURE ? one : `${one.slice(0, MAX_SIGNATURE - 1)}…`;
}

/**
 * The outline of the first `n` entries. Files appear in the order of their best entry, lines in
 * source order, so the text for n + 1 entries contains every line of the text for n (monotone).
 */
export function renderMap(entries: readonly MapEntry[], n: number): { text: string; files: string[] } {
  const groups = new Map<string, MapEntry[]>();
  for (let i = 0; i < n && i < entries.length; i++) {
    const e = entries[i]!;
    const g = groups.get(e.file);
    if (g) g.push(e);
    else groups.set(e.file, [e]);
  }
  const out: string[] = [];
  for (const [file, group] of groups) {
    out.push(`${file}:`);
    const lines = group.filter((e) => e.line >= 0).sort((a, b) => a.line - b.line);
    for (const e of lines) out.push(`${String(e.line + 1).padStart(5)}: ${e.member ? '  ' : ''}${e.signature}`);
  }
  return { text: out.length ? `${out.join('\n')}\n` : '', files: [...groups.keys()] };
}

export interface FittedMap {
  text: string;
  tokens: number;
  files: string[];
  entries: number;
}

/**
 * The largest prefix of `entries` whose rendering is at most `budget` tokens. Only texts that
 * were measured are returned, so the result never exceeds the budget even if the estimator is
 * not perfectly monotone.
 */
export function fitMapToBudget(entries: readonly MapEntry[], budget: number, estimate: EstimateTokens = defaultEstimateTokens): FittedMap {
  let lo = 0; // known to fit (the empty map)
  let hi = entries.length;
  let best = { text: '', files: [] as string[], tokens: 0 };
  // Quick accept: everything fits.
  const all = renderMap(entries, hi);
  const allTokens = estimate(all.text);
  if (allTokens <= budget) return { ...all, tokens: allTokens, entries: hi };
  hi -= 1; // hi is now the largest candidate not yet known to overflow
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const r = renderMap(entries, mid);
    const t = estimate(r.text);
    if (t <= budget) {
      lo = mid;
      best = { ...r, tokens: t };
    } else {
      hi = mid - 1;
    }
  }
  return { ...best, entries: lo };
}
