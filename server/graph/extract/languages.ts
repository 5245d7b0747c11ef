/**
 * Maps file names to graph languages and loads the tree-sitter grammar for each (native modules,
 * loaded lazily once per thread). Knows nothing about queries or storage.
 */
import { createRequire } from 'node:module';
import type { Language } from '../types.js';

const require = createRequire(import.meta.url);

const EXTENSIONS: Record<string, Language> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.py': 'python',
  '.pyi': 'python',
  '.go': 'go',
  '.rs': 'rust',
};

export const LANGUAGES: readonly Language[] = ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust'];

/** The graph language of a path by its extension, or null when the graph does not index it. */
export function languageForPath(path: string): Language | null {
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  if (dot <= slash + 1) return null;
  return EXTENSIONS[path.slice(dot).toLowerCase()] ?? null;
}

/** The grammar object tree-sitter's `Parser#setLanguage` and `Query` take (opaque to us). */
export type Grammar = object;

const grammars = new Map<Language, Grammar>();

export function grammarFor(language: Language): Grammar {
  let g = grammars.get(language);
  if (g) return g;
  switch (language) {
    case 'typescript':
      g = (require('tree-sitter-typescript') as { typescript: Grammar }).typescript;
      break;
    case 'tsx':
      g = (require('tree-sitter-typescript') as { tsx: Grammar }).tsx;
      break;
    case 'javascript':
      g = require('tree-sitter-javascript') as Grammar;
      break;
    case 'python':
      g = require('tree-sitter-python') as Grammar;
      break;
    case 'go':
      g = require('tree-sitter-go') as Grammar;
      break;
    case 'rust':
      g = require('tree-sitter-rust') as Grammar;
      break;
  }
  grammars.set(language, g);
  return g;
}
