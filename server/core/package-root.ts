/**
 * Locates the installed package's root so data files (profiles, queries, prompts) that live in the
 * source tree are found both from `dist/` and when tests run the TypeScript directly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const name = (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name;
        if (name === 'smallcode') return (cached = dir);
      } catch {
        // a broken package.json of some parent folder is not ours: keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('smallcode: cannot locate the package root from ' + import.meta.url);
    dir = parent;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
