/**
 * Reads the inside of an explicit call wrapper (<tool_call>, [TOOL_CALLS], <|python_tag|>,
 * <|tool_call_start|>, a ```tool_call fence...) whatever shape the model chose: JSON objects or arrays,
 * <function=...> tags, pythonic calls, `name {json}`, Mistral `name[ARGS]{json}`, XML children, YAML.
 * In explicit mode an unreadable body is a failure worth reporting; otherwise it is silently ignored.
 */
import type { Found, ParseContext, RawCall } from '../types.js';
import { parseJsonText, parseLooseJson } from '../json-repair.js';
import { callsFromJson } from './json-call.js';
import { looksLikePythonCall, readDottedName, readPythonSequence } from './pythonic.js';
import { readAttributes, readChildren, readFunctionBody, readOpenTag } from './xml.js';
import { readYaml } from './yaml-block.js';
import { indexWithin } from '../text-scan.js';

export interface PayloadOptions {
  /** The wrapper says "this is a call": report what cannot be read. */
  explicit: boolean;
  format: string;
  /** Name supplied by the wrapper itself (Harmony `to=functions.x`, a label before a fence). */
  name?: string;
  /**
   * The wrapper has no end tag (cut off, stuttered `<tool_call><tool_call>`, or merely mentioned):
   * emptiness or an unknown leading word is not worth an error.
   */
  doubledOpener?: boolean;
}

function isWsCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function skipWs(s: string, i: number, to: number): number {
  while (i < to && isWsCode(s.charCodeAt(i))) i++;
  return i;
}
function trimEnd(s: string, from: number, to: number): number {
  while (to > from && isWsCode(s.charCodeAt(to - 1))) to--;
  return to;
}

function fail(found: Found, opts: PayloadOptions, at: number, message: string): Found {
  if (opts.explicit) found.failures.push({ at, message });
  return found;
}

/** Strips a ``` fence wrapped around a payload, returning the inner range. */
function unfence(s: string, from: number, to: number): [number, number] {
  const p = skipWs(s, from, to);
  if (!s.startsWith('```', p)) return [from, to];
  const nl = indexWithin(s, '\n', p, to);
  if (nl === -1) return [from, to];
  let end = trimEnd(s, nl + 1, to);
  if (s.startsWith('```', end - 3)) end -= 3;
  return [nl + 1, end];
}

function call(name: string, args: unknown, at: number, opts: PayloadOptions, repairs: string[] = []): RawCall {
  return { name, args, at, format: opts.format, repairs, explicit: opts.explicit };
}

function readJsonSequence(s: string, p: number, to: number, ctx: ParseContext, opts: PayloadOptions, found: Found): void {
  let first = true;
  while (p < to) {
    const c = s.charCodeAt(p);
    if (c !== 123 && c !== 91 && c !== 34) break;
    const r = parseLooseJson(s, p, { limit: to, allowTruncated: true });
    if (!r.ok) {
      if (first) fail(found, opts, p, `the JSON could not be read (${r.error})`);
      return;
    }
    let value = r.value;
    const repairs = [...r.repairs];
    if (typeof value === 'string') {
      // The whole call double-encoded as a JSON string.
      const inner = parseJsonText(value);
      if (inner.ok) {
        value = inner.value;
        repairs.push('decoded a call encoded as a JSON string');
      }
    }
    if (opts.name !== undefined && first) {
      const jc = callsFromJson(value, ctx, p, opts.format);
      if (jc.shaped && jc.calls.length > 0 && ctx.resolveName(jc.calls[0]!.name)) {
        for (const c2 of jc.calls) c2.repairs.push(...repairs);
        found.calls.push(...jc.calls);
      } else found.calls.push(call(opts.name, value, p, opts, repairs));
    } else {
      const jc = callsFromJson(value, ctx, p, opts.format, !opts.explicit);
      if (jc.shaped) {
        for (const c2 of jc.calls) {
          c2.repairs.push(...repairs);
          if (!opts.explicit) {
            c2.soft = true;
            c2.end = r.end;
          }
        }
        found.calls.push(...jc.calls);
      } else if (first) {
        fail(found, opts, p, 'the JSON has no tool name: expected {"name": "<tool>", "arguments": {...}}');
      }
    }
    first = false;
    p = skipWs(s, r.end, to);
    while (p < to && (s.charCodeAt(p) === 44 || s.charCodeAt(p) === 59)) p = skipWs(s, p + 1, to);
  }
}

