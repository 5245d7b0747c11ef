/**
 * Coerces argument values to the types the tool's schema declares: numeric strings to numbers,
 * "true"/"false" to booleans, a single value to a one-element array, objects to JSON text where a
 * string is expected. Only converts when the result is unambiguous; otherwise leaves the value.
 */
import type { PropInfo, SchemaInfo } from './schema-info.js';
import { parseJsonText } from './json-repair.js';

const PATH_LIKE = /path|file|url|uri|dir|folder|glob|name$|^id$/i;
const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function accepts(types: Set<string>, v: unknown): boolean {
  const t = typeOf(v);
  if (types.has(t)) return true;
  if (t === 'number' && types.has('integer') && Number.isInteger(v)) return true;
  return false;
}

function coerceValue(v: unknown, types: Set<string>, itemTypes: Set<string>, depth: number): { ok: boolean; value: unknown } {
  if (types.size === 0 || accepts(types, v)) return { ok: true, value: v };
  if (depth > 3) return { ok: false, value: v };
  const t = typeOf(v);
  const wantsNumber = types.has('number') || types.has('integer');
  if (t === 'string') {
    const s = v as string;
    if (wantsNumber && NUMERIC.test(s)) {
      const n = Number(s.trim());
      if (types.has('number') || Number.isInteger(n)) return { ok: true, value: n };
    }
    if (types.has('boolean')) {
      const l = s.trim().toLowerCase();
      if (l === 'true' || l === 'yes' || l === '1') return { ok: true, value: true };
      if (l === 'false' || l === 'no' || l === '0') return { ok: true, value: false };
    }
    if (types.has('array') || types.has('object')) {
      const trimmed = s.trim();
      if ((trimmed.startsWith('[') && types.has('array')) || (trimmed.startsWith('{') && types.has('object'))) {
        const r = parseJsonText(trimmed);
        if (r.ok && accepts(types, r.value)) return coerceValue(r.value, types, itemTypes, depth + 1);
      }
    }
    if (types.has('array')) {
      const inner = coerceValue(s, itemTypes, new Set(), depth + 1);
      if (inner.ok) return { ok: true, value: [inner.value] };
    }
    if (types.has('null') && (s === 'null' || s === 'None')) return { ok: true, value: null };
    return { ok: false, value: v };
  }
  if (t === 'number' || t === 'boolean') {
    if (types.has('string')) return { ok: true, value: String(v) };
    if (t === 'number' && types.has('boolean') && (v === 0 || v === 1)) return { ok: true, value: v === 1 };
    if (t === 'number' && types.has('integer') && !types.has('number')) {
      return Number.isInteger(v) ? { ok: true, value: v } : { ok: false, value: v };
    }
    if (types.has('array')) {
      const inner = coerceValue(v, itemTypes, new Set(), depth + 1);
      if (inner.ok) return { ok: true, value: [inner.value] };
    }
    return { ok: false, value: v };
  }
  if (t === 'array') {
    const arr = v as unknown[];
    if (arr.length === 1 && !types.has('array')) return coerceValue(arr[0], types, itemTypes, depth + 1);
    if (types.has('string')) {
      if (arr.every((x) => typeof x === 'string')) return { ok: true, value: (arr as string[]).join('\n') };
      return { ok: true, value: JSON.stringify(v, null, 2) };
    }
    return { ok: false, value: v };
  }
  if (t === 'object') {
    if (types.has('string')) return { ok: true, value: JSON.stringify(v, null, 2) };
    if (types.has('array')) return { ok: true, value: [v] };
    return { ok: false, value: v };
  }
  return { ok: false, value: v };
}

function coerceItems(v: unknown[], p: PropInfo): unknown[] {
  if (p.itemTypes.size === 0) return v;
  return v.map((x) => coerceValue(x, p.itemTypes, new Set(), 1).value);
}

export function coerceArgs(args: Record<string, unknown>, info: SchemaInfo, toolName: string, repairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    const p = info.props.get(k);
    if (!p) {
      out[k] = v;
      continue;
    }
    if (v === null && !p.types.has('null') && !info.required.includes(k)) {
      repairs.push(`dropped null optional argument "${k}" for ${toolName}`);
      continue;
    }
    let input = v;
    if (typeof v === 'string' && PATH_LIKE.test(k) && !v.includes('\n') && v.trim() !== v) {
      // A path or URL padded by the markup around it: the padding is layout, not data.
      input = v.trim();
      repairs.push(`trimmed whitespace around "${k}" for ${toolName}`);
    }
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') && p.types.has('string') && !p.types.has('array') && /^(command|cmd|script|commandline)$/.test(k.replace(/_/g, '').toLowerCase())) {
      // argv form (GPT-OSS writes ["bash", "-lc", "npm test"]): the shell line is what runs.
      const argv = v as string[];
      input = argv.length >= 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0]!) && /^-l?c$/.test(argv[1]!) ? argv.slice(2).join(' ') : argv.join(' ');
    }
    if (typeof input === 'string' && p.enumStrings && !p.enumStrings.includes(input)) {
      // "ADD" or " add " for enum ["add", "done"]: the one value that matches ignoring case and spaces.
      const want = input.trim().toLowerCase();
      const hits = p.enumStrings.filter((e) => e.toLowerCase() === want);
      if (hits.length === 1) {
        repairs.push(`matched "${k}" value "${input}" to "${hits[0]}" for ${toolName}`);
        input = hits[0]!;
      }
    }
    const r = coerceValue(input, p.types, p.itemTypes, 0);
    let value = r.value;
    if (Array.isArray(value)) value = coerceItems(value, p);
    if (r.ok && value !== v && JSON.stringify(value) !== JSON.stringify(v)) {
      repairs.push(`coerced argument "${k}" to ${[...p.types].join('|')} for ${toolName}`);
    }
    out[k] = value;
  }
  return out;
}
