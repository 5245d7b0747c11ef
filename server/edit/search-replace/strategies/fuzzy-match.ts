/**
 * Layer 8: bounded fuzzy line match. Applies only when one candidate is very similar (score, per-line
 * and boundary-line floors) AND clearly better than any other non-overlapping candidate (margin);
 * otherwise it returns the candidates and the reason for the refusal. Thresholds are in the README.
 */
import { findCandidates, type Candidate } from '../fuzzy.js';
import type { MatchContext } from '../match-context.js';

export const FUZZY = {
  minScore: 0.9,
  minMargin: 0.1,
  minLines: 3,
  minBoundarySim: 0.8,
  minLineSim: 0.8,
  /** ...unless the line differs by at most this many characters. */
  maxSmallEdit: 4,
  /** Alternative to the score margin: the best candidate has this many more identical lines. */
  minExactLead: 2,
  /** A search line that fits the runner-up better than the best by this much is contradicting evidence. */
  contradiction: 0.02,
} as const;

function contradicts(best: Candidate, second: Candidate): boolean {
  return best.sims.some((b, i) => Math.max(0, second.sims[i] ?? -1) - Math.max(0, b) > FUZZY.contradiction);
}

export type FuzzyOutcome =
  | { kind: 'match'; candidate: Candidate }
  | { kind: 'refuse'; candidates: Candidate[]; reason: string; ambiguous: boolean };

export function fuzzyMatch(ctx: MatchContext, search: readonly string[]): FuzzyOutcome {
  const candidates = findCandidates(ctx, search);
  const best = candidates[0];
  if (!best) return { kind: 'refuse', candidates, reason: '', ambiguous: false };
  const second = candidates.find((c) => c !== best && (c.end <= best.start || c.start >= best.end));
  const ordered = second ? [best, second, ...candidates.filter((c) => c !== best && c !== second)] : candidates;
  const reason = rejection(ctx, best, second, search);
  if (reason === null) return { kind: 'match', candidate: best };
  const ambiguous =
    second !== undefined &&
    best.score >= FUZZY.minScore &&
    ((second.score >= 0.5 && contradicts(best, second)) ||
      (best.score - second.score < FUZZY.minMargin && best.exact - second.exact < FUZZY.minExactLead));
  return { kind: 'refuse', candidates: ordered, reason, ambiguous };
}

/** Why the best candidate may not be applied, or null when it may. */
function rejection(ctx: MatchContext, best: Candidate, second: Candidate | undefined, search: readonly string[]): string | null {
  const m = best.nonBlank;
  const differing = m - best.exact;
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  const tooFar = `The closest place is too different to apply safely (${differing} of ${m} lines differ${best.extra > 0 ? `, ${best.extra} file line(s) missing from the search` : ''}, ${pct(best.score)} similar).`;
  // Every search line found verbatim, in order, with a few file lines the model left out: the
  // place is certain and the merge keeps the left-out lines.
  const subsequence = m >= FUZZY.minLines && best.exact === m && best.missing === 0 && best.extra <= Math.max(1, Math.floor(m / 4));
  const pureWhitespace = best.score === 1 && best.missing === 0 && best.extra === 0;
  if (!subsequence && !pureWhitespace && best.score < FUZZY.minScore) return tooFar;
  if (second && second.score >= 0.5 && contradicts(best, second)) {
    return `Parts of the search fit lines ${best.start + 1}-${best.end} best and other parts fit lines ${second.start + 1}-${second.end} best, so the edit was not applied; copy the exact lines of the one place you mean.`;
  }
  const exactLead = second ? best.exact - second.exact : Infinity;
  if (second && best.score - second.score < FUZZY.minMargin && exactLead < FUZZY.minExactLead) {
    return `Two places are about equally close (lines ${best.start + 1}-${best.end}: ${pct(best.score)}, lines ${second.start + 1}-${second.end}: ${pct(second.score)}), so the edit was not applied; include lines that tell them apart.`;
  }
  if (pureWhitespace || subsequence) return null;
  if (m < FUZZY.minLines) {
    return `The search has only ${m} non-blank line(s) and does not match exactly; a short search must match exactly.`;
  }
  if (differing > Math.max(1, Math.floor(m / 4))) return tooFar;
  if (best.missing > Math.floor(m / 5) || best.extra > Math.floor(m / 5)) return tooFar;
  const nonBlank = search.map((l, i) => (l.trim() === '' ? -1 : i)).filter((i) => i >= 0);
  for (const i of nonBlank) {
    const sim = best.sims[i] ?? -1;
    if (sim < 0 || sim >= FUZZY.minLineSim) continue;
    // A short line may differ by a few characters ("docs updated" / "docs are updated") and still
    // be the same line; a longer rewrite of a line is a different line.
    const len = Math.max((search[i] ?? '').trim().length, (ctx.doc.lines[best.align[i] ?? 0] ?? '').trim().length);
    if (sim < 0.5 || (1 - sim) * len > FUZZY.maxSmallEdit) return tooFar;
  }
  const firstS = best.sims[nonBlank[0] ?? 0] ?? -1;
  const lastS = best.sims[nonBlank[nonBlank.length - 1] ?? 0] ?? -1;
  if (firstS < FUZZY.minBoundarySim || lastS < FUZZY.minBoundarySim) {
    return 'The first or last line of the search does not match the file closely enough to know where the edit starts and ends.';
  }
  return null;
}
