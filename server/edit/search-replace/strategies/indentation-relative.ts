/**
 * Layer 4: the search block is shifted uniformly against the file (spaces or tabs); the replacement is re-indented by the same shift.
 * Only locates; the caller refuses when more than one place matches.
 */
import type { MatchContext } from '../match-context.js';
import type { LineMatch } from '../types.js';
import { findLineMatches } from './line-matcher.js';

export function indentationRelativeMatches(ctx: MatchContext, search: readonly string[]): LineMatch[] {
  return findLineMatches(ctx, search, { key: 'trim', skipBlank: false, indent: 'uniform' });
}
