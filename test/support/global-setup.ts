/**
 * Builds dist/ once before the suite so tests that spawn the real server run the current code.
 * Set SMALLCODE_SKIP_BUILD=1 when dist/ was just built (CI builds in `npm ci`).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  if (process.env.SMALLCODE_SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
