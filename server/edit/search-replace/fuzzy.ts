/**
 * Bounded fuzzy line matching: a per-line similarity on normalised lines (edit-distance ratio), and
 * candidate regions found from anchor lines (line-hash votes, plus a similar-line probe when anchors
 * are scarce) and scored by a banded alignment. Never quadratic in file size; decides nothing.
 */
import { lineKey, type MatchContext } from './match-context.js';

const BAND = 3;
const MAX_OFFSETS = 8;
/** A line that occurs this often ("}", "end") is no anchor. */
const COMMON_LINE = 64;
const SKIP_FILE_PENALTY = 0.35;
/** An identifier found on more lines than this does not point anywhere. */
const MAX_TOKEN_HITS = 300;

let rowA = new Uint32Array(256);
let rowB = new Uint32Array(256);

function levenshtein(a: string, b: string): number {
  if (a.length < b.length) [a, b] = [b, a];
  if (rowA.length <= b.length) {
    rowA = new Uint32Array(b.length * 2 + 1);
    rowB = new Uint32Array(b.length * 2 + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const del = (prev[j] ?? 0) + 1;
      const ins = (cur[j - 1] ?? 0) + 1;
      const sub = (prev[j - 1] ?? 0) + cost;
      cur[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length] ?? 0;
}

function bigrams(s: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1));
  return out;
}

/** Bigram overlap of a probe (as a set) and a line; the line's repeated bigrams count once each hit. */
function dice(a: Set<number>, b: string): number {
  if (a.size === 0 || b.length < 2) return 0;
  let hit = 0;
  for (let i = 0; i + 1 < b.length; i++) if (a.has(b.charCodeAt(i) * 65536 + b.charCodeAt(i + 1))) hit++;
  return Math.min(1, (2 * hit) / (a.size + b.length - 1));
}

const hist = new Int32Array(128);

/**
 * Upper bound of the edit-distance similarity from character counts (distance ≥ half the multiset
 * difference): lets clearly different pairs skip the quadratic edit distance.
 */
function similarityBound(a: string, b: string): number {
  hist.fill(0);
  let other = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c < 128) hist[c] = (hist[c] ?? 0) + 1;
    else other++;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c < 128) hist[c] = (hist[c] ?? 0) - 1;
    else other--;
  }
  let diff = Math.abs(other);
  for (let c = 0; c < 128; c++) diff += Math.abs(hist[c] ?? 0);
  const hi = Math.max(a.length, b.length);
  return 1 - Math.max(Math.abs(a.length - b.length), Math.ceil(diff / 2)) / hi;
}

/** Similarity of two normalised lines in 0..1 (1 only when equal). */
export function lineSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a === '' || b === '') return 0;
  const lo = Math.min(a.length, b.length);
  const hi = Math.max(a.length, b.length);
  if (lo / hi < 0.5) return (lo / hi) * 0.5;
  if (hi > 400) return Math.min(0.99, dice(bigrams(a), b));
  // Below 0.5 a pair can neither be accepted nor tip a decision: the bound is precise enough there.
  const bound = similarityBound(a, b);
  if (bound < 0.5) return bound;
  return Math.min(0.99, 1 - levenshtein(a, b) / hi);
}

