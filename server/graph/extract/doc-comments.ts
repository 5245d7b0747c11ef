/**
 * Turns raw comment and docstring text into clean doc text (JSDoc, `//` blocks, Rust `///`, Go `//`,
 * Python `#` and docstrings) and decides which comment kinds count as docs per language.
 * Pure string functions: no tree-sitter, no I/O.
 */
import type { Language } from '../types.js';

const MAX_DOC = 2000;

/** Whether a comment's text may serve as a doc comment in this language. */
export function isDocComment(language: Language, text: string): boolean {
  if (language === 'rust') return text.startsWith('///') || text.startsWith('/**');
  if (language === 'python') return text.startsWith('#');
  return text.startsWith('//') || text.startsWith('/*');
}

/** Whether a chain of comments may continue upward past this one (line comments chain, blocks stand alone). */
export function isLineComment(text: string): boolean {
  return text.startsWith('//') || text.startsWith('#');
}

/** Strips comment markers from a chain of comments (top to bottom) and joins them. */
export function cleanComments(texts: string[]): string | null {
  const lines: string[] = [];
  for (const t of texts) {
    if (t.startsWith('/*')) {
      const body = t.replace(/^\/\*+!?/, '').replace(/\*+\/$/, '');
      for (const l of body.split('\n')) lines.push(l.replace(/^\s*\*? ?/, '').trimEnd());
    } else {
      lines.push(t.replace(/^(\/\/[/!]?|#+) ?/, '').trimEnd());
    }
  }
  return finish(lines);
}

/** Cleans a Python docstring literal (quotes, prefixes, common indentation). */
export function cleanDocstring(literal: string): string | null {
  const m = /^[rRuUbBfF]{0,2}("""|'''|"|')([\s\S]*?)\1$/.exec(literal.trim());
  const body = m ? m[2]! : literal;
  const lines = body.split('\n');
  let indent = Infinity;
  for (const l of lines.slice(1)) {
    if (l.trim() === '') continue;
    indent = Math.min(indent, l.length - l.trimStart().length);
  }
  const out = lines.map((l, i) => (i === 0 || indent === Infinity ? l.trim() : l.slice(indent).trimEnd()));
  return finish(out);
}

function finish(lines: string[]): string | null {
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (!lines.length) return null;
  const doc = lines.join('\n');
  return doc.length > MAX_DOC ? doc.slice(0, MAX_DOC) + '…' : doc;
}
