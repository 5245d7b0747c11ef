/**
 * Finds calls in free prose: tool-shaped JSON objects, argument objects labelled with a tool name,
 * tool-named XML tags, ReAct / "Tool: x / Arguments: {...}" blocks, and pythonic calls standing on
 * their own line. A pythonic call inside a sentence or an unknown name is never taken from prose.
 */
import type { Found, ParseContext, RawCall } from '../types.js';
import { parseJsonText, parseLooseJson } from '../json-repair.js';
import { callsFromJson } from './json-call.js';
import { looksLikePythonCall, readDottedName, readPythonCalls } from './pythonic.js';
import { readAttributes, readFunctionBody, readOpenTag } from './xml.js';
import { readYaml } from './yaml-block.js';
import { labelBefore, shownNotCalled } from '../context-cues.js';
import { Finder, lineEndOf } from '../text-scan.js';
import { insideInlineCode } from '../segment.js';

export interface Candidate {
  start: number;
  end: number;
  found: Found;
}

export interface ProseOptions {
  /** Reasoning fallback: only tool-shaped JSON and tool tags, no labels, ReAct or pythonic lines. */
  strictOnly: boolean;
  format?: string;
}

/** Prose calls must not pass bare positional words: `search(query, limit)` is a signature, not a call. */
export function literalArgs(call: { bareArgs: boolean }): boolean {
  return !call.bareArgs;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function one(start: number, end: number, call: RawCall): Candidate {
  return { start, end, found: { calls: [call], failures: [] } };
}

function scanJson(s: string, from: number, to: number, ctx: ParseContext, opts: ProseOptions, out: Candidate[]): void {
  const colons = new Finder(s, ':');
  const equals = new Finder(s, '=');
  /** An object can only be a call if a key separator follows soon: skips brace soup in O(1). */
  const separatorNear = (i: number): boolean => {
    const c = colons.next(i);
    if (c !== -1 && c - i < 4000) return true;
    const e = equals.next(i);
    return e !== -1 && e - i < 4000;
  };
  const objectStart = (i: number): boolean => {
    let q = i + 1;
    while (q < to && /\s/.test(s[q]!)) q++;
    const nc = s.charCodeAt(q);
    return (nc === 34 || nc === 39 || nc === 35 || nc === 47 || /[A-Za-z_]/.test(s[q] ?? '')) && separatorNear(i);
  };
  let p = from;
  while (p < to) {
    let i = -1;
    for (let k = p; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c === 123 || c === 91) {
        i = k;
        break;
      }
    }
    if (i === -1) return;
    let q = i + 1;
    while (q < to && /\s/.test(s[q]!)) q++;
    const plausible = s.charCodeAt(i) === 123 ? objectStart(i) : s.charCodeAt(q) === 123 && objectStart(q);
    if (!plausible) {
      p = i + 1;
      continue;
    }
    const r = parseLooseJson(s, i, { limit: to, allowTruncated: true });
    if (!r.ok) {
      p = Math.max(i + 1, Math.min(r.at, to));
      continue;
    }
    const jc = callsFromJson(r.value, ctx, i, opts.format ?? 'json', true);
    if (jc.shaped) {
      for (const c of jc.calls) {
        c.repairs.push(...r.repairs);
        c.soft = true;
        c.end = r.end;
      }
      out.push({ start: i, end: r.end, found: { calls: jc.calls, failures: [] } });
    } else if (!opts.strictOnly && isRecord(r.value)) {
      const label = labelBefore(s, i, (n) => ctx.resolveName(n, true), from);
      if (label) out.push(one(i, r.end, { name: label, args: r.value, at: i, format: 'labelled-json', repairs: r.repairs, explicit: true }));
    }
    p = Math.max(r.end, i + 1);
  }
}

