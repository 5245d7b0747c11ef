/**
 * Recognises elision / truncation markers a model writes instead of code: `...`, `…`,
 * `// ... existing code ...`, `# ... rest of code ...`, `/* ... *\/`, `<!-- unchanged -->`,
 * `// rest of the file unchanged`. Classification only; what a marker means is decided by callers.
 */

const OPENERS = ['{/*', '<!--', '/*', '//', '--', '#', ';', '*'];
const CLOSERS = ['*/}', '-->', '*/'];
const DOTS = /(\.\.\.|…)/;
const PHRASE = new RegExp(
  [
    '^(?:the\\s+)?rest\\s+of\\b',
    '^(?:remaining|existing|previous|other)\\s+(?:code|lines|methods|functions|content|implementation|fields|properties|tests|imports|styles|rules|logic|cases|items|entries|sections)\\b',
    '\\bunchanged\\.?$',
    '^unchanged\\b',
    '^same\\s+as\\s+(?:before|above)',
    '^(?:code\\s+)?omitted\\b',
    '^truncated\\b',
    '^keep\\s+existing\\b',
    '^no\\s+changes?\\b',
  ].join('|'),
  'i',
);

/** Only what changes marker rules: Python and YAML use a bare `...` as code, Markdown as prose. */
export type Language = 'python' | 'yaml' | 'markdown' | 'other';

/**
 * The marker rules for a path; without a path, a sample of the text that clearly looks like Python
 * (a `def`/`class` header ending in a colon) gets the Python rules, so stub bodies are not refused.
 */
export function languageOf(path: string | undefined, sample = ''): Language {
  if (!path) {
    return /^[ \t]*(?:async[ \t]+)?(?:def[ \t]+\w+[ \t]*\(.*\)[^:{]*|class[ \t]+\w+(?:\(.*\))?[ \t]*):[ \t]*$/m.test(sample) ? 'python' : 'other';
  }
  if (/\.(py|pyi)$/i.test(path)) return 'python';
  if (/\.(ya?ml)$/i.test(path)) return 'yaml';
  if (/\.(md|markdown|mdx|txt|rst)$/i.test(path)) return 'markdown';
  return 'other';
}

/** The comment text of a line, or null when it is not a single comment with recognised delimiters. */
function commentBody(trimmed: string): string | null {
  const opener = OPENERS.find((o) => trimmed.startsWith(o));
  if (!opener) return null;
  // Repeated or doc-comment openers (`;;`, `##`, `///`, `/**`, `//!`) count as one.
  let body = trimmed.slice(opener.length).replace(/^[#;/*!-]+/, '');
  const closer = CLOSERS.find((c) => body.trimEnd().endsWith(c));
  if (closer) body = body.trimEnd().slice(0, -closer.length);
  else if (opener === '/*' || opener === '<!--' || opener === '{/*') return null;
  return body.trim();
}

/** Words that make a trailing-dots comment an elision (`// existing code ...`), not prose. */
const VOCAB =
  /\b(existing|rest|remaining|other|more|unchanged|same|previous|omitted|etc|code|implementation|methods|functions|fields|properties|content|logic|lines|here|before|above|below)\b/i;

function isMarkerBody(body: string): boolean {
  if (body.length === 0 || body.length > 80) return false;
  if (/^(\.\.\.|…)+$/.test(body)) return true;
  const words = body.replace(/(\.\.\.|…)/g, ' ').replace(/[()[\]]/g, ' ').trim();
  if (words !== '' && !/^[A-Za-z][A-Za-z0-9 ,'’/_.-]*$/.test(words)) return false;
  const n = words === '' ? 0 : words.split(/\s+/).length;
  if (n > 9) return false;
  // `// ... anything short` is how models elide; `# wait for it...` is prose unless it names code.
  if (/^(\.\.\.|…)/.test(body)) return n <= 6 || VOCAB.test(words);
  if (/(\.\.\.|…)$/.test(body)) return VOCAB.test(words) || PHRASE.test(words);
  return PHRASE.test(words);
}

/**
 * True when the line is an elision marker. A bare `...` counts except in Python (an Ellipsis body)
 * and Markdown (prose); `...args` and other code never count.
 */
export function isElisionMarker(line: string, lang: Language = 'other'): boolean {
  const t = line.trim();
  if (t === '') return false;
  if (t === '...' || t === '…') return lang === 'other';
  const body = commentBody(t);
  if (body === null) return false;
  if (lang === 'markdown' && !t.startsWith('<!--')) return false;
  return isMarkerBody(body);
}

/** Like isElisionMarker, but a bare `...` counts in Python search blocks (a stub body matches literally earlier). */
export function isSearchElisionMarker(line: string, lang: Language): boolean {
  const t = line.trim();
  if ((t === '...' || t === '…') && (lang === 'python' || lang === 'yaml')) return true;
  return isElisionMarker(line, lang);
}
