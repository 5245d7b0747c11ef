/**
 * Turns a raw call into a final one against the offered tools: matches the name, decodes string or
 * double-encoded arguments, maps positional and misnamed arguments, coerces types, and notes missing
 * required parameters. Returns a failure (for the model) instead of a call it cannot stand behind.
 */
import type { Failure, ParseContext, RawCall } from './types.js';
import { parseJsonText, parseLooseJson } from './json-repair.js';
import { aliasTarget, resolveAliases, unwrapNested } from './arg-aliases.js';
import { coerceArgs } from './coerce-args.js';
import { normaliseName } from './tool-name-match.js';
import type { SchemaInfo } from './schema-info.js';
import { readPythonCall } from './formats/pythonic.js';
import { readYaml } from './formats/yaml-block.js';

export interface FinalCall {
  name: string;
  arguments: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeParams(info: SchemaInfo): string {
  if (info.order.length === 0) return 'no parameters';
  return info.order.map((p) => (info.required.includes(p) ? `"${p}"` : `"${p}" (optional)`)).join(', ');
}

/** The single parameter a bare string argument can stand for, if there is exactly one candidate. */
function soleStringParam(info: SchemaInfo): string | undefined {
  const pick = (names: string[]): string | undefined => {
    const strs = names.filter((n) => {
      const t = info.props.get(n)!.types;
      return t.size === 0 || t.has('string');
    });
    return strs.length === 1 ? strs[0] : undefined;
  };
  if (info.required.length === 1) return pick(info.required);
  if (info.required.length === 0) return pick(info.order);
  return undefined;
}

/**
 * `path=src/a.ts, start_line=3` or `path: src/a.ts` as plain text: read as arguments only when the
 * first key names one of the tool's properties (or an alias of one), so shell text stays a command.
 */
function keyValueText(t: string, info: SchemaInfo): Record<string, unknown> | undefined {
  const m = /^([A-Za-z_][\w-]*)\s*[=:]\s*\S/.exec(t);
  if (!m) return undefined;
  if (aliasTarget(m[1]!, info) === undefined) return undefined;
  const py = readPythonCall(`f(${t.replace(/:\s/, '= ')})`, 0, t.length + 3);
  if (py.ok && py.calls[0] && Object.keys(py.calls[0].kwargs).length > 0 && py.calls[0].positional.length === 0) return py.calls[0].kwargs;
  const y = readYaml(t);
  if (y.ok && isRecord(y.value)) return y.value;
  return undefined;
}

/** Edit distance on normalised names, small strings only (tool names). */
function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The offered tool a misspelt name most likely meant (for the error hint only, never for a call). */
function closestTool(raw: string, names: readonly string[]): string | undefined {
  const n = normaliseName(raw);
  let best: string | undefined;
  let bestD = Infinity;
  for (const t of names) {
    const d = distance(n, normaliseName(t));
    if (d < bestD) {
      bestD = d;
      best = t;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(n.length / 4)) ? best : undefined;
}

type Decoded = { ok: true; args: Record<string, unknown> } | { ok: false; failure: Failure };

function decodeArgs(raw: RawCall, tool: string, info: SchemaInfo, repairs: string[]): Decoded {
  let args: unknown = raw.args;
  for (let i = 0; i < 3 && typeof args === 'string'; i++) {
    const t = args.trim();
    if (t === '') {
      args = {};
      break;
    }
    const first = t[0];
    if (first === '{' || first === '[' || first === '"') {
      const r = parseJsonText(t);
      if (r.ok) {
        repairs.push(i === 0 ? `decoded arguments given as a JSON string for ${tool}` : `decoded double-encoded arguments for ${tool}`);
        repairs.push(...r.repairs);
        args = r.value;
        continue;
      }
      const prefix = parseLooseJson(t, 0, { allowTruncated: true });
      if (prefix.ok && first !== '"' && /^[\s}\]]*$/.test(t.slice(prefix.end))) {
        // `{"path": "a"}}`: a stray closer after complete arguments.
        repairs.push(`ignored stray brackets after the arguments of ${tool}`);
        args = prefix.value;
        continue;
      }
      if (first !== '"') {
        return { ok: false, failure: { at: raw.at, message: `The arguments for "${tool}" are not valid JSON (${r.error}). Expected a JSON object with ${describeParams(info)}.` } };
      }
    }
    const kv = keyValueText(t, info);
    if (kv) {
      repairs.push(`read key=value arguments for ${tool}`);
      args = kv;
      break;
    }
    const sole = soleStringParam(info);
    if (sole) {
      repairs.push(`used the bare text as "${sole}" for ${tool}`);
      args = { [sole]: args };
      break;
    }
    return { ok: false, failure: { at: raw.at, message: `The arguments for "${tool}" must be a JSON object with ${describeParams(info)}, not plain text.` } };
  }
  if (args === undefined || args === null) args = {};
  if (Array.isArray(args)) {
    if (args.length === 1 && isRecord(args[0])) args = args[0];
    else return { ok: false, failure: { at: raw.at, message: `The arguments for "${tool}" must be a JSON object with ${describeParams(info)}, not a list.` } };
  }
  if (!isRecord(args)) {
    const sole = soleStringParam(info);
    if (sole && (typeof args === 'number' || typeof args === 'boolean')) return { ok: true, args: { [sole]: args } };
    return { ok: false, failure: { at: raw.at, message: `The arguments for "${tool}" must be a JSON object with ${describeParams(info)}.` } };
  }
  return { ok: true, args };
}

export function finalizeCall(raw: RawCall, ctx: ParseContext): { call: FinalCall; repairs: string[] } | { failure: Failure } | null {
  const tool = ctx.resolveName(raw.name);
  if (!tool) {
    if (!raw.explicit) return null;
    const near = closestTool(raw.name, ctx.toolNames);
    const hint = near ? ` Did you mean "${near}"?` : '';
    return { failure: { at: raw.at, message: `Unknown tool "${raw.name}".${hint} The available tools are: ${ctx.toolNames.join(', ')}.` } };
  }
  const repairs: string[] = [...raw.repairs];
  if (tool !== raw.name) repairs.push(`tool name "${raw.name}" -> "${tool}"`);
  const info = ctx.schema(tool);
  const decoded = decodeArgs(raw, tool, info, repairs);
  if (!decoded.ok) return { failure: decoded.failure };
  let args = decoded.args;
  if (raw.positional && raw.positional.length === 1 && isRecord(raw.positional[0]) && Object.keys(args).length === 0) {
    // read_file({"path": "a"}): one dict argument is the argument object.
    args = { ...raw.positional[0] };
    repairs.push(`used the single object argument as the arguments of ${tool}`);
  } else if (raw.positional && raw.positional.length > 0) {
    const free = info.order.filter((p) => !(p in args));
    raw.positional.forEach((v, i) => {
      const prop = free[i];
      if (prop !== undefined) args[prop] = v;
    });
    repairs.push(`mapped positional arguments onto ${free.slice(0, raw.positional.length).join(', ')} for ${tool}`);
  }
  args = unwrapNested(args, info, repairs);
  args = resolveAliases(args, info, tool, repairs);
  args = coerceArgs(args, info, tool, repairs);
  const missing = info.required.filter((r) => !(r in args));
  if (missing.length > 0) repairs.push(`missing required argument(s) ${missing.map((m) => `"${m}"`).join(', ')} for ${tool}`);
  return { call: { name: tool, arguments: args }, repairs };
}
