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

/**
 * A language's symbol query in two parts. `top` holds the patterns anchored at the root node
 * (`(program (lexical_declaration …))`): run with a maximum start depth of 0 they cost a few
 * milliseconds, while inside one query their in-progress states are checked at every node of the
 * file (~15% of the whole query walk on a large TypeScript corpus). `deep` holds the rest.
 */
export interface LanguageQueries {
  deep: Parser.Query;
  top: Parser.Query | null;
}

/** The node type of each grammar's root. */
const ROOT_TYPES: Record<Language, string> = {
  typescript: 'program',
  tsx: 'program',
  javascript: 'program',
  python: 'module',
  go: 'source_file',
  rust: 'source_file',
};

/** Top-level forms of a query source (balanced parentheses / brackets; strings and comments skipped). */
export function queryForms(source: string): string[] {
  const forms: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === ';') {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? source.length : nl;
      continue;
    }
    if (c === '"') {
      for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
      if (depth === 0 && start >= 0) {
        // captures and quantifiers after the closing paren belong to the form
        const rest = /^(\s*(@[\w.]+|[*+?]))*/.exec(source.slice(i + 1))![0];
        forms.push(source.slice(start, i + 1 + rest.length));
        i += rest.length;
        start = -1;
      }
    }
  }
  return forms;
}


function compile(language: Language, source: string): Parser.Query {
  try {
    return new Parser.Query(grammarFor(language) as Parser.Language, source);
  } catch (err) {
    throw new SmallCodeError('GraphUnavailable', `the ${language} symbol query does not compile: ${errorMessage(err)}`, { tried: join(queriesDir(), `${language}.scm`) }, { cause: err });
  }
}

const split = new Map<Language, LanguageQueries>();

/** A language's query source split into the deep part and the root-anchored part (null when empty). */
export function splitQuerySource(language: Language): { deep: string; top: string | null } {
  const rooted = new RegExp(`^\\(\\s*${ROOT_TYPES[language]}\\b`);
  const forms = queryForms(querySource(language));
  const top = forms.filter((f) => rooted.test(f));
  return { deep: forms.filter((f) => !rooted.test(f)).join('\n'), top: top.length ? top.join('\n') : null };
}

export function queriesFor(language: Language): LanguageQueries {
  let q = split.get(language);
  if (q) return q;
  const source = splitQuerySource(language);
  q = { deep: compile(language, source.deep), top: source.top === null ? null : compile(language, source.top) };
  split.set(language, q);
  return q;
}
