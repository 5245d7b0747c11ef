/**
 * Resolves the optional `path` argument of the search tools inside the workspace (through the
 * workspace's containment rules) and answers a model-readable refusal instead of throwing.
 * Reads only file metadata.
 */
import { realpathSync, statSync } from 'node:fs';
import { errorMessage } from '../core/errors.js';
import { resolveInWorkspace } from '../workspace/workspace-paths.js';

export type ScopeResult =
  | { ok: true; realRoot: string; abs: string; rel: string; isDir: boolean }
  | { ok: false; message: string };

const realRoots = new Map<string, string>();

export function realRootOf(root: string): string {
  let r = realRoots.get(root);
  if (!r) {
    r = realpathSync.native(root);
    realRoots.set(root, r);
  }
  return r;
}

/** The searched scope: the whole workspace when `path` is empty or ".", else that file or folder. */
export function resolveScope(root: string, path: string | undefined): ScopeResult {
  let realRoot: string;
  try {
    realRoot = realRootOf(root);
  } catch (err) {
    return { ok: false, message: `the workspace folder ${root} cannot be read: ${errorMessage(err)}` };
  }
  const p = (path ?? '').trim();
  if (p === '' || p === '.' || p === './') return { ok: true, realRoot, abs: realRoot, rel: '', isDir: true };
  try {
    const r = resolveInWorkspace(realRoot, p);
    const st = statSync(r.abs, { throwIfNoEntry: false });
    if (!st) return { ok: false, message: `path "${p}" does not exist in the workspace; use find_files to locate it, or leave path out to search everywhere` };
    return { ok: true, realRoot, abs: r.abs, rel: r.rel, isDir: st.isDirectory() };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}
