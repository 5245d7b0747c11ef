/** The unified diff shown in CLI summaries: git-style headers, hunks with context, creation/deletion, no-newline markers. */
import { describe, expect, it } from 'vitest';
import { renderUnifiedDiff } from '../../server/edit/unified-diff-render.js';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i + 1}`) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

describe('renderUnifiedDiff', () => {
  it('renders one changed line with three lines of context', () => {
    const old = lines(10);
    const neu = old.replace('line 5\n', 'LINE FIVE\n');
    expect(renderUnifiedDiff(old, neu, { newPath: 'src/a.ts' })).toBe(
      ['--- a/src/a.ts', '+++ b/src/a.ts', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+LINE FIVE', ' line 6', ' line 7', ' line 8', ''].join('\n'),
    );
  });

  it('splits distant changes into separate hunks and merges close ones', () => {
    const old = lines(40);
    const far = old.replace('line 2\n', 'x\n').replace('line 30\n', 'y\n');
    expect(renderUnifiedDiff(old, far, { newPath: 'f' }).match(/^@@/gm)).toHaveLength(2);
    const near = old.replace('line 2\n', 'x\n').replace('line 6\n', 'y\n');
    expect(renderUnifiedDiff(old, near, { newPath: 'f' }).match(/^@@/gm)).toHaveLength(1);
  });

  it('shows a created file against /dev/null', () => {
    expect(renderUnifiedDiff(null, 'a\nb\n', { newPath: 'new.txt' })).toBe(['--- /dev/null', '+++ b/new.txt', '@@ -0,0 +1,2 @@', '+a', '+b', ''].join('\n'));
  });

  it('shows a deleted file against /dev/null', () => {
    expect(renderUnifiedDiff('a\n', null, { newPath: 'gone.txt' })).toBe(['--- a/gone.txt', '+++ /dev/null', '@@ -1 +0,0 @@', '-a', ''].join('\n'));
  });

  it('marks a missing final newline', () => {
    expect(renderUnifiedDiff('a\n', 'a\nb', { newPath: 'f' })).toContain('+b\n\\ No newline at end of file\n');
  });

  it('strips CRLF terminators from displayed lines', () => {
    expect(renderUnifiedDiff('a\r\nb\r\n', 'a\r\nc\r\n', { newPath: 'f' })).toContain('-b\n+c\n');
  });

  it('is empty when nothing changed, and names both paths for a rename', () => {
    expect(renderUnifiedDiff('a\n', 'a\n', { newPath: 'f' })).toBe('');
    expect(renderUnifiedDiff('a\n', 'a\n', { oldPath: 'old.ts', newPath: 'new.ts' })).toContain('rename old.ts → new.ts');
  });
});
