/**
 * Classification of elision / truncation marker lines: the forms models write instead of code are
 * recognised, and ordinary code and comments that merely contain dots are not.
 */
import { describe, expect, it } from 'vitest';
import { isElisionMarker, isSearchElisionMarker, languageOf } from '../../../server/edit/search-replace/elision.js';

const MARKERS = [
  '// ...',
  '// ... existing code ...',
  '// ...existing code...',
  '# ... rest of code ...',
  '// ... (rest unchanged)',
  '// ... other methods',
  '/* ... */',
  '// existing code ...',
  '// rest of the code ...',
  ';; ...',
  '-- ...',
  '## ...',
  '/** ... */',
  '<!-- ... -->',
  '<!-- unchanged -->',
  '// rest of the file unchanged',
  '# rest of code unchanged',
  '{/* ... */}',
  '...',
  '…',
  '// … existing code …',
  '    // ... keep the rest',
  '# ... more tests here',
];

const NOT_MARKERS = [
  '# wait for it...',
  '// TODO: handle errors...',
  '...args',
  '...rest,',
  '// Use the existing code path for old clients until v3.',
  'return ...;',
  '# Loading...',
  '// see https://example.com/...',
  'foo(...)',
  '// loading data...',
  '/* eslint-disable */',
  '',
];

describe('elision markers', () => {
  it.each(MARKERS)('recognises %j', (line) => expect(isElisionMarker(line, 'other')).toBe(true));
  it.each(NOT_MARKERS)('does not mistake %j for a marker', (line) => expect(isElisionMarker(line, 'other')).toBe(false));

  it('a bare `...` is code in Python and YAML replacements but a marker in their searches', () => {
    expect(isElisionMarker('        ...', 'python')).toBe(false);
    expect(isElisionMarker('...', 'yaml')).toBe(false);
    expect(isSearchElisionMarker('        ...', 'python')).toBe(true);
    expect(isSearchElisionMarker('...', 'yaml')).toBe(true);
  });

  it('Markdown treats only HTML comments as markers', () => {
    expect(isElisionMarker('...', 'markdown')).toBe(false);
    expect(isElisionMarker('# ...', 'markdown')).toBe(false);
    expect(isElisionMarker('<!-- ... -->', 'markdown')).toBe(true);
  });

  it('derives the language rules from the path', () => {
    expect([languageOf('a/b.py'), languageOf('x.pyi'), languageOf('c.yml'), languageOf('README.md'), languageOf('x.ts'), languageOf(undefined)]).toEqual([
      'python',
      'python',
      'yaml',
      'markdown',
      'other',
      'other',
    ]);
  });

  it('without a path, a Python-looking sample gets the Python rules', () => {
    expect(languageOf(undefined, 'class P(Protocol):\n    def f(self) -> int:\n        ...\n')).toBe('python');
    expect(languageOf(undefined, 'async def run(x):\n    pass\n')).toBe('python');
    expect(languageOf(undefined, 'function f() {\n  return 1;\n}\n')).toBe('other');
    expect(languageOf(undefined, 'const o = { a: 1 };\n')).toBe('other');
  });
});
