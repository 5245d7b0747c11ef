/**
 * Writes the refusal a model can act on: the closest candidate regions with line numbers and a short
 * per-line diff (search line vs file line), so the next attempt can copy the exact text. Text only;
 * it never decides whether to apply.
 */
import type { Candidate } from './fuzzy.js';
import type { MatchContext } from './match-context.js';

const MAX_DIFF_LINES = 6;
const MAX_CANDIDATES = 2;

function show(line: string): string {
  const t = line.replace(/\t/g, '→');
  return t.length > 160 ? `${t.slice(0, 157)}...` : t;
}

function pct(x: number): string {
  return `${Math.round(Math.max(0, x) * 100)}%`;
}

/** The per-line differences of one candidate, as indented lines. */
export function describeCandidate(ctx: MatchContext, search: readonly string[], c: Candidate): string[] {
  const out: string[] = [`lines ${c.start + 1}-${c.end} (${pct(c.score)} similar):`];
  const diffs: string[] = [];
  const alignedFiles = new Set(c.align.filter((f) => f >= 0));
  search.forEach((line, i) => {
    if (line.trim() === '') return;
    const f = c.align[i] ?? -1;
    if (f < 0) {
      diffs.push(`  search line ${i + 1}: ${show(line)}    <- not in the file here`);
    } else if ((c.sims[i] ?? 0) < 1) {
      diffs.push(`  search line ${i + 1}: ${show(line)}`);
      diffs.push(`  file   line ${f + 1}: ${show(ctx.doc.lines[f] ?? '')}`);
    }
  });
  for (let f = c.start; f < c.end; f++) {
    const text = ctx.doc.lines[f] ?? '';
    if (!alignedFiles.has(f) && text.trim() !== '') diffs.push(`  file   line ${f + 1}: ${show(text)}    <- missing from your search`);
  }
  if (diffs.length === 0) diffs.push('  (same text; only whitespace or indentation differs)');
  const shown = diffs.slice(0, MAX_DIFF_LINES * 2);
  if (diffs.length > shown.length) shown.push(`  ... ${diffs.length - shown.length} more differing line(s)`);
  return [...out, ...shown];
}

export interface MissExplanation {
  path?: string;
  /** Why the closest candidate was not used (absent when there was none). */
  reason?: string;
  /** 1-based line where the replacement text already occurs, if it does. */
  alreadyAppliedAt?: number;
}

export function explainMiss(
  ctx: MatchContext,
  search: readonly string[],
  candidates: readonly Candidate[],
  info: MissExplanation,
): string {
  const where = info.path ? ` in ${info.path}` : '';
  const parts: string[] = [];
  const useful = candidates.filter((c) => c.score >= 0.35).slice(0, MAX_CANDIDATES);
  // Lines like `}` or `end` occur everywhere and say nothing about where the search belongs.
  const distinctive = (l: string): boolean => l.trim().length >= 4 && /[A-Za-z0-9]/.test(l);
  const found = search.filter((l) => distinctive(l) && ctx.linesWithKey('trim', l.trim()).length > 0);
  if (useful.length === 0 && found.length > 0) {
    parts.push(
      `No match for the search text${where}: some of its lines occur in the file (e.g. ${show(found[0]?.trim() ?? '')}) but nowhere together in this order. ` +
        'Read the part of the file you want to change again and copy its lines exactly, including a few distinctive ones.',
    );
  } else if (useful.length === 0) {
    const first = search.find((l) => l.trim() !== '') ?? '';
    parts.push(
      `No match for the search text${where}: none of its lines occur in the file (first search line: ${show(first.trim())}). ` +
        'The file may have changed since you read it; read it again and copy the exact lines.',
    );
  } else {
    parts.push(`No exact match for the search text${where}.${info.reason ? ` ${info.reason}` : ''}`);
    useful.forEach((c, n) => {
      const lines = describeCandidate(ctx, search, c);
      parts.push(`${n === 0 ? 'Closest candidate' : 'Next candidate'}: ${lines.join('\n')}`);
    });
    parts.push('Copy the exact lines from the file (without line-number prefixes) into the search and try again.');
  }
  if (info.alreadyAppliedAt !== undefined) {
    parts.push(`Note: the replacement text already appears at line ${info.alreadyAppliedAt}; the edit may already have been applied. Read the file again before retrying.`);
  }
  return parts.join('\n');
}
