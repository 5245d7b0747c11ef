/**
 * Checks a whole-file rewrite before it is written: refuses content that carries truncation
 * markers (`// rest of the file unchanged`, `# ... rest of code ...`, `<!-- unchanged -->`) the old
 * file did not have, and a drastic shrink of a large file unless asked for. Never rewrites anything.
 */
import { isElisionMarker, languageOf } from './elision.js';
import { toBlockLines } from './text-lines.js';
import type { SearchReplaceOptions } from './types.js';

/** Files at least this long may not lose more than half their lines without allowShrink. */
export const SHRINK_MIN_LINES = 40;

export function checkWholeFileRewrite(
  oldText: string | null,
  newText: string,
  options: SearchReplaceOptions = {},
): { ok: true } | { ok: false; error: string } {
  if (typeof newText !== 'string') return { ok: false, error: 'The new content must be a string.' };
  const name = options.path ?? 'the file';
  const lang = languageOf(options.path, options.path ? '' : `${(typeof oldText === 'string' ? oldText : '').slice(0, 4000)}\n${newText.slice(0, 4000)}`);
  const oldLines = typeof oldText === 'string' ? toBlockLines(oldText) : [];
  const had = new Set(oldLines.map((l) => l.trim()));
  const newLines = toBlockLines(newText);
  const at = newLines.findIndex((l) => isElisionMarker(l, lang) && !had.has(l.trim()));
  if (at >= 0) {
    return {
      ok: false,
      error:
        `The new content of ${name} has \`${(newLines[at] ?? '').trim()}\` at line ${at + 1}, a placeholder for code left out. ` +
        'It would be written literally and the left-out code lost. Change only the part that differs with a search/replace edit instead.',
    };
  }
  if (!options.allowShrink && oldLines.length >= SHRINK_MIN_LINES && newLines.length * 2 < oldLines.length) {
    return {
      ok: false,
      error:
        `The new content has ${newLines.length} lines where ${name} has ${oldLines.length}: it would remove more than half of the file. ` +
        'If that is intended, ask for it explicitly (allow_shrink); otherwise change only the part that differs with a search/replace edit.',
    };
  }
  return { ok: true };
}