/** Pair similarities memoised for one call: real files repeat lines ("}", "return nil", guards). */
function memoised(): (a: string, b: string) => number {
  const memo = new Map<string, number>();
  return (a, b) => {
    if (a === b) return 1;
    const key = `${a}\u0001${b}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = lineSimilarity(a, b);
      memo.set(key, v);
    }
    return v;
  };
}

export interface Candidate {
  start: number;
  end: number;
  /** Per search line: the aligned file line, or -1. */
  align: number[];
  /** Per search line: similarity to its aligned file line, or -1 when unaligned / blank. */
  sims: number[];
  score: number;
  /** Non-blank search lines that found no counterpart. */
  missing: number;
  /** Non-blank file lines inside the region that no search line stands for. */
  extra: number;
  exact: number;
  nonBlank: number;
}

export function findCandidates(ctx: MatchContext, search: readonly string[]): Candidate[] {
  const sim = memoised();
  const sIdx: number[] = [];
  const S: string[] = [];
  search.forEach((l, i) => {
    const k = lineKey(l, 'trim');
    if (k !== '') {
      sIdx.push(i);
      S.push(k);
    }
  });
  const m = S.length;
  if (m === 0 || m > 1000) return [];
  const { list: nb, pos: nbPos } = ctx.nonBlank();
  const fKeys = ctx.keys('trim');
  // A short search looks its lines up by scanning; a long one builds the index once.
  const lookup = (k: string): number[] => (m <= 24 ? ctx.linesWithKey('trim', k) : (ctx.trimmedIndex().get(k) ?? []));
  const votes = new Map<number, number>();
  let anchors = 0;
  S.forEach((k, i) => {
    const at = lookup(k);
    if (at.length === 0 || at.length > COMMON_LINE) return;
    anchors++;
    for (const p of at) {
      const off = (nbPos[p] ?? 0) - i;
      votes.set(off, (votes.get(off) ?? 0) + 1);
    }
  });
  const maxVotes = Math.max(0, ...votes.values());
  // Probe only when the distinctive lines do not agree on a place (all of them edited or absent):
  // the scan is linear in the file, so it runs at most once per call for three lines.
  if (maxVotes === 0 || maxVotes < anchors / 2) {
    // Few exact anchors: probe the two longest search lines for similar file lines. Candidate lines
    // are found by a native substring scan for the probe's longest identifiers (common ones are
    // dropped), and only those are scored, so the probe stays linear and cheap.
    const probes = S.map((k, i) => [k, i] as const)
      .filter(([k]) => k.length >= 6)
      .sort((a, b) => b[0].length - a[0].length)
      .slice(0, 2);
    for (const [k, i] of probes) {
      const tokens = [...new Set(k.match(/[A-Za-z_$][\w$]{3,}/g) ?? [])].sort((a, b) => b.length - a.length).slice(0, 3);
      const hitLines = new Set<number>();
      for (const tok of tokens) {
        const hits: number[] = [];
        for (let q = 0; q < nb.length && hits.length <= MAX_TOKEN_HITS; q++) {
          if ((fKeys[nb[q] ?? 0] ?? '').includes(tok)) hits.push(q);
        }
        if (hits.length <= MAX_TOKEN_HITS) for (const q of hits) hitLines.add(q);
      }
      const grams = bigrams(k);
      const best: Array<[number, number]> = [];
      for (const q of hitLines) {
        const line = fKeys[nb[q] ?? 0] ?? '';
        if (line.length < k.length / 2 || line.length > k.length * 2) continue;
        const d = dice(grams, line);
        if (d >= 0.5) best.push([d, q]);
      }
      best.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
      for (const [d, q] of best.slice(0, 4)) votes.set(q - i, (votes.get(q - i) ?? 0) + d * 0.75);
    }
  }
  const offsets = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([o]) => o);
  const chosen: number[] = [];
  for (const o of offsets) {
    if (chosen.length >= MAX_OFFSETS) break;
    if (chosen.some((c) => Math.abs(c - o) <= 1)) continue;
    chosen.push(o);
  }
  const out: Candidate[] = [];
  const seen = new Set<number>();
  for (const o of chosen) {
    const c = alignAt(sim, search, sIdx, S, o, nb, fKeys);
    if (c && !seen.has(c.start)) {
      seen.add(c.start);
      out.push(c);
    }
  }
  return out.sort((a, b) => b.score - a.score || a.start - b.start);
}

/** Banded semi-global alignment of the search's non-blank lines against file lines near offset o. */
function alignAt(
  sim: (a: string, b: string) => number,
  search: readonly string[],
  sIdx: readonly number[],
  S: readonly string[],
  o: number,
  nb: readonly number[],
  fKeys: readonly string[],
): Candidate | null {
  const m = S.length;
  const lo = Math.max(0, o - BAND);
  const hi = Math.min(nb.length, o + m + BAND);
  const w = hi - lo;
  if (w <= 0) return null;
  const W = w + 1;
  const dp = new Float64Array((m + 1) * W).fill(-Infinity);
  const how = new Uint8Array((m + 1) * W); // 1 match, 2 skip search line, 3 skip file line
  const sims = new Float64Array((m + 1) * W);
  for (let j = 0; j <= w; j++) dp[j] = 0;
  for (let i = 1; i <= m; i++) {
    // Band: search line i-1 may sit at window column j-1 within ±BAND of its offset position.
    const center = o + (i - 1) - lo;
    const jFrom = Math.max(1, center - BAND + 1);
    const jTo = Math.min(w, center + BAND + 1);
    for (let j = 0; j <= w; j++) {
      let best = (dp[(i - 1) * W + j] ?? -Infinity) + 0;
      let choice = 2;
      if (j >= jFrom && j <= jTo) {
        const s = sim(S[i - 1] ?? '', fKeys[nb[lo + j - 1] ?? 0] ?? '');
        sims[i * W + j] = s;
        const v = (dp[(i - 1) * W + j - 1] ?? -Infinity) + s;
        if (s >= 0.3 && v > best) {
          best = v;
          choice = 1;
        }
      }
      if (j > 0) {
        const v = (dp[i * W + j - 1] ?? -Infinity) - SKIP_FILE_PENALTY;
        if (v > best) {
          best = v;
          choice = 3;
        }
      }
      dp[i * W + j] = best;
      how[i * W + j] = choice;
    }
  }
  let endJ = 0;
  for (let j = 1; j <= w; j++) if ((dp[m * W + j] ?? -Infinity) > (dp[m * W + endJ] ?? -Infinity)) endJ = j;
  const align = new Array<number>(search.length).fill(-1);
  const lineSims = new Array<number>(search.length).fill(-1);
  let i = m;
  let j = endJ;
  let extra = 0;
  let sum = 0;
  let exact = 0;
  let missing = 0;
  while (i > 0) {
    const c = how[i * W + j];
    if (c === 1) {
      const si = sIdx[i - 1] ?? 0;
      const s = sims[i * W + j] ?? 0;
      align[si] = nb[lo + j - 1] ?? -1;
      lineSims[si] = s;
      sum += s;
      if (s === 1) exact++;
      i--;
      j--;
    } else if (c === 3) {
      extra++;
      j--;
    } else {
      missing++;
      i--;
    }
  }
  const aligned = align.filter((f) => f >= 0);
  if (aligned.length === 0) return null;
  return {
    start: aligned[0] ?? 0,
    end: (aligned[aligned.length - 1] ?? 0) + 1,
    align,
    sims: lineSims,
    score: sum / (m + extra),
    missing,
    extra,
    exact,
    nonBlank: m,
  };
}
