/**
 * Lists the files of a workspace folder the way ripgrep would: honouring .gitignore and .ignore
 * files (nested ones too), skipping hidden entries unless asked, symlinks, and the folders no
 * search should enter (.git, node_modules, .smallcode). Reads directories and ignore files only.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { errorMessage } from '../core/errors.js';

export const ALWAYS_SKIPPED_DIRS: readonly string[] = ['.git', 'node_modules', '.smallcode'];

export interface WalkOptions {
  /** Include dot-files and dot-folders (except the always-skipped ones). */
  hidden?: boolean;
  signal?: AbortSignal;
}

interface Matcher {
  /** Folder of the ignore file, workspace-relative ('' for the root). */
  base: string;
  ig: Ignore;
}

async function readIgnoreFiles(absDir: string, relDir: string): Promise<Matcher | null> {
  let text = '';
  for (const name of ['.gitignore', '.ignore']) {
    try {
      text += (await readFile(join(absDir, name), 'utf8')) + '\n';
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') process.stderr.write(`[walk] ${relDir}/${name}: ${errorMessage(err)}\n`);
    }
  }
  return text.trim() ? { base: relDir, ig: ignore().add(text) } : null;
}

function ignoredBy(matchers: readonly Matcher[], rel: string, isDir: boolean): boolean {
  for (const m of matchers) {
    const sub = m.base === '' ? rel : rel.startsWith(m.base + '/') ? rel.slice(m.base.length + 1) : null;
    if (sub === null || sub === '') continue;
    if (m.ig.ignores(isDir ? sub + '/' : sub)) return true;
  }
  return false;
}

/**
 * Yields workspace-relative '/'-separated file paths under `startRel` ('' = root) in sorted order.
 * Ignore files of the folders between the root and `startRel` apply too.
 */
export async function* walkFiles(realRoot: string, startRel = '', opts: WalkOptions = {}): AsyncGenerator<string> {
  const matchers: Matcher[] = [];
  const parts = startRel ? startRel.split('/') : [];
  for (let i = 0; i < parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    const m = await readIgnoreFiles(join(realRoot, rel), rel);
    if (m) matchers.push(m);
  }
  yield* walkDir(realRoot, startRel, matchers, opts);
}

async function* walkDir(realRoot: string, rel: string, inherited: readonly Matcher[], opts: WalkOptions): AsyncGenerator<string> {
  if (opts.signal?.aborted) return;
  const abs = rel ? join(realRoot, rel) : realRoot;
  const own = await readIgnoreFiles(abs, rel);
  const matchers = own ? [...inherited, own] : inherited;
  let entries;
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (err) {
    process.stderr.write(`[walk] cannot list ${rel || '.'}: ${errorMessage(err)}\n`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isSymbolicLink()) continue;
    const childRel = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (ALWAYS_SKIPPED_DIRS.includes(e.name)) continue;
      if (!opts.hidden && e.name.startsWith('.')) continue;
      if (ignoredBy(matchers, childRel, true)) continue;
      yield* walkDir(realRoot, childRel, matchers, opts);
    } else if (e.isFile()) {
      if (!opts.hidden && e.name.startsWith('.')) continue;
      if (ignoredBy(matchers, childRel, false)) continue;
      yield childRel;
    }
  }
}
