/**
 * Reads the per-language symbol queries (`server/graph/queries/<lang>.scm`, data files found through
 * packageRoot()) and compiles them once per thread. A `; inherits: <lang>` line prepends another
 * language's query. No extraction logic here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'tree-sitter';
import { packageRoot } from '../../core/package-root.js';
import { SmallCodeError, errorMessage } from '../../core/errors.js';
import type { Language } from '../types.js';
import { grammarFor } from './languages.js';

const compiled = new Map<Language, Parser.Query>();

export function queriesDir(): string {
  return join(packageRoot(), 'server', 'graph', 'queries');
}

/** The full query text for a language, with `; inherits:` lines resolved (depth-first, once each). */
export function querySource(language: string, seen: Set<string> = new Set()): string {
  if (seen.has(language)) return '';
  seen.add(language);
  const file = join(queriesDir(), `${language}.scm`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SmallCodeError('GraphUnavailable', `cannot read the ${language} symbol query: ${errorMessage(err)}`, { tried: file }, { cause: err });
  }
  let prefix = '';
  for (const m of text.matchAll(/^;\s*inherits:\s*([\w,\s]+)$/gm)) {
    for (const parent of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) prefix += querySource(parent, seen) + '\n';
  }
  return prefix + text;
}

export function queryFor(language: Language): Parser.Query {
  let q = compiled.get(language);
  if (q) return q;
  const source = querySource(language);
  try {
    q = new Parser.Query(grammarFor(language) as Parser.Language, source);
  } catch (err) {
    throw new SmallCodeError('GraphUnavailable', `the ${language} symbol query does not compile: ${errorMessage(err)}`, { tried: join(queriesDir(), `${language}.scm`) }, { cause: err });
  }
  compiled.set(language, q);
  return q;
}