function readNameThenArgs(s: string, name: string, p: number, to: number, opts: PayloadOptions, found: Found, at: number): void {
  // Mistral v11: name[CALL_ID]id[ARGS]{...}
  if (s.startsWith('[CALL_ID]', p)) {
    const a = indexWithin(s, '[ARGS]', p, to);
    p = a !== -1 && a < to ? a : p;
  }
  if (s.startsWith('[ARGS]', p)) p = skipWs(s, p + 6, to);
  while (p < to && (s.charCodeAt(p) === 58 || isWsCode(s.charCodeAt(p)))) p++;
  [p, to] = unfence(s, p, to);
  p = skipWs(s, p, to);
  const end = trimEnd(s, p, to);
  if (p >= end) {
    found.calls.push(call(name, {}, at, opts));
    return;
  }
  const c = s.charCodeAt(p);
  if (c === 123 || c === 91 || c === 34) {
    const r = parseLooseJson(s, p, { limit: end, allowTruncated: true });
    if (r.ok) {
      found.calls.push(call(name, r.value, at, opts, r.repairs));
      return;
    }
    fail(found, opts, p, `the arguments of ${name} are not valid JSON (${r.error})`);
    return;
  }
  if (c === 60) {
    const kids = readChildren(s, p, end);
    if (kids.childCount > 0) {
      found.calls.push(call(name, kids.args, at, opts));
      return;
    }
  }
  const rest = s.slice(p, end);
  if (rest.includes(':') && rest.includes('\n')) {
    const y = readYaml(rest);
    if (y.ok && typeof y.value === 'object' && y.value !== null && !Array.isArray(y.value)) {
      found.calls.push(call(name, y.value, at, opts, ['read arguments written as YAML']));
      return;
    }
  }
  // A bare value: the finishing step maps it onto the tool's single required parameter, or reports.
  found.calls.push(call(name, rest, at, opts));
}

