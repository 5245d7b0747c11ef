/**
 * Lists the files of a workspace the graph should index: walks the tree without following
 * symlinks, honours root and nested .gitignore files and the exclude list (gitignore syntax, via
 * the `ignore` package), keeps known source extensions and stats them. Reads no file contents.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';

type Ignore = ignore.Ignore;
import { languageForPath } from '../extract/languages.js';
import type { Language } from '../types.js';
import { errorMessage } from '../../core/errors.js';

export interface WorkspaceFile {
  /** Workspace-relative, forward slashes. */
  path: string;
  absPath: string;
  language: Language;
  size: number;
  mtimeMs: number;
}

export interface WalkResult {
  files: WorkspaceFile[];
  /** Files the walk left out, with the reason (too large; unreadable). */
  skipped: Array<{ path: string; reason: string }>;
}

interface Rules {
  /** Directory the rules are relative to ('' for the root). */
  base: string;
  ig: Ignore;
}

export interface WalkOptions {
  exclude: readonly string[];
  gitignore: boolean;
  maxFileBytes: number;
}

function ignoredBy(rules: Rules[], rel: string, isDir: boolean): boolean {
  for (const r of rules) {
    const sub = r.base === '' ? rel : rel.slice(r.base.length + 1);
    if (r.ig.ignores(isDir ? sub + '/' : sub)) return true;
  }
  return false;
}

function gitignoreRules(absDir: string, base: string): Rules | null {
  let text: string;
  try {
    text = readFileSync(join(absDir, '.gitignore'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return { base, ig: ignore().add(text) };
}

/** Whether a workspace-relative path is excluded by the exclude list or any .gitignore on its way. */
export function isPathIgnored(root: string, rel: string, options: WalkOptions): boolean {
  const rules: Rules[] = [{ base: '', ig: ignore().add([...options.exclude]) }];
  const parts = rel.split('/');
  let dir = '';
  for (let i = 0; i < parts.length; i++) {
    if (options.gitignore) {
      const r = gitignoreRules(dir === '' ? root : join(root, dir), dir);
      if (r) rules.push(r);
    }
    const sub = parts.slice(0, i + 1).join('/');
    if (ignoredBy(rules, sub, i < parts.length - 1)) return true;
    dir = sub;
  }
  return false;
}

export function walkWorkspace(root: string, options: WalkOptions): WalkResult {
  const files: WorkspaceFile[] = [];
  const skipped: WalkResult['skipped'] = [];
  const baseRules: Rules[] = [{ base: '', ig: ignore().add([...options.exclude]) }];
  const stack: Array<{ rel: string; rules: Rules[] }> = [{ rel: '', rules: baseRules }];
  while (stack.length) {
    const { rel, rules: inherited } = stack.pop()!;
    const absDir = rel === '' ? root : join(root, rel);
    let rules = inherited;
    if (options.gitignore) {
      const own = gitignoreRules(absDir, rel);
      if (own) rules = [...inherited, own];
    }
    let entries;
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: rel || '.', reason: `unreadable directory: ${errorMessage(err)}` });
      continue;
    }
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!ignoredBy(rules, childRel, true)) stack.push({ rel: childRel, rules });
        continue;
      }
      if (!e.isFile()) continue; // symlinks, sockets: never followed
      const language = languageForPath(e.name);
      if (!language || ignoredBy(rules, childRel, false)) continue;
      const absPath = join(absDir, e.name);
      let st;
      try {
        st = statSync(absPath);
      } catch (err) {
        skipped.push({ path: childRel, reason: `unreadable: ${errorMessage(err)}` });
        continue;
      }
      if (st.size > options.maxFileBytes) {
        skipped.push({ path: childRel, reason: `larger than ${options.maxFileBytes} bytes` });
        continue;
      }
      files.push({ path: childRel, absPath, language, size: st.size, mtimeMs: st.mtimeMs });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}
