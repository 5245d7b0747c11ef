/**
 * Splits a context window between the sections of a request (system, tool schemas, task, plan, repo
 * map, memory, history, the answer's reserve) and shapes the `smallcode/budget` report. Sections that
 * need less than their share give the rest to history. Pure arithmetic.
 */
import type { BudgetResultT } from '../../../protocol-ext/stats.js';

export interface SectionRequest {
  name: string;
  /** Tokens the section would use if it could have everything it wants. */
  need: number;
  /**
   * Largest share of the usable window (window - reserve) the section may take. Omitted: the section
   * is fixed (system prompt, tool schemas) and gets all it needs or the split fails.
   */
  maxShare?: number;
}

export interface SplitInput {
  window: number;
  /** Tokens kept free for the answer (max_tokens). */
  reserve: number;
  sections: readonly SectionRequest[];
}

export interface Allocation {
  name: string;
  tokens: number;
  /** True when the section got less than it needs and must be cut to `tokens`. */
  cut: boolean;
}

export type SplitResult =
  | { ok: true; allocations: Allocation[]; history: number; usable: number }
  | { ok: false; reason: string; fixedTokens: number; usable: number };

/** Default shares of the usable window for the sections the agent builds. */
export const DEFAULT_SHARES: Readonly<Record<string, number>> = {
  task: 0.15,
  plan: 0.06,
  repoMap: 0.12,
  memory: 0.08,
};

/** A reserve for the answer that suits the window: a fifth, between 256 and 4096 tokens. */
export function defaultReserve(window: number): number {
  return Math.max(Math.min(256, Math.floor(window / 4)), Math.min(4096, Math.floor(window / 5)));
}

/**
 * Fixed sections first, then capped ones at min(need, share × usable); whatever is left is history.
 * If capped sections together exceed what the fixed ones left, they are scaled down proportionally.
 */
export function splitBudget(input: SplitInput): SplitResult {
  const usable = Math.max(0, Math.floor(input.window - input.reserve));
  const fixed = input.sections.filter((s) => s.maxShare === undefined);
  const capped = input.sections.filter((s) => s.maxShare !== undefined);
  const fixedTokens = fixed.reduce((n, s) => n + Math.max(0, Math.ceil(s.need)), 0);
  if (fixedTokens > usable) {
    return { ok: false, reason: `the fixed sections (${fixed.map((s) => s.name).join(', ')}) need ${fixedTokens} tokens but only ${usable} are usable`, fixedTokens, usable };
  }
  const left = usable - fixedTokens;
  const wants = capped.map((s) => Math.min(Math.max(0, Math.ceil(s.need)), Math.floor(Math.max(0, s.maxShare!) * usable)));
  const totalWant = wants.reduce((a, b) => a + b, 0);
  const factor = totalWant > left ? left / totalWant : 1;
  const allocations: Allocation[] = [];
  for (const s of fixed) allocations.push({ name: s.name, tokens: Math.max(0, Math.ceil(s.need)), cut: false });
  capped.forEach((s, i) => {
    const tokens = Math.floor(wants[i]! * factor);
    allocations.push({ name: s.name, tokens, cut: tokens < Math.ceil(s.need) });
  });
  const used = allocations.reduce((n, a) => n + a.tokens, 0);
  // Keep the caller's order so reports read the same way every turn.
  const order = new Map(input.sections.map((s, i) => [s.name, i]));
  allocations.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  return { ok: true, allocations, history: usable - used, usable };
}

export interface UsedSection {
  name: string;
  tokens: number;
}

/** The `smallcode/budget` answer: each section's tokens and percent of the window. */
export function toBudgetResult(model: string | null, window: number, sections: readonly UsedSection[]): BudgetResultT {
  const w = Math.max(1, window);
  const rows = sections.map((s) => ({ name: s.name, tokens: Math.max(0, Math.round(s.tokens)), percent: Math.round((Math.max(0, s.tokens) / w) * 1000) / 10 }));
  const used = rows.filter((r) => r.name !== 'reserve' && r.name !== 'free').reduce((n, r) => n + r.tokens, 0);
  return { model, contextWindow: Math.round(window), used, sections: rows };
}
