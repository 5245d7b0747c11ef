/**
 * Reads Python-style calls: `read_file(path="a.py", start=3)`, lists of them (Llama 3.2, Liquid
 * `[a(x=1), b()]`), Gemma `print(default_api.read_file(...))` and `brave_search.call(query=...)`.
 * Values go through the forgiving JSON reader, which also knows Python literals. Never evaluates code.
 */
import { parseLooseJson } from '../json-repair.js';

export interface PyCall {
  name: string;
  kwargs: Record<string, unknown>;
  positional: unknown[];
  start: number;
  end: number;
  repairs: string[];
  /** A positional argument was a bare word (`search(pattern, path)`): a signature, not a call. */
  bareArgs: boolean;
}

export type PyResult = { ok: true; calls: PyCall[]; end: number } | { ok: false; error: string; at: number };

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}
function skipWs(s: string, i: number, limit: number): number {
  while (i < limit) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else break;
  }
  return i;
}

/** Reads a dotted name at i; returns its end (== i when there is none). */
export function readDottedName(s: string, i: number, limit: number): number {
  if (i >= limit || !isNameStart(s.charCodeAt(i))) return i;
  let j = i + 1;
  while (j < limit && isNameChar(s.charCodeAt(j))) j++;
  while (j > i && (s.charCodeAt(j - 1) === 46 || s.charCodeAt(j - 1) === 45)) j--;
  return j;
}

/** One call at i: `name(args)`. Unwraps `print(...)`. */
export function readPythonCall(s: string, i: number, limit: number, depth = 0): PyResult {
  const start = i;
  const nameEnd = readDottedName(s, i, limit);
  if (nameEnd === i) return { ok: false, error: 'expected a function name', at: i };
  const name = s.slice(i, nameEnd);
  let p = skipWs(s, nameEnd, limit);
  if (s.charCodeAt(p) !== 40) return { ok: false, error: `expected '(' after ${name}`, at: p };
  p++;
  if (name === 'print' && depth === 0) {
    const q = skipWs(s, p, limit);
    const inner = readPythonCall(s, q, limit, 1);
    if (inner.ok) {
      let e = skipWs(s, inner.end, limit);
      if (s.charCodeAt(e) === 41) e++;
      return { ok: true, calls: inner.calls, end: e };
    }
  }
  const kwargs: Record<string, unknown> = {};
  const positional: unknown[] = [];
  const repairs = new Set<string>();
  let bareArgs = false;
  for (;;) {
    p = skipWs(s, p, limit);
    if (p >= limit) {
      repairs.add('closed truncated call');
      break;
    }
    const c = s.charCodeAt(p);
    if (c === 41) {
      p++;
      break;
    }
    if (c === 44) {
      p++;
      continue;
    }
    // keyword argument?
    let key: string | undefined;
    if (isNameStart(c)) {
      let k = p + 1;
      while (k < limit && (isNameStart(s.charCodeAt(k)) || (s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57))) k++;
      const afterKey = skipWs(s, k, limit);
      const sep = s.charCodeAt(afterKey);
      if ((sep === 61 && s.charCodeAt(afterKey + 1) !== 61) || sep === 58) {
        key = s.slice(p, k);
        p = skipWs(s, afterKey + 1, limit);
      }
    }
    // String prefixes r"", f"", b"", u"".
    const pc = s.charCodeAt(p);
    if ((pc === 114 || pc === 102 || pc === 98 || pc === 117 || pc === 82) && (s.charCodeAt(p + 1) === 34 || s.charCodeAt(p + 1) === 39)) p++;
    const v = parseLooseJson(s, p, { limit, allowTruncated: true }, 'arrayValue');
    if (!v.ok) return { ok: false, error: `could not read argument${key ? ` "${key}"` : ''} of ${name}(): ${v.error}`, at: v.at };
    for (const r of v.repairs) repairs.add(r);
    if (key === undefined && v.repairs.includes('quoted unquoted values')) bareArgs = true;
    if (key !== undefined) kwargs[key] = v.value;
    else positional.push(v.value);
    p = v.end;
  }
  return { ok: true, calls: [{ name, kwargs, positional, start, end: p, repairs: [...repairs], bareArgs }], end: p };
}

/** `[a(x=1), b(y=2)]` or a single call. */
export function readPythonCalls(s: string, i: number, limit: number): PyResult {
  let p = skipWs(s, i, limit);
  if (s.charCodeAt(p) !== 91) return readPythonCall(s, p, limit);
  p++;
  const calls: PyCall[] = [];
  for (;;) {
    p = skipWs(s, p, limit);
    if (p >= limit) break;
    const c = s.charCodeAt(p);
    if (c === 93) {
      p++;
      break;
    }
    if (c === 44 || c === 59) {
      p++;
      continue;
    }
    const r = readPythonCall(s, p, limit);
    if (!r.ok) return calls.length > 0 ? { ok: true, calls, end: p } : r;
    calls.push(...r.calls);
    p = r.end;
  }
  return calls.length > 0 ? { ok: true, calls, end: p } : { ok: false, error: 'empty call list', at: p };
}

/** True when the text at i looks like `name(` or `[name(` — a cheap filter before reading. */
export function looksLikePythonCall(s: string, i: number, limit: number): boolean {
  let p = i;
  if (s.charCodeAt(p) === 91) p = skipWs(s, p + 1, limit);
  const e = readDottedName(s, p, limit);
  if (e === p) return false;
  return s.charCodeAt(skipWs(s, e, Math.min(limit, e + 4))) === 40;
}

/** Calls one after another (newlines, `;` or `,` between), stopping at the first text that is not a call. */
export function readPythonSequence(s: string, i: number, limit: number): { calls: PyCall[]; end: number; rest: boolean; error?: string } {
  const calls: PyCall[] = [];
  let p = i;
  for (;;) {
    p = skipWs(s, p, limit);
    while (p < limit && (s.charCodeAt(p) === 59 || s.charCodeAt(p) === 44)) p = skipWs(s, p + 1, limit);
    if (p >= limit) return { calls, end: p, rest: false };
    // `result = read_file(...)`: the assignment is Gemma's habit, the call is what counts.
    const lhs = readDottedName(s, p, limit);
    if (lhs > p) {
      const eq = skipWs(s, lhs, limit);
      if (s.charCodeAt(eq) === 61 && s.charCodeAt(eq + 1) !== 61 && looksLikePythonCall(s, skipWs(s, eq + 1, limit), limit)) p = skipWs(s, eq + 1, limit);
    }
    if (!looksLikePythonCall(s, p, limit)) return { calls, end: p, rest: true };
    const r = readPythonCalls(s, p, limit);
    if (!r.ok) return { calls, end: p, rest: true, error: r.error };
    calls.push(...r.calls);
    p = r.end;
  }
}
