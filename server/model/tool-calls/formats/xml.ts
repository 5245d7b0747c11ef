/**
 * Reads the XML-ish call shapes: Qwen3-Coder `<function=name><parameter=k>v</parameter></function>`,
 * Llama `<function=name>{json}</function>`, `<invoke name="x"><parameter name="k">`, GLM
 * `<arg_key>/<arg_value>`, and tool-named tags `<read_file><path>a</path></read_file>`. String scanning
 * with indexOf only; values are returned as text and typed later by the schema.
 */
import { parseLooseJson } from '../json-repair.js';
import { Finder } from '../text-scan.js';

export interface XmlArgs {
  args: Record<string, unknown>;
  /** Text in the body that was not inside any child element (trimmed). */
  text: string;
  childCount: number;
}

/** Strips the one newline models put after an opening and before a closing tag (as vLLM's Qwen3-Coder parser does). */
export function trimParamValue(v: string): string {
  let s = v;
  if (s.startsWith('\r\n')) s = s.slice(2);
  else if (s.startsWith('\n')) s = s.slice(1);
  if (s.endsWith('\r\n')) s = s.slice(0, -2);
  else if (s.endsWith('\n')) s = s.slice(0, -1);
  const cdata = s.trim();
  if (cdata.startsWith('<![CDATA[') && cdata.endsWith(']]>')) return cdata.slice(9, -3);
  // Spaces stay: `<search>    return x;</search>` means the indentation. Path-like
  // properties are trimmed later, by the schema (coerce-args).
  return s;
}

function isTagChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 58;
}

/** Reads `<tag attrs>` at i. Returns tag name, attribute text, end (after `>`), and whether it self-closes. */
export function readOpenTag(s: string, i: number, limit: number): { tag: string; attrs: string; end: number; selfClosing: boolean } | undefined {
  if (s.charCodeAt(i) !== 60) return undefined;
  let j = i + 1;
  while (j < limit && isTagChar(s.charCodeAt(j))) j++;
  if (j === i + 1) return undefined;
  const tag = s.slice(i + 1, j);
  // `<parameter=name>` / `<function=name>`
  let gt = -1;
  const stop = Math.min(limit, j + 400);
  for (let k = j; k < stop; k++) {
    const c = s.charCodeAt(k);
    if (c === 62) {
      gt = k;
      break;
    }
    if (c === 60) return undefined;
  }
  if (gt === -1) return undefined;
  const attrs = s.slice(j, gt);
  if (attrs.includes('<') || attrs.includes('\n\n')) return undefined;
  const selfClosing = attrs.endsWith('/');
  return { tag, attrs: selfClosing ? attrs.slice(0, -1) : attrs, end: gt + 1, selfClosing };
}

/** `name="x" path='y'` or `=x` (the `<parameter=x>` form) -> record. */
export function readAttributes(attrs: string): Record<string, string> {
  const out: Record<string, string> = {};
  const t = attrs.trim();
  if (t.startsWith('=')) {
    out[''] = t.slice(1).trim().replace(/^["']|["']$/g, '');
    return out;
  }
  const re = /([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) out[m[1]!] = m[3] ?? m[4] ?? m[5] ?? '';
  return out;
}

/**
 * Reads child elements of a body: `<k>v</k>`, `<parameter=k>v</parameter>`, `<parameter name="k">v</parameter>`,
 * `<arg_key>k</arg_key><arg_value>v</arg_value>`. Unclosed last child runs to the end (max_tokens cut).
 */
export function readChildren(src: string, start: number, stop: number): XmlArgs {
  // Work on the body alone so every search is bounded by it (bodies of separate calls never overlap).
  const s = src.slice(start, stop);
  const from = 0;
  const to = s.length;
  const args: Record<string, unknown> = {};
  let text = '';
  let childCount = 0;
  let p = from;
  let pendingKey: string | undefined;
  const finders = new Map<string, Finder>();
  const find = (needle: string, at: number): number => {
    let f = finders.get(needle);
    if (!f) finders.set(needle, (f = new Finder(s, needle)));
    return f.next(at);
  };
  while (p < to) {
    const lt = s.indexOf('<', p);
    if (lt === -1 || lt >= to) {
      text += s.slice(p, to);
      break;
    }
    text += s.slice(p, lt);
    const open = readOpenTag(s, lt, to);
    if (!open) {
      text += '<';
      p = lt + 1;
      continue;
    }
    const attrs = readAttributes(open.attrs);
    let key = open.tag;
    if ((open.tag === 'parameter' || open.tag === 'param' || open.tag === 'arg' || open.tag === 'argument') && (attrs[''] ?? attrs.name) !== undefined) {
      key = (attrs[''] ?? attrs.name)!;
    }
    if (open.selfClosing) {
      if (attrs.value !== undefined) args[key] = attrs.value;
      childCount++;
      p = open.end;
      continue;
    }
    const closeTag = `</${open.tag}>`;
    let close = find(closeTag, open.end);
    let valueEnd: number;
    let next: number;
    if (close === -1 || close >= to) {
      // Cut off, or a sloppy `</parameter` / next `<parameter=`: stop at the next sibling opener.
      const sibling = find(`<${open.tag}`, open.end);
      close = sibling !== -1 && sibling < to ? sibling : to;
      valueEnd = close;
      next = close;
    } else {
      valueEnd = close;
      next = close + closeTag.length;
    }
    const raw = s.slice(open.end, valueEnd);
    childCount++;
    if (open.tag === 'arg_key') pendingKey = raw.trim();
    else if (open.tag === 'arg_value' && pendingKey !== undefined) {
      args[pendingKey] = trimParamValue(raw);
      pendingKey = undefined;
    } else args[key] = trimParamValue(raw);
    p = next;
  }
  return { args, text: text.trim(), childCount };
}

/** Body of `<function=name>`: parameter children, or a JSON object (Llama 3.1 custom tool format). */
export function readFunctionBody(s: string, from: number, to: number): { args: unknown; repairs: string[] } {
  let p = from;
  while (p < to && /\s/.test(s[p]!)) p++;
  const c = s.charCodeAt(p);
  if (c === 123 || c === 91) {
    const r = parseLooseJson(s, p, { limit: to, allowTruncated: true });
    if (r.ok) return { args: r.value, repairs: r.repairs };
  }
  const kids = readChildren(s, from, to);
  if (kids.childCount === 0 && kids.text.length > 0) return { args: kids.text, repairs: [] };
  return { args: kids.args, repairs: [] };
}