/** Parses the payload in [from, to) and appends calls or failures to `found`. */
export function parsePayload(s: string, from: number, to: number, ctx: ParseContext, opts: PayloadOptions, found: Found): Found {
  [from, to] = unfence(s, from, to);
  let p = skipWs(s, from, to);
  const end = trimEnd(s, p, to);
  if (p >= end) {
    if (opts.name !== undefined) found.calls.push(call(opts.name, {}, from, opts));
    else if (!opts.doubledOpener) fail(found, opts, from, 'the tool call block is empty');
    return found;
  }
  if (opts.name !== undefined) {
    readNameThenArgs(s, opts.name, p, end, opts, found, p);
    return found;
  }
  const c = s.charCodeAt(p);
  if (c === 60 /* < */) {
    const tag = readOpenTag(s, p, end);
    if (tag && (tag.tag === 'function' || tag.tag === 'invoke' || tag.tag === 'tool')) {
      const attrs = readAttributes(tag.attrs);
      const name = attrs[''] ?? attrs.name ?? attrs.tool;
      if (name) {
        const closeTag = `</${tag.tag}>`;
        const close = indexWithin(s, closeTag, tag.end, end);
        const bodyEnd = close === -1 || close > end ? end : close;
        const body = readFunctionBody(s, tag.end, bodyEnd);
        found.calls.push(call(name, body.args, p, opts, close === -1 || close > end ? [...body.repairs, 'closed an unclosed tag'] : body.repairs));
        const after = close === -1 || close > end ? end : close + closeTag.length;
        if (after < end) parsePayload(s, after, end, ctx, { ...opts }, { calls: found.calls, failures: [] });
        return found;
      }
    }
    const kids = readChildren(s, p, end);
    const nameKey = ['name', 'tool_name', 'tool', 'function_name', 'function'].find((k) => typeof kids.args[k] === 'string');
    if (nameKey) {
      const name = (kids.args[nameKey] as string).trim();
      const argKey = ['arguments', 'parameters', 'args', 'input', 'params'].find((k) => k in kids.args);
      let args: unknown = {};
      if (argKey) {
        const raw = String(kids.args[argKey]);
        const asJson = parseJsonText(raw);
        args = asJson.ok ? asJson.value : readChildren(raw, 0, raw.length).args;
      }
      found.calls.push(call(name, args, p, opts));
      return found;
    }
    if (tag && ctx.resolveName(tag.tag)) {
      const closeTag = `</${tag.tag}>`;
      const close = indexWithin(s, closeTag, tag.end, end);
      const bodyEnd = close === -1 || close > end ? end : close;
      const body = readFunctionBody(s, tag.end, bodyEnd);
      const attrs = readAttributes(tag.attrs);
      const args = typeof body.args === 'object' && body.args !== null && !Array.isArray(body.args)
        ? { ...attrs, ...(body.args as Record<string, unknown>) } : Object.keys(attrs).length > 0 && body.args === '' ? attrs : body.args;
      found.calls.push(call(tag.tag, args, p, opts));
      return found;
    }
    return fail(found, opts, p, 'the tool call block holds markup that is not a call');
  }
  if (c === 123 || c === 34 || (c === 91 && !looksLikePythonCall(s, p, end))) {
    readJsonSequence(s, p, end, ctx, opts, found);
    return found;
  }
  if (s.startsWith('call:', p)) {
    // FunctionGemma: call:name{key:<escape>value<escape>}
    const brace = indexWithin(s, '{', p, end);
    if (brace !== -1) {
      const name = s.slice(p + 5, brace).trim();
      const body = s.slice(brace, end).split('<escape>').join('"');
      const r = parseLooseJson(body, 0, { allowTruncated: true });
      if (r.ok) found.calls.push(call(name, r.value, p, opts, r.repairs));
      else fail(found, opts, p, `the arguments of ${name} could not be read (${r.error})`);
      return found;
    }
  }
  if (looksLikePythonCall(s, p, end) || /^[A-Za-z_][\w.]*[ \t]*=(?!=)[ \t]*[A-Za-z_][\w.]*[ \t]*\(/.test(s.slice(p, Math.min(end, p + 200)))) {
    const r = readPythonSequence(s, p, end);
    for (const pc of r.calls) {
      found.calls.push({ name: pc.name, args: pc.kwargs, positional: pc.positional, at: pc.start, format: opts.format, repairs: pc.repairs, explicit: opts.explicit });
    }
    if (r.calls.length === 0) return fail(found, opts, p, `the call could not be read (${r.error ?? 'expected name(arg=value, ...)'})`);
    return found;
  }
  if (/^[A-Za-z_][\w-]*[ \t]*:[ \t]*\S/.test(s.slice(p, Math.min(end, p + 200))) && indexWithin(s, '\n', p, end) !== -1) {
    // YAML mapping: `name: read_file` / `arguments: {...}` lines.
    const y = readYaml(s.slice(p, end));
    if (y.ok) {
      const jc = callsFromJson(y.value, ctx, p, opts.format);
      if (jc.shaped) {
        for (const c2 of jc.calls) c2.repairs.push('read a call written as YAML');
        found.calls.push(...jc.calls);
        return found;
      }
    }
  }
  const nameEnd = readDottedName(s, p, end);
  if (nameEnd > p) {
    let name = s.slice(p, nameEnd);
    let q = nameEnd;
    // Kimi-style `functions.read_file:0`
    if (s.charCodeAt(q) === 58 && /[0-9]/.test(s[q + 1] ?? '')) {
      q++;
      while (q < end && /[0-9]/.test(s[q]!)) q++;
    }
    // An unknown word after an unclosed opener is prose ("a <tool_call> tag when ..."), not a call.
    if (!ctx.resolveName(name) && (!opts.explicit || opts.doubledOpener)) return found;
    name = name.trim();
    readNameThenArgs(s, name, q, end, opts, found, p);
    return found;
  }
  return fail(found, opts, p, 'the tool call block does not start with a tool name or a JSON object');
}