function scanTags(s: string, from: number, to: number, ctx: ParseContext, out: Candidate[]): void {
  const finders = new Map<string, Finder>();
  let p = from;
  while (p < to) {
    const lt = s.indexOf('<', p);
    if (lt === -1 || lt >= to) return;
    const tag = readOpenTag(s, lt, to);
    if (!tag || tag.tag.startsWith('/')) {
      p = lt + 1;
      continue;
    }
    const attrs = readAttributes(tag.attrs);
    const hasAttrs = Object.keys(attrs).length > 0;
    const name = ctx.resolveName(tag.tag, true) ?? ctx.resolveName(tag.tag);
    if (!name) {
      p = tag.end;
      continue;
    }
    if (insideInlineCode(s, lt)) {
      // `<read_file><path>x</path></read_file>` inside a sentence's code span is an example.
      p = tag.end;
      continue;
    }
    if (tag.selfClosing) {
      if (hasAttrs) out.push(one(lt, tag.end, { name: tag.tag, args: attrs, at: lt, format: 'xml-tag', repairs: [], explicit: false }));
      p = tag.end;
      continue;
    }
    const closeTag = `</${tag.tag}>`;
    let f = finders.get(closeTag);
    if (!f) finders.set(closeTag, (f = new Finder(s, closeTag)));
    const close = f.next(tag.end);
    let closed = close !== -1 && close < to;
    const openKey = `<${tag.tag}`;
    let nf = finders.get(openKey);
    if (!nf) finders.set(openKey, (nf = new Finder(s, openKey)));
    const nextOpen = nf.next(tag.end);
    if (closed && nextOpen !== -1 && nextOpen < close) closed = false;
    const bodyEnd = closed ? close : nextOpen !== -1 && nextOpen < to ? nextOpen : to;
    const body = readFunctionBody(s, tag.end, bodyEnd);
    const isObj = isRecord(body.args);
    const childCount = isObj ? Object.keys(body.args as Record<string, unknown>).length : 0;
    // A tag with neither children, attributes nor a closing tag is just a word in angle brackets.
    if (!closed && childCount === 0) {
      p = Math.max(tag.end, bodyEnd);
      continue;
    }
    if (!ctx.resolveName(tag.tag, true) && childCount === 0 && !hasAttrs) {
      p = tag.end;
      continue;
    }
    const args = isObj ? { ...attrs, ...(body.args as Record<string, unknown>) } : hasAttrs && body.args === '' ? attrs : body.args;
    const repairs = closed ? body.repairs : [...body.repairs, 'closed an unclosed tag'];
    out.push(one(lt, closed ? close + closeTag.length : bodyEnd, { name: tag.tag, args, at: lt, format: 'xml-tag', repairs, explicit: true }));
    p = closed ? close + closeTag.length : bodyEnd;
  }
}

