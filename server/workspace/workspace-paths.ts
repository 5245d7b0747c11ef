/**
 * Path containment: turns what a model or client wrote (relative path, absolute path, file:// URI)
 * into a real absolute path inside the workspace, or refuses with a message saying what is allowed.
 * It only inspects the file system (realpath, existence); it never reads or writes file contents.
 */
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SmallCodeError } from '../core/errors.js';

export interface ResolvedPath {
  /** Absolute path with every symlink in its existing part resolved. */
  abs: string;
  /** Workspace-relative, '/'-separated; '' for the root itself. */
  rel: string;
}

/** Workspace-relative prefixes the agent may never read or write ('/'-separated, compared case-insensitively). */
export const FORBIDDEN_PREFIXES: readonly string[] = ['.git', '.smallcode/snapshots'];

const ALLOWED_HINT = 'Use a path relative to the workspace root (like src/index.ts), an absolute path inside it, or a file:// URI inside it.';

/** Resolves `input` against the workspace whose real root is `realRoot` (already realpath'd). */
export function resolveInWorkspace(realRoot: string, input: string): ResolvedPath {
  const raw = input.trim();
  if (raw === '') {
    throw new SmallCodeError('PathForbidden', `An empty path was given. ${ALLOWED_HINT}`, { path: input });
  }
  let candidate: string;
  if (/^file:/i.test(raw)) {
    try {
      candidate = fileURLToPath(raw);
    } catch (err) {
      throw new SmallCodeError('PathForbidden', `"${raw}" is not a valid file:// URI. ${ALLOWED_HINT}`, { path: input }, { cause: err });
    }
  } else if (/^[a-z][a-z0-9+.-]+:/i.test(raw) && !/^[a-z]:[\\/]/i.test(raw)) {
    throw new SmallCodeError('PathForbidden', `"${raw}" is not a file path (only file:// URIs name files on disk). ${ALLOWED_HINT}`, { path: input });
  } else {
    candidate = raw;
  }

  const lexical = path.resolve(realRoot, candidate);
  const real = realpathOfNearestAncestor(lexical);
  const rel = relativeInside(realRoot, real);
  if (rel === null) {
    const lexRel = relativeInside(realRoot, lexical);
    const why =
      lexRel !== null
        ? `it goes through a symbolic link that leads outside the workspace (to ${real})`
        : path.isAbsolute(candidate)
          ? 'it is an absolute path outside the workspace'
          : 'its ".." segments climb out of the workspace';
    throw new SmallCodeError('PathOutsideWorkspace', `"${raw}" is refused: ${why}. The workspace is ${realRoot}. ${ALLOWED_HINT}`, {
      path: input,
      workspace: realRoot,
      next: 'Work only with files inside the workspace.',
    });
  }
  const forbidden = forbiddenPrefix(rel);
  if (forbidden !== null) {
    throw new SmallCodeError('PathForbidden', `"${raw}" is inside ${forbidden}/, which SmallCode never reads or writes (repository and snapshot internals). Any other path inside the workspace is allowed.`, {
      path: input,
      next: forbidden === '.git' ? 'Use git through the shell tool for repository operations.' : 'Use smallcode/rollback to restore snapshots.',
    });
  }
  return { abs: real, rel };
}

/** The prefix in FORBIDDEN_PREFIXES that `rel` falls under, or null. */
export function forbiddenPrefix(rel: string): string | null {
  const lower = rel.toLowerCase();
  for (const p of FORBIDDEN_PREFIXES) {
    if (lower === p || lower.startsWith(`${p}/`)) return p;
  }
  return null;
}

/** `abs` relative to `root` with '/' separators, or null when it is not inside `root`. */
export function relativeInside(root: string, abs: string): string | null {
  const rel = path.relative(root, abs);
  if (rel === '') return '';
  if (path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) return null;
  return rel.split(path.sep).join('/');
}

/**
 * realpath of the longest existing prefix of `abs`, with the missing tail appended. This is what a
 * write would really touch: a symlinked directory in the existing part is followed.
 */
export function realpathOfNearestAncestor(abs: string, depth = 0): string {
  const tail: string[] = [];
  let cur = abs;
  for (;;) {
    if (existsSync(cur)) {
      return path.join(realpathSync.native(cur), ...tail.reverse());
    }
    // A dangling symlink is followed by hand: writing through it would land where it points.
    const link = lstatSync(cur, { throwIfNoEntry: false });
    if (link?.isSymbolicLink() && depth < 40) {
      const target = path.resolve(path.dirname(cur), readlinkSync(cur));
      return realpathOfNearestAncestor(path.join(target, ...tail.reverse()), depth + 1);
    }
    const parent = path.dirname(cur);
    if (parent === cur) return abs;
    tail.push(path.basename(cur));
    cur = parent;
  }
}
