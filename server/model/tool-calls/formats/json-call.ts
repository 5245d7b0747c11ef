/**
 * Turns a parsed JSON value into calls: OpenAI objects ({function: {name, arguments}}), {name,
 * arguments|parameters|args|input}, {tool, args}, {"read_file": {...}}, arrays and tool_calls
 * containers. Decides whether a value is shaped like a call at all; plain data yields nothing.
 */
import type { ParseContext, RawCall } from '../types.js';
import { resolveAliases } from '../arg-aliases.js';

const CONTAINER_KEYS = ['tool_calls', 'toolCalls', 'function_calls', 'functionCalls', 'calls', 'tool_uses', 'toolUses', 'actions', 'tools', 'function_call', 'tool_call', 'toolCall', 'functionCall'];
const CONTAINER_NORMALISED = new Map(CONTAINER_KEYS.map((k) => [k.toLowerCase().replace(/[^a-z]/g, ''), k]));
const NAME_KEYS = ['name', 'tool', 'tool_name', 'toolName', 'function', 'function_name', 'functionName', 'action', 'recipient_name', 'tool_id', 'command', 'api', 'api_name', 'call', 'method'];
/** Name keys strong enough that an unknown name is still an attempt at a call. */
const EXPLICIT_NAME_KEYS = new Set(['tool', 'tool_name', 'toolName', 'function', 'function_name', 'functionName', 'recipient_name', 'api_name']);
const ARG_KEYS = ['arguments', 'parameters', 'args', 'input', 'params', 'tool_input', 'action_input', 'kwargs', 'argument', 'tool_args', 'tool_arguments', 'function_args', 'inputs', 'parameter', 'arguments_json', 'toolInput', 'actionInput', 'properties'];
const NOISE_KEYS = new Set(['id', 'type', 'index', 'call_id', 'tool_call_id', 'thought', 'reasoning', 'explanation', 'reason', 'description']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface JsonCalls {
  calls: RawCall[];
  /** True when the value was shaped like a call (even if the name is unknown). */
  shaped: boolean;
}

function argsFitTool(ctx: ParseContext, tool: string, args: Record<string, unknown>): boolean {
  const info = ctx.schema(tool);
  const keys = Object.keys(args);
  if (keys.length === 0) return true;
  const resolved = resolveAliases(args, info, tool, []);
  return Object.keys(resolved).every((k) => info.props.has(k));
}

function fromObject(o: Record<string, unknown>, ctx: ParseContext, at: number, format: string, depth: number, strictShape: boolean): RawCall[] | null {
  for (const key of Object.keys(o)) {
    const ck = CONTAINER_NORMALISED.get(key.toLowerCase().replace(/[^a-z]/g, ''));
    if (ck === undefined) continue;
    const inner = o[key];
    if (Array.isArray(inner) || (isRecord(inner) && ck !== 'tools')) {
      const r = visit(inner, ctx, at, format, depth + 1, strictShape);
      if (r) return r;
    }
  }
  const fn = o.function;
  if (isRecord(fn)) {
    const r = fromObject({ ...fn }, ctx, at, format, depth + 1, strictShape);
    if (r) return r;
  }
  let nameKey: string | undefined;
  for (const k of NAME_KEYS) {
    if (typeof o[k] === 'string' && (o[k] as string).length > 0 && (o[k] as string).length < 120) {
      // `command` or `action` is a name only when it names a tool; otherwise it is an argument.
      // Strict lookup: {"command": "ls"} is a shell command, not the `ls` synonym of find_files.
      if ((k === 'command' || k === 'action' || k === 'method' || k === 'call') && !ctx.resolveName(o[k] as string, true)) continue;
      nameKey = k;
      break;
    }
  }
  const argKey = ARG_KEYS.find((k) => k in o && k !== nameKey);
  if (nameKey) {
    const rawName = o[nameKey] as string;
    const known = ctx.resolveName(rawName);
    if (argKey !== undefined) {
      return [{ name: rawName, args: o[argKey], at, format, repairs: [], explicit: true }];
    }
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) if (k !== nameKey && !NOISE_KEYS.has(k)) rest[k] = v;
    if (known) {
      if (!argsFitTool(ctx, known, rest)) return null;
      // Loose text ({"name": "search", "description": "..."} is a package manifest): a bare name with
      // nothing usable beside it is not a call unless the tool needs no arguments.
      if (strictShape && Object.keys(rest).length === 0 && ctx.schema(known).required.length > 0) return null;
      const repairs = Object.keys(rest).length > 0 ? ['arguments given beside the name, not under "arguments"'] : [];
      return [{ name: rawName, args: rest, at, format, repairs, explicit: true }];
    }
    if (EXPLICIT_NAME_KEYS.has(nameKey)) return [{ name: rawName, args: rest, at, format, repairs: [], explicit: true }];
    return null;
  }
  // {"read_file": {"path": "a"}}: a single key naming a tool.
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const k = keys[0]!;
    const v = o[k];
    // Strict lookup: {"command": "npm test"} is an argument object, not a call to a synonym of bash.
    const known = ctx.resolveName(k, true);
    if (known && (isRecord(v) || typeof v === 'string')) {
      if (isRecord(v) && !argsFitTool(ctx, known, v)) return null;
      return [{ name: k, args: v, at, format, repairs: ['tool name used as the object key'], explicit: true }];
    }
  }
  return null;
}

function visit(v: unknown, ctx: ParseContext, at: number, format: string, depth: number, strictShape: boolean): RawCall[] | null {
  if (depth > 6) return null;
  if (Array.isArray(v)) {
    const out: RawCall[] = [];
    let any = false;
    for (const item of v) {
      const r = visit(item, ctx, at, format, depth + 1, strictShape);
      if (r) {
        any = true;
        out.push(...r);
      }
    }
    return any ? out : null;
  }
  if (isRecord(v)) return fromObject(v, ctx, at, format, depth, strictShape);
  return null;
}

/** `strictShape`: the value was found in loose text, not inside call syntax; demand more evidence. */
export function callsFromJson(value: unknown, ctx: ParseContext, at: number, format: string, strictShape = false): JsonCalls {
  const r = visit(value, ctx, at, format, 0, strictShape);
  return r ? { calls: r, shaped: true } : { calls: [], shaped: false };
}
