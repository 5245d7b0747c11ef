/**
 * Layer 3: lines equal once trailing whitespace is ignored (the file keeps its own trailing whitespace on lines the edit does not change).
 * Only locates; the caller refuses when more than one place matches.
 */
import type { MatchContext } from '../match-context.js';
import type { LineMatch } from '../types.js';
import { findLineMatches } from './line-matcher.js';

export function trailingWhitespaceMatches(ctx: MatchContext, search: readonly string[]): LineMatch[] {
  return findLineMatches(ctx, search, { key: 'trimEnd', skipBlank: false, indent: 'exact' });
}
