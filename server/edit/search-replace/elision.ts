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

export type Language = 'python' | 'markdown' | 'other';

export function languageOf(path: string | undefined): Language {
  if (!path) return 'other';
  if (/\.(py|pyi)$/i.test(path)) return 'python';
  if (/\.(md|markdown|mdx|txt|rst)$/i.test(path)) return 'markdown';
  return 'other';
}

/** The comment text of a line, or null when it is not a single comment with recognised delimiters. */
function commentBody(trimmed: string): string | null {
  const opener = OPENERS.find((o) => trimmed.startsWith(o));
  if (!opener) return null;
  let body = trimmed.slice(opener.length);
  const closer = CLOSERS.find((c) => body.trimEnd().endsWith(c));
  if (closer) body = body.trimEnd().slice(0, -closer.length);
  else if (opener === '/*' || opener === '<!--' || opener === '{/*') return null;
  return body.trim();
}

function isMarkerBody(body: string): boolean {
  if (body.length === 0 || body.length > 70) return false;
  if (/^(\.\.\.|…)$/.test(body)) return true;
  const words = body.replace(/(\.\.\.|…)/g, ' ').trim();
  if (!/^[A-Za-z][A-Za-z0-9 ,'’()/_.-]*$/.test(words) && words !== '') return false;
  if (words.split(/\s+/).length > 9) return false;
  if (DOTS.test(body)) return words === '' || /^(\.\.\.|…)/.test(body) || /(\.\.\.|…)$/.test(body);
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
  if ((t === '...' || t === '…') && lang === 'python') return true;
  return isElisionMarker(line, lang);
}
