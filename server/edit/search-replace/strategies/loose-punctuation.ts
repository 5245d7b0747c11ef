/**
 * Layer 7: lines equal once all whitespace is removed and quote styles are unified; indentation is free (a flattened block still lands), tokens must be identical.
 * Only locates; the caller refuses when more than one place matches.
 */
import type { MatchContext } from '../match-context.js';
import type { LineMatch } from '../types.js';
import { findLineMatches } from './line-matcher.js';

export function loosePunctuationMatches(ctx: MatchContext, search: readonly string[]): LineMatch[] {
  return findLineMatches(ctx, search, { key: 'loose', skipBlank: true, indent: 'any' });
}
