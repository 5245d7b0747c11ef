/**
 * Layer 2: the search differs from the file only in line endings (CRLF file, LF search or the
 * reverse). The search and replacement are converted to the file's ending, so the result keeps the
 * file's line endings. Mixed-ending files are left to the line-based layers.
 */
import { occurrences } from './exact.js';

export type EolStyle = 'crlf' | 'lf' | 'mixed' | 'none';

export function eolStyle(text: string): EolStyle {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf > 0 && lf > 0) return 'mixed';
  return crlf > 0 ? 'crlf' : 'lf';
}

export function convertEol(block: string, style: 'crlf' | 'lf'): string {
  const lf = block.replace(/\r\n/g, '\n');
  return style === 'crlf' ? lf.replace(/\n/g, '\r\n') : lf;
}

/** The converted search/replace and where the search occurs, or null when conversion does not apply. */
export function matchLineEndings(
  text: string,
  search: string,
  replace: string,
): { search: string; replace: string; offsets: number[] } | null {
  const style = eolStyle(text);
  if (style !== 'crlf' && style !== 'lf') return null;
  const s = convertEol(search, style);
  if (s === search) return null;
  const offsets = occurrences(text, s);
  return offsets.length === 0 ? null : { search: s, replace: convertEol(replace, style), offsets };
}
