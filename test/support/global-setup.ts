/**
 * Builds dist/ once before the suite so tests that spawn the real server run the current code.
 * Type errors do not stop the emit (noEmitOnError is off); test/tidy.test.ts fails on them instead,
 * so one broken type does not hide every other result. SMALLCODE_SKIP_BUILD=1 skips the build.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  if (process.env.SMALLCODE_SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) process.stderr.write(`[global-setup] tsc reported problems (dist/ was still emitted):\n${r.stdout.slice(0, 4000)}\n`);
}
