/**
 * Reads pass/fail counts out of a test or build run's output (node --test, vitest, jest, mocha,
 * pytest, go test, cargo test, tsc) so hard-fail protection can tell "this turn made it worse" from
 * "it was already failing". Pure text matching; no I/O, and an unknown format yields nulls, never a guess.
 */

export interface TestTally {
  passed: number | null;
  failed: number | null;
}

function lastNumber(text: string, re: RegExp): number | null {
  let found: number | null = null;
  for (const m of text.matchAll(re)) found = Number(m[1]);
  return found;
}

export function tallyTests(output: string): TestTally {
  // node --test (TAP): "# pass 3" / "# fail 1"
  const tapPass = lastNumber(output, /^#\s*pass\s+(\d+)/gm);
  const tapFail = lastNumber(output, /^#\s*fail\s+(\d+)/gm);
  if (tapPass !== null || tapFail !== null) return { passed: tapPass, failed: tapFail };
  // cargo: "test result: FAILED. 2 passed; 1 failed"
  const cargo = /test result: \w+\. (\d+) passed; (\d+) failed/.exec(output);
  if (cargo) return { passed: Number(cargo[1]), failed: Number(cargo[2]) };
  // vitest / jest / pytest / mocha: "Tests  1 failed | 2 passed", "1 failed, 2 passed", "2 passing", "1 failing"
  const failed = lastNumber(output, /(\d+)\s+(?:failed|failing|errors?\b(?! in))/gi);
  const passed = lastNumber(output, /(\d+)\s+(?:passed|passing)/gi);
  if (failed !== null || passed !== null) return { passed, failed: failed ?? (passed !== null ? 0 : null) };
  // go test: one "--- FAIL:" line per failing test; tsc: "Found 3 errors"
  const goFails = (output.match(/^\s*--- FAIL:/gm) ?? []).length;
  const goPasses = (output.match(/^\s*--- PASS:/gm) ?? []).length;
  if (goFails || goPasses) return { passed: goPasses, failed: goFails };
  const tsc = /Found (\d+) errors?/.exec(output);
  if (tsc) return { passed: null, failed: Number(tsc[1]) };
  return { passed: null, failed: null };
}

export interface RunOutcome {
  ran: boolean;
  passed: boolean | null;
  output?: string;
}

/**
 * Whether `after` is worse than `before`: passing → failing always is; failing → failing is when
 * more tests fail or fewer pass. Without a known `before`, a failure counts as worse.
 */
export function isWorse(before: RunOutcome | null, after: RunOutcome): boolean {
  if (!after.ran || after.passed !== false) return false;
  if (!before || !before.ran || before.passed !== false) return true;
  const a = tallyTests(before.output ?? '');
  const b = tallyTests(after.output ?? '');
  if (a.failed !== null && b.failed !== null && b.failed > a.failed) return true;
  if (a.passed !== null && b.passed !== null && b.passed < a.passed) return true;
  return false;
}

/**
 * The test command itself could not start (the runner is not installed): that says nothing about the
 * code, so it must not count as failing tests. Only runner names are matched, never the project's own
 * import errors.
 */
export function testRunnerMissing(output: string): boolean {
  const runner = '(?:pytest|py\\.test|jest|vitest|mocha|ava|tap|go|cargo|make|npm|npx|pnpm|yarn|bun|deno|node|python3?|tox|nox|rspec|bundle|mvn|gradle|dotnet|phpunit)';
  return (
    new RegExp(`(?:^|\\n)(?:\\S*sh: (?:line )?\\d+: )?${runner}: (?:command )?not found`).test(output) ||
    new RegExp(`(?:^|\\n)(?:\\S*sh: )?${runner}: command not found`).test(output) ||
    /No module named (?:pytest|tox|nox)\b/.test(output) ||
    /npm (?:ERR!|error) Missing script: "?test"?/.test(output)
  );
}

const FAILURE_LINE = /\b(not ok|FAIL(?:ED)?|fail(?:ed|ure)?:|Error\b|error\b|assert|Expected|Received|expected|actual|panic|Traceback|✗|×|✘)/;
const NOISE_LINE = /^\s*(?:at )?(?:node:internal|internal\/|Test\.run|TestContext\.|AsyncResource\.|process\.processTicksAndRejections|node:async_hooks)|^\s*(?:duration_ms|location|failureType|code|name|operator|stack):/;

/**
 * What of a long test run a model needs, within `maxChars`: the failing tests with the lines right
 * after each (message, expected/actual, the user-code frame) and the closing summary, without
 * runtime-internal stack frames. Short outputs are returned whole.
 */
export function testOutputDigest(output: string, maxChars = 1500): string {
  const text = output.replace(/\s+$/, '');
  if (text.length <= maxChars) return text;
  const lines = text.split('\n').filter((l) => !NOISE_LINE.test(l));
  const tail = lines.slice(-8);
  const keep: string[] = [];
  let budget = maxChars - tail.join('\n').length - 40;
  for (let i = 0; i < lines.length - tail.length && budget > 0; i++) {
    if (!FAILURE_LINE.test(lines[i]!)) continue;
    const block = lines.slice(i, i + 6);
    const piece = block.join('\n');
    if (piece.length > budget) break;
    keep.push(piece);
    budget -= piece.length + 1;
    i += block.length - 1;
  }
  if (keep.length === 0) return text.slice(-maxChars);
  return `${keep.join('\n')}\n[...]\n${tail.join('\n')}`;
}