const ACTION_LINE = /^[\s>*_#-]*(?:action|tool|tool[ _]name|function|function[ _]name|call|tool to use)[*_]*\s*[:=][*_]*\s*`?([A-Za-z_][\w.:-]*)`?[*_]*\s*(.*)$/i;
const INPUT_LINE = /^[\s*_#-]*(?:action[ _]input|tool[ _]input|input|arguments|args|parameters|params|function[ _]arguments)[*_]*\s*[:=][*_]*\s*(.*)$/i;
const INTENT_LINE = /\b(?:i'll|i will|let me|let's|i am going to|i'm going to|now|next|first)\b[^`"'\n]{0,40}?\b(?:call|use|run|invoke|execute)\s+(?:the\s+)?`?([A-Za-z_][\w.-]*)`?(?:\s+(?:tool|function))?\s+(?:with|on|for)\s+(?:(?:the\s+)?(?:argument\s+|arg\s+|parameter\s+|param\s+)?([a-z_]+)\s*[:=]?\s*)?(`[^`\n]{1,400}`|"[^"\n]{1,400}")/i;
const STOP_LINE = /^[\s*_#-]*(?:observation|thought|action|final answer|answer)\s*:/i;

/** Drops the blank first line and the common indentation of an indented argument block. */
function dedent(text: string): string {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[0]!.trim() === '') lines.shift();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const min = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(min, l.length - l.trimStart().length))).join('\n');
}

function parseArgText(text: string): { args: unknown; repairs: string[] } {
  const t = dedent(text).trim();
  if (t.length === 0) return { args: {}, repairs: [] };
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
    const r = parseJsonText(t);
    if (r.ok) return { args: r.value, repairs: r.repairs };
    const loose = parseLooseJson(t, 0, { allowTruncated: true });
    if (loose.ok) return { args: loose.value, repairs: loose.repairs };
  }
  if (t.includes('\n') && /^\s*[\w-]+\s*:/m.test(t)) {
    const y = readYaml(t);
    if (y.ok && isRecord(y.value)) return { args: y.value, repairs: ['read arguments written as YAML'] };
  }
  return { args: t, repairs: [] };
}

function scanLines(s: string, from: number, to: number, ctx: ParseContext, opts: ProseOptions, out: Candidate[]): void {
  let p = from;
  let inObservation = false;
  while (p < to) {
    const le = Math.min(lineEndOf(s, p), to);
    // CRLF text: `$` in the line patterns must not trip over the \r.
    const line = s.slice(p, Math.min(le, p + 2000)).replace(/\r$/, '');
    const next = le + 1;
    if (/^\s*observation\s*:/i.test(line)) {
      inObservation = true;
      p = next;
      continue;
    }
    if (inObservation) {
      if (STOP_LINE.test(line) || /^\s*thought\s*:/i.test(line)) inObservation = false;
      else {
        p = next;
        continue;
      }
    }
    if (/^\s*>/.test(line)) {
      p = next;
      continue;
    }
    const am = ACTION_LINE.exec(line);
    if (am && ctx.resolveName(am[1]!)) {
      const name = am[1]!;
      const rest = am[2]!.trim();
      const restAt = p + line.length - am[2]!.length + (am[2]!.length - am[2]!.trimStart().length);
      if (rest.startsWith('(')) {
        const r = readPythonCalls(s, p + line.indexOf(name), to);
        if (r.ok) {
          out.push({
            start: p,
            end: r.end,
            found: { calls: r.calls.map((c) => ({ name: c.name, args: c.kwargs, positional: c.positional, at: c.start, format: 'react', repairs: c.repairs, explicit: true })), failures: [] },
          });
          p = Math.max(lineEndOf(s, r.end) + 1, next);
          continue;
        }
      }
      if (rest.startsWith('{') || rest.startsWith('[')) {
        const r = parseLooseJson(s, restAt, { limit: to, allowTruncated: true });
        if (r.ok) {
          out.push(one(p, r.end, { name, args: r.value, at: p, format: 'react', repairs: r.repairs, explicit: true }));
          p = Math.max(lineEndOf(s, r.end) + 1, next);
          continue;
        }
      }
      // Look for the input line below.
      let q = next;
      while (q < to && s.slice(q, Math.min(lineEndOf(s, q), to)).trim() === '') q = lineEndOf(s, q) + 1;
      const inputLine = q < to ? s.slice(q, Math.min(lineEndOf(s, q), to)).replace(/\r$/, '') : '';
      const im = INPUT_LINE.exec(inputLine);
      if (im) {
        const valueAt = q + inputLine.length - im[1]!.length;
        let end = Math.min(lineEndOf(s, q), to);
        let argText: string;
        const v = im[1]!.trim();
        if (v.startsWith('{') || v.startsWith('[')) {
          const r = parseLooseJson(s, valueAt + (im[1]!.length - im[1]!.trimStart().length), { limit: to, allowTruncated: true });
          if (r.ok) {
            out.push(one(p, r.end, { name, args: r.value, at: p, format: 'react', repairs: r.repairs, explicit: true }));
            p = Math.max(lineEndOf(s, r.end) + 1, next);
            continue;
          }
        }
        // Continuation lines until a blank line or the next ReAct keyword.
        let r2 = end + 1;
        while (r2 < to) {
          const l2e = Math.min(lineEndOf(s, r2), to);
          const l2 = s.slice(r2, l2e).replace(/\r$/, '');
          if (l2.trim() === '' || STOP_LINE.test(l2)) break;
          end = l2e;
          r2 = l2e + 1;
        }
        argText = s.slice(valueAt, end);
        const parsed = parseArgText(argText);
        out.push(one(p, end, { name, args: parsed.args, at: p, format: 'react', repairs: parsed.repairs, explicit: true }));
        p = end + 1;
        continue;
      }
      if (rest === '' && !opts.strictOnly) {
        // `key: value` lines right below the label are the arguments (Devstral writes calls this way).
        let end = le;
        let r2 = next;
        while (r2 < to) {
          const l2e = Math.min(lineEndOf(s, r2), to);
          const l2 = s.slice(r2, l2e).replace(/\r$/, '');
          if (!/^\s*[A-Za-z_][\w-]*\s*:/.test(l2) || STOP_LINE.test(l2) || ACTION_LINE.test(l2)) break;
          end = l2e;
          r2 = l2e + 1;
        }
        const parsed = end > le ? parseArgText(s.slice(next, end)) : { args: {}, repairs: [] };
        out.push(one(p, end, { name, args: parsed.args, at: p, format: 'react', repairs: parsed.repairs, explicit: true }));
        p = end > le ? end + 1 : next;
        continue;
      }
    }
    // A pythonic call standing on its own line (after an optional short label such as "Tool call:").
    let k = p;
    while (k < le && /[\s`*\-•]/.test(s[k]!)) k++;
    if (/^\d+\.\s/.test(s.slice(k, k + 4))) k = s.indexOf(' ', k) + 1;
    const label = /^\[?[\w\s*#'’-]{1,40}:[\s`*]*/.exec(s.slice(k, Math.min(le, k + 48)));
    if (label && !looksLikePythonCall(s, k, to)) k += label[0].length;
    if (k < le && looksLikePythonCall(s, k, to)) {
      let nameAt = k;
      if (s.charCodeAt(nameAt) === 91) nameAt++;
      while (/\s/.test(s[nameAt] ?? '')) nameAt++;
      const nameEnd = readDottedName(s, nameAt, to);
      const nm = s.slice(nameAt, nameEnd);
      const known = nm === 'print' || ctx.resolveName(nm, true);
      if (known) {
        const r = readPythonCalls(s, k, to);
        if (r.ok) {
          // Special tokens after the call (`<bot_end>`, `<|eot_id|>`) are not text.
          const tail = s.slice(r.end, Math.min(lineEndOf(s, r.end), to)).replace(/<[^<>\s]{1,40}>/g, '').trim();
          const resolved = r.calls.filter((c) => ctx.resolveName(c.name, true) && literalArgs(c));
          if (/^[`;.,*\]]*$/.test(tail) && resolved.length === r.calls.length) {
            out.push({
              start: k,
              end: r.end,
              found: { calls: r.calls.map((c) => ({ name: c.name, args: c.kwargs, positional: c.positional, at: c.start, format: 'pythonic', repairs: c.repairs, explicit: true })), failures: [] },
            });
            p = Math.max(lineEndOf(s, r.end) + 1, next);
            continue;
          }
        }
      }
    }
    // "I'll call read_file with path `src/a.ts`": a tool's own name, an intent verb and one quoted value.
    const intent = opts.strictOnly ? null : INTENT_LINE.exec(line);
    if (intent) {
      const tool = ctx.resolveName(intent[1]!, true);
      if (tool) {
        const info = ctx.schema(tool);
        const word = intent[2]?.toLowerCase();
        const raw = intent[3]!.slice(1, -1);
        const prop = word && info.props.has(word) ? word : info.required.length === 1 ? info.required[0] : undefined;
        if (prop !== undefined) {
          out.push(one(p, le, { name: intent[1]!, args: { [prop]: raw }, at: p, format: 'plain-text', repairs: ['read the call from a plain-text sentence'], explicit: true }));
        }
      }
    }
    p = next;
  }
}

/** All candidates in prose [from, to), non-overlapping, in text order, with shown examples removed. */
export function extractProse(s: string, from: number, to: number, ctx: ParseContext, opts: ProseOptions): Candidate[] {
  const all: Candidate[] = [];
  scanJson(s, from, to, ctx, opts, all);
  scanTags(s, from, to, ctx, all);
  if (!opts.strictOnly) scanLines(s, from, to, ctx, opts, all);
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let lastEnd = -1;
  let lastShown = false;
  for (const c of all) {
    if (c.start < lastEnd) continue;
    // Cues are looked for since the previous candidate; one right after a shown one is shown too.
    const floor = Math.max(from, lastEnd);
    const shown: boolean = (lastEnd !== -1 && lastShown && s.slice(lastEnd, c.start).trim() === '') || shownNotCalled(s, c.start, floor);
    lastEnd = c.end;
    lastShown = shown;
    if (!shown) kept.push(c);
  }
  return kept;
}
