/**
 * Content hashing and line counting for extracted files: sha1 hex over the UTF-8 text (what the
 * store compares to skip unchanged files). No file reads here.
 */
import { createHash } from 'node:crypto';

export function contentHash(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Number of lines as an editor shows them (a trailing newline does not start a new line). */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  let i = -1;
  while ((i = text.indexOf('\n', i + 1)) !== -1) n++;
  return text.endsWith('\n') ? n - 1 : n;
}
