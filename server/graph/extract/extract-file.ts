/**
 * The extractor's entry: source text in, one ExtractedFile out (parse, run the language's symbol
 * query, hash, count lines). Parse and query walk run in the native extractor when it is built
 * (native-captures.ts), else through the Node binding; both feed the same extraction. Used by the
 * worker pool and the main-thread paths alike; reads no files and writes no store.
 */
import type Parser from 'tree-sitter';
import type { ExtractedFile, Language } from '../types.js';
import { contentHash, countLines } from './content-hash.js';
import { extractFromCaptures, extractFromTree, type ExtractResult } from './extract-symbols.js';
import { NativeCaptureList, nativeLanguage, type NativeLanguage } from './native-captures.js';
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

/** Which parser serves a whole-file extraction: the native extractor when built, else the binding. */
export type ExtractEngine = 'auto' | 'binding';

export function extractSource(language: Language, text: string, engine: ExtractEngine = 'auto'): ExtractResult {
  const native = engine === 'auto' ? nativeLanguage(language) : null;
  if (native) return extractPacked(native, text, native.graph.extractSync(native.index, native.deep.handle, native.top?.handle ?? -1, text));
  return extractTree(language, text, parseSource(language, text));
}

/**
 * Parses and walks on a native parse thread; the promise gives back the extraction to run on this
 * thread, so a caller can queue more parses before spending time on it. Null when the native
 * extractor does not serve this language.
 */
export function startNativeExtract(language: Language, text: string): Promise<() => ExtractResult> | null {
  const native = nativeLanguage(language);
  if (!native) return null;
  return native.graph.extractAsync(native.index, native.deep.handle, native.top?.handle ?? -1, text).then((data) => () => extractPacked(native, text, data));
}

function extractPacked(native: NativeLanguage, text: string, data: Int32Array): ExtractResult {
  const list = new NativeCaptureList(data, native, text);
  return extractFromCaptures([list], text, native.language, list.hasError);
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
