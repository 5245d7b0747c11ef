/**
 * Line-ending, byte-order-mark and final-newline conventions of a text file: detect them on the
 * old content, re-apply them to new content so an edit never flips a file's style. Pure; a
 * mixed-ending file is left as the new text has it rather than normalised behind the user's back.
 */

export type Eol = 'lf' | 'crlf';

export interface TextFormat {
  /** The file's line ending, or null when it has none or mixes them (then new text is kept as is). */
  eol: Eol | null;
  bom: boolean;
  /** Whether the text ends with a line break; null for an empty file (no opinion). */
  finalNewline: boolean | null;
}

/** The format new files get: LF, no BOM, and whatever final newline the text has. */
export const DEFAULT_TEXT_FORMAT: TextFormat = { eol: null, bom: false, finalNewline: null };

export function detectTextFormat(text: string, bom = false): TextFormat {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  const eol: Eol | null = crlf > 0 && lf === 0 ? 'crlf' : lf > 0 && crlf === 0 ? 'lf' : null;
  const finalNewline = text.length === 0 ? null : text.endsWith('\n') || text.endsWith('\r');
  return { eol, bom, finalNewline };
}

/** Rewrites `text` into `format`: converts line endings, then adds or drops one final line break. */
export function applyTextFormat(text: string, format: TextFormat): string {
  let out = text;
  if (format.eol === 'crlf') out = out.replace(/\r?\n/g, '\r\n');
  else if (format.eol === 'lf') out = out.replace(/\r\n/g, '\n');
  if (format.finalNewline === true && out.length > 0 && !/[\r\n]$/.test(out)) {
    out += format.eol === 'crlf' ? '\r\n' : format.eol === 'lf' ? '\n' : guessEol(out);
  } else if (format.finalNewline === false) {
    out = out.replace(/(\r\n|\n|\r)$/, '');
  }
  return out;
}

function guessEol(text: string): string {
  return detectTextFormat(text).eol === 'crlf' ? '\r\n' : '\n';
}
