/**
 * Layer 5: like indentation-relative, but blank lines are ignored on both sides (a model often drops or adds them); the file's blank lines stay.
 * Only locates; the caller refuses when more than one place matches.
 */
import type { MatchContext } from '../match-context.js';
import type { LineMatch } from '../types.js';
import { findLineMatches } from './line-matcher.js';

export function blankLinesMatches(ctx: MatchContext, search: readonly string[]): LineMatch[] {
  return findLineMatches(ctx, search, { key: 'trim', skipBlank: true, indent: 'uniform' });
}
