/**
 * Ranks recalled memories and evidence by a documented blend of relevance and recency:
 * score = 0.7 · relevance + 0.3 · 0.5^(age / half-life), where relevance is the share of (stemmed)
 * query words that start some word of the item. Pure; both store backends feed it the same candidates.
 */
import { textWords } from '../graph/store/identifier-tokens.js';

export const RELEVANCE_WEIGHT = 0.7;
export const RECENCY_WEIGHT = 0.3;
export const DAY_MS = 86_400_000;
/** Memories age slowly (conventions stay true); evidence is about the task at hand. */
export const MEMORY_HALF_LIFE_DAYS = 30;
export const EVIDENCE_HALF_LIFE_DAYS = 2;

const STOPWORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'do', 'for', 'from', 'how', 'i', 'in', 'is', 'it', 'me', 'my', 'of',
  'on', 'or', 'that', 'the', 'this', 'to', 'we', 'what', 'when', 'where', 'which', 'with', 'you',
]);

/**
 * A crude stem for prefix matching: common English endings come off while four letters remain,
 * so `parsed` matches `parser` and `calls` matches `call` (item words are matched by prefix).
 */
export function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 'er', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Query words for recall: lowercase, stop words dropped (unless nothing else is left), stemmed. */
export function recallTokens(query: string): string[] {
  const words = textWords(query);
  const kept = words.filter((w) => !STOPWORDS.has(w));
  return [...new Set((kept.length ? kept : words).map(stem))];
}

/** Share of `tokens` that are a prefix of some word of `text`, in [0, 1]. */
export function relevance(tokens: string[], text: string): number {
  if (tokens.length === 0) return 0;
  const words = textWords(text);
  let hit = 0;
  for (const t of tokens) if (words.some((w) => w.startsWith(t))) hit++;
  return hit / tokens.length;
}

export function recency(createdAt: number, now: number, halfLifeDays: number): number {
  const ageDays = Math.max(0, now - createdAt) / DAY_MS;
  return Math.pow(0.5, ageDays / halfLifeDays);
}

export interface Ranked<T> {
  item: T;
  score: number;
}

/** Items with no relevant word are dropped; ties go to the newer item. */
export function rankRecall<T extends { createdAt: number; id: number }>(
  tokens: string[],
  items: T[],
  textOf: (item: T) => string,
  now: number,
  halfLifeDays: number,
): Array<Ranked<T>> {
  const out: Array<Ranked<T>> = [];
  for (const item of items) {
    const rel = relevance(tokens, textOf(item));
    if (rel === 0) continue;
    out.push({ item, score: RELEVANCE_WEIGHT * rel + RECENCY_WEIGHT * recency(item.createdAt, now, halfLifeDays) });
  }
  return out.sort((a, b) => b.score - a.score || b.item.createdAt - a.item.createdAt || b.item.id - a.item.id);
}
