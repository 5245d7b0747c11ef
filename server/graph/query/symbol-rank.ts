/**
 * Scores one symbol against a search query: a match tier (exact > case-insensitive exact > prefix
 * > token > doc > fuzzy) whose base dominates everything else, plus bounded in-tier quality, kind,
 * export and proximity boosts. Pure; candidates come from the store's bounded lookups.
 */
import { identifierParts, nameKey } from '../store/identifier-tokens.js';
import type { SymbolKind } from '../types.js';

export type MatchTier = 'exact' | 'exact-ci' | 'prefix' | 'token' | 'doc' | 'fuzzy';

const TIER_BASE: Record<MatchTier, number> = { exact: 5000, 'exact-ci': 4000, prefix: 3000, token: 2000, doc: 1000, fuzzy: 0 };

/** Classes and functions are what people search for; locals and fields rarely are. */
export const KIND_BOOST: Record<SymbolKind, number> = {
  class: 60, interface: 55, function: 50, type: 45, enum: 45, method: 35, module: 30, constant: 20, field: 10, variable: 5,
};

export interface RankableSymbol {
  name: string;
  kind: SymbolKind;
  file: string;
  exported: boolean;
  /** Found through its doc comment (the doc tier applies when the name itself does not match). */
  viaDoc?: boolean;
}

export interface PreparedQuery {
  raw: string;
  lower: string;
  /** nameKey(raw): lowercase, separators dropped. */
  key: string;
  tokens: string[];
  nearFile: string | undefined;
  nearDir: string | undefined;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function prepareQuery(query: string, tokens: string[], nearFile?: string): PreparedQuery {
  const raw = query.trim();
  return { raw, lower: raw.toLowerCase(), key: nameKey(raw), tokens, nearFile, nearDir: nearFile === undefined ? undefined : dirOf(nearFile) };
}

/** Subsequence match quality in [0, 1], or -1 when `q` is not a subsequence of `name`. */
export function fuzzyQuality(q: string, name: string): number {
  if (q.length === 0 || q.length > name.length) return -1;
  let qi = 0;
  let runs = 0;
  let prev = -2;
  let starts = 0;
  for (let i = 0; i < name.length && qi < q.length; i++) {
    if (name[i]!.toLowerCase() !== q[qi]) continue;
    if (i !== prev + 1) runs++;
    const c = name[i]!;
    if (i === 0 || /[_\-\s.]/.test(name[i - 1]!) || (c !== c.toLowerCase() && name[i - 1] === name[i - 1]!.toLowerCase())) starts++;
    prev = i;
    qi++;
  }
  if (qi < q.length) return -1;
  return Math.max(0, Math.min(1, (q.length / name.length) * 0.5 + (starts / q.length) * 0.3 + (1 / runs) * 0.2));
}

/** Proximity to the file the user is in: same file, same directory, or sharing leading folders. */
export function proximityBoost(file: string, q: PreparedQuery): number {
  if (q.nearFile === undefined) return 0;
  if (file === q.nearFile) return 40;
  const dir = dirOf(file);
  if (dir === q.nearDir) return 30;
  const a = dir.split('/');
  const b = (q.nearDir ?? '').split('/');
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared] && a[shared] !== '') shared++;
  return Math.min(20, shared * 5);
}

/** identifierParts is a few regexes; ranking calls it for the same names over and over. */
const partsCache = new Map<string, string[]>();
function partsOf(name: string): string[] {
  let parts = partsCache.get(name);
  if (!parts) {
    if (partsCache.size > 50_000) partsCache.clear();
    parts = identifierParts(name);
    partsCache.set(name, parts);
  }
  return parts;
}

export function matchTier(sym: RankableSymbol, q: PreparedQuery): { tier: MatchTier; quality: number } | null {
  const name = sym.name;
  if (name === q.raw) return { tier: 'exact', quality: 1 };
  const lower = name.toLowerCase();
  if (lower === q.lower) return { tier: 'exact-ci', quality: 1 };
  const key = nameKey(name);
  if (key === q.key) return { tier: 'exact-ci', quality: 0.9 };
  if (key.startsWith(q.key)) return { tier: 'prefix', quality: q.key.length / key.length };
  if (q.tokens.length > 0) {
    const parts = partsOf(name);
    let covered = 0;
    let all = true;
    for (const t of q.tokens) {
      if (!parts.some((p) => p.startsWith(t))) {
        all = false;
        break;
      }
      covered += t.length;
    }
    if (all) return { tier: 'token', quality: Math.min(1, covered / Math.max(1, key.length)) };
  }
  if (sym.viaDoc) return { tier: 'doc', quality: 0.5 };
  const f = fuzzyQuality(q.key, name);
  return f < 0 ? null : { tier: 'fuzzy', quality: f };
}

/** The full score; null when the symbol does not match at all. In-tier extras stay below 1000. */
export function scoreSymbol(sym: RankableSymbol, q: PreparedQuery): { score: number; tier: MatchTier } | null {
  const m = matchTier(sym, q);
  if (!m) return null;
  const score = TIER_BASE[m.tier] + m.quality * 400 + KIND_BOOST[sym.kind] + (sym.exported ? 20 : 0) + proximityBoost(sym.file, q);
  return { score, tier: m.tier };
}
