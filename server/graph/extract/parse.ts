/**
 * Parses source text with tree-sitter, one cached Parser per language per thread. On 0.25.1 a plain
 * string parse accepts any length (the 0.21 32 KiB limit is gone, checked in test/graph/extract);
 * positions and indices are UTF-16 code units. Does not extract or store anything.
 */
import Parser from 'tree-sitter';
import type { Language } from '../types.js';
import { grammarFor } from './languages.js';

const parsers = new Map<Language, Parser>();

function parserFor(language: Language): Parser {
  let p = parsers.get(language);
  if (!p) {
    p = new Parser();
    p.setLanguage(grammarFor(language) as Parser.Language);
    parsers.set(language, p);
  }
  return p;
}

/** Parses `text`; pass `oldTree` (already `edit()`ed to match `text`) for an incremental parse. */
export function parseSource(language: Language, text: string, oldTree?: Parser.Tree | null): Parser.Tree {
  return parserFor(language).parse(text, oldTree ?? null);
}

export type { Parser };
