/**
 * Reads Aider-style edit blocks (`<<<<<<< SEARCH` / `=======` / `>>>>>>> REPLACE`, the file path on
 * the line before) as calls to the offered edit tool, when one takes a path, a search and a
 * replacement. The markers are unmistakable, so they count even inside a fence of the file's
 * language. Line scanning only.
 */
import type { ParseContext, RawCall } from '../types.js';
import { resolveAliases } from '../arg-aliases.js';
import { Finder, lineEndOf, lineStartOf } from '../text-scan.js';

const OPEN = /^\s*<{5,9}\s*SEARCH\s*$/;
const MID = /^\s*={5,9}\s*$/;
const CLOSE = /^\s*>{5,9}\s*REPLACE\s*$/;

/** The offered tool that takes {path, search, replace} under whatever names, if exactly one does. */
function editTool(ctx: ParseContext): { name: string; keys: Record<'path' | 'search' | 'replace', string> } | undefined {
  const hits: { name: string; keys: Record<'path' | 'search' | 'replace', string> }[] = [];
  for (const name of ctx.toolNames) {
    const info = ctx.schema(name);
    const mapped = resolveAliases({ path: 0, search: 1, replace: 2 }, info, name, []);
    const keys: Partial<Record<'path' | 'search' | 'replace', string>> = {};
    for (const [k, v] of Object.entries(mapped)) {
      if (!info.props.has(k)) continue;
      if (v === 0) keys.path = k;
      if (v === 1) keys.search = k;
      if (v === 2) keys.replace = k;
    }
    if (keys.path && keys.search && keys.replace) hits.push({ name, keys: keys as Record<'path' | 'search' | 'replace', string> });
  }
  return hits.length === 1 ? hits[0] : undefined;
}

/** A file path on one of the few lines above `at` (skipping a fence opener line). */
function pathAbove(s: string, at: number): string | undefined {
  let ls = lineStartOf(s, at);
  for (let i = 0; i < 3 && ls > 0; i++) {
    const prevStart = lineStartOf(s, ls - 1);
    const line = s.slice(prevStart, ls - 1).trim();
    ls = prevStart;
    if (line === '' || /^[`~]{3}/.test(line) && !/[/.]/.test(line.slice(3))) continue;
    const cleaned = line.replace(/^[`~]{3}\w*\s*/, '').replace(/^#+\s*/, '').replace(/^(?:file|path)\s*:\s*/i, '').replace(/[`*:]/g, '').trim();
    if (/^[\w./\\-]+$/.test(cleaned) && /[./]/.test(cleaned)) return cleaned;
    return undefined;
  }
  return undefined;
}

export function extractSearchReplaceBlocks(s: string, ctx: ParseContext): RawCall[] {
  if (!s.includes('SEARCH') || !s.includes('REPLACE')) return [];
  const tool = editTool(ctx);
  if (!tool) return [];
  const out: RawCall[] = [];
  const finder = new Finder(s, 'SEARCH');
  let p = 0;
  let lastPath: string | undefined;
  let lastEnd = -1;
  while (p < s.length) {
    const hit = finder.next(p);
    if (hit === -1) break;
    const ls = lineStartOf(s, hit);
    const le = lineEndOf(s, hit);
    if (!OPEN.test(s.slice(ls, le))) {
      p = hit + 6;
      continue;
    }
    // Walk lines: search part until =======, replace part until >>>>>>> REPLACE.
    let q = le + 1;
    let mid = -1;
    let close = -1;
    let closeEnd = -1;
    while (q <= s.length) {
      const e = lineEndOf(s, q);
      const line = s.slice(q, e);
      if (mid === -1 && MID.test(line)) mid = q;
      else if (mid !== -1 && CLOSE.test(line)) {
        close = q;
        closeEnd = e;
        break;
      }
      if (e >= s.length) break;
      q = e + 1;
    }
    if (mid === -1 || close === -1) break;
    const search = s.slice(le + 1, Math.max(le + 1, mid - 1));
    const replace = s.slice(lineEndOf(s, mid) + 1, Math.max(lineEndOf(s, mid) + 1, close - 1));
    const args: Record<string, unknown> = { [tool.keys.search]: search, [tool.keys.replace]: replace };
    // Blocks that follow each other directly share the path written above the first one.
    const path = pathAbove(s, ls) ?? (lastEnd !== -1 && s.slice(lastEnd, ls).trim() === '' ? lastPath : undefined);
    if (path !== undefined) args[tool.keys.path] = path;
    lastPath = path;
    lastEnd = closeEnd;
    out.push({ name: tool.name, args, at: ls, end: closeEnd, format: 'search-replace-block', repairs: ['read an edit written as a SEARCH/REPLACE block'], explicit: true });
    p = closeEnd;
  }
  return out;
}
