import { describe, expect, it } from 'vitest';
import { filesShownBy } from '../../server/agent/seen-files.js';

describe('filesShownBy', () => {
  it.each([
    ['cat src/math.js', ['src/math.js']],
    ['head -n 40 src/a.ts src/b.ts', ['src/a.ts', 'src/b.ts']],
    ["sed -n '10,40p' lib/util.py", ['lib/util.py']],
    ['cat src/math.js | grep add', []],
    ['npm test', []],
    ['cat README', []],
  ])('bash %j shows %j', (command, expected) => {
    expect(filesShownBy('bash', { command }, '', true)).toEqual(expected);
  });

  it('ignores a failed command', () => {
    expect(filesShownBy('bash', { command: 'cat nope.js' }, 'No such file', false)).toEqual([]);
  });

  it('takes the files of search hits', () => {
    const out = 'src/math.js:2:    return a - b;\nsrc/math.js:6:  return a * b;\ntest/math.test.js:5:test(\'add\'...\n(3 matches)';
    expect(filesShownBy('search', { pattern: 'return' }, out, true)).toEqual(['src/math.js', 'test/math.test.js']);
  });
});
