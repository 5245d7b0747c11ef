/**
 * The extractor's entry: source text in, one ExtractedFile out (parse, run the language's symbol
 * query, hash, count lines). Used by the worker pool and the main-thread paths alike; reads no
 * files and writes no store.
 */
import type Parser from 'tree-sitter';
import type { ExtractedFile, Language } from '../types.js';
import { contentHash, countLines } from './content-hash.js';
import { extractFromTree, type ExtractResult } from './extract-symbols.js';
import { languageForPath } from './languages.js';
import { parseSource } from './parse.js';
import { queriesFor } from './query-loader.js';
import { SmallCodeError } from '../../core/errors.js';

export interface ExtractInput {
  /** Workspace-relative path with forward slashes. */
  path: string;
  text: string;
  /** Defaults to the language of the path's extension. */
  language?: Language;
  mtimeMs?: number;
  /** sha1 hex of the text when the caller already has it. */
  hash?: string;
}

/** Symbols and references of an already parsed tree (the incremental path hands its own tree). */
export function extractTree(language: Language, text: string, tree: Parser.Tree): ExtractResult {
  return extractFromTree(tree, text, language, queriesFor(language));
}

export function extractSource(language: Language, text: string): ExtractResult {
  return extractTree(language, text, parseSource(language, text));
}

export function resolveLanguage(path: string, language?: Language): Language {
  const lang = language ?? languageForPath(path);
  if (!lang) throw new SmallCodeError('GraphUnavailable', `no tree-sitter grammar for ${path}`, { next: 'index only .ts/.tsx/.js/.jsx/.py/.go/.rs files' });
  return lang;
}

export function toExtractedFile(input: ExtractInput, language: Language, result: ExtractResult): ExtractedFile {
  return {
    path: input.path,
    language,
    hash: input.hash ?? contentHash(input.text),
    mtimeMs: input.mtimeMs ?? 0,
    lines: countLines(input.text),
    symbols: result.symbols,
    references: result.references,
    hasErrors: result.hasErrors,
  };
}

export function extractFile(input: ExtractInput): ExtractedFile {
  const language = resolveLanguage(input.path, input.language);
  return toExtractedFile(input, language, extractSource(language, input.text));
}
