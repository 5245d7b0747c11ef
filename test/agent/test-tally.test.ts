import { describe, expect, it } from 'vitest';
import { isWorse, tallyTests, testOutputDigest, testRunnerMissing } from '../../server/agent/test-tally.js';

describe('tallyTests', () => {
  it.each([
    ['node --test', '# tests 2\n# suites 0\n# pass 1\n# fail 1\n', { passed: 1, failed: 1 }],
    ['vitest', ' Test Files  1 failed (1)\n      Tests  2 failed | 5 passed (7)\n', { passed: 5, failed: 2 }],
    ['jest', 'Tests:       1 failed, 3 passed, 4 total', { passed: 3, failed: 1 }],
    ['pytest', '==== 2 failed, 8 passed in 0.12s ====', { passed: 8, failed: 2 }],
    ['mocha', '  4 passing (8ms)\n  1 failing\n', { passed: 4, failed: 1 }],
    ['cargo', 'test result: FAILED. 2 passed; 1 failed; 0 ignored', { passed: 2, failed: 1 }],
    ['go test', '--- FAIL: TestAdd (0.00s)\n--- PASS: TestMul (0.00s)\nFAIL', { passed: 1, failed: 1 }],
    ['tsc', 'src/a.ts(3,1): error TS2304\nFound 3 errors in 2 files.', { passed: null, failed: 3 }],
    ['unknown', 'Segmentation fault', { passed: null, failed: null }],
  ])('%s', (_name, output, expected) => {
    expect(tallyTests(output)).toEqual(expected);
  });
});

describe('isWorse', () => {
  const run = (passed: boolean, output = '') => ({ ran: true, passed, output });
  it('passing → failing is worse; a passing result never is', () => {
    expect(isWorse(run(true), run(false, '# pass 0\n# fail 1'))).toBe(true);
    expect(isWorse(run(false, '# fail 3'), run(true))).toBe(false);
  });
  it('failing → failing is worse only with more failures or fewer passes', () => {
    expect(isWorse(run(false, '# pass 1\n# fail 1'), run(false, '# pass 1\n# fail 1'))).toBe(false);
    expect(isWorse(run(false, '# pass 1\n# fail 1'), run(false, '# pass 0\n# fail 2'))).toBe(true);
    expect(isWorse(run(false, '# pass 1\n# fail 1'), run(false, '# pass 0\n# fail 1'))).toBe(true);
    expect(isWorse(run(false, 'weird'), run(false, 'other'))).toBe(false);
  });
  it('a failure without a known state before is worse', () => {
    expect(isWorse(null, run(false, '# fail 1'))).toBe(true);
  });
});

describe('testRunnerMissing', () => {
  it.each([
    ['sh: 1: pytest: not found', true],
    ['bash: vitest: command not found', true],
    ['/usr/bin/python3: No module named pytest', true],
    ['npm error Missing script: "test"', true],
    ["Error: Cannot find module '../src/mathx.js'", false],
    ['ModuleNotFoundError: No module named calc', false],
    ['# pass 1\n# fail 1', false],
  ])('%j → %s', (output, expected) => {
    expect(testRunnerMissing(output)).toBe(expected);
  });
});

describe('testOutputDigest', () => {
  it('returns a short output whole', () => {
    expect(testOutputDigest('# pass 1\n# fail 0\n')).toBe('# pass 1\n# fail 0');
  });

  it('keeps the first failure of a long run with its message and the summary, without internal frames', () => {
    const passing = Array.from({ length: 80 }, (_, i) => `# Subtest: case ${i}\nok ${i + 2} - case ${i}\n  ---\n  duration_ms: 0.1\n  ...`).join('\n');
    const out = [
      'TAP version 13',
      '# Subtest: add',
      'not ok 1 - add',
      '  error: |-',
      '    Expected values to be strictly equal:',
      '    -1 !== 5',
      '  stack: |-',
      '    Test.run (node:internal/test_runner/test:796:25)',
      passing,
      '1..81',
      '# tests 81',
      '# pass 80',
      '# fail 1',
    ].join('\n');
    expect(out.length).toBeGreaterThan(3000);
    const d = testOutputDigest(out, 1500);
    expect(d.length).toBeLessThanOrEqual(1500);
    expect(d).toContain('not ok 1 - add');
    expect(d).toContain('-1 !== 5');
    expect(d).toContain('# fail 1');
    expect(d).not.toContain('node:internal');
    // The plain tail would have lost the failure entirely.
    expect(out.slice(-1500)).not.toContain('not ok 1 - add');
  });
});
