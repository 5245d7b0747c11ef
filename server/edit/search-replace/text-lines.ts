/**
 * The line model: splits file text into lines with their own terminators (keeping BOM, CRLF/LF and
 * final-newline state) and joins them back byte-exact. Search and replace blocks become plain line
 * lists. Must not change any byte it was not asked to change.
 */
import type { LineDoc } from './types.js';

export function toLineDoc(text: string): LineDoc {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const lines: string[] = [];
  const eols: string[] = [];
  if (body.length === 0) return { bom, lines, eols, eol: '\n' };
  const parts = body.split('\n');
  let crlf = 0;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] ?? '';
    if (p.charCodeAt(p.length - 1) === 13) {
      lines.push(p.slice(0, -1));
      eols.push('\r\n');
      crlf++;
    } else {
      lines.push(p);
      eols.push('\n');
    }
  }
  const last = parts[parts.length - 1] ?? '';
  if (last !== '') {
    lines.push(last);
    eols.push('');
  }
  return { bom, lines, eols, eol: crlf * 2 > parts.length - 1 ? '\r\n' : '\n' };
}

export function fromLineDoc(doc: LineDoc): string {
  let out = doc.bom ? '\ufeff' : '';
  for (let i = 0; i < doc.lines.length; i++) out += doc.lines[i] + doc.eols[i];
  return out;
}

/** A search or replace block as lines: CRLF folded to LF, one trailing terminator dropped. */
export function toBlockLines(block: string): string[] {
  if (block === '') return [];
  let s = block.replace(/\r\n?/g, '\n');
  if (s.endsWith('\n')) s = s.slice(0, -1);
  return s.split('\n');
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** 1-based line number of a character offset in text. */
export function lineNumberAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
