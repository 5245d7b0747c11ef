/**
 * Turns a tool's zod schema into the small JSON Schema offered to the model and into the one-line
 * signature used in validation messages ("bash needs {command: string, timeout?: number}").
 * Pure (zod only); no I/O.
 */
import { z } from 'zod';
import type { JsonSchema, ToolDefinition } from '../model/messages.js';
import type { AnyTool } from './define-tool.js';

type Json = { [key: string]: unknown };

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Keys that cost tokens and tell a small model nothing useful.
const DROP_KEYS = new Set(['$schema', 'additionalProperties', '$id', 'id']);

function compact(node: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((n) => compact(n));
  if (!isRecord(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    // Inside `properties` the keys are parameter names (a parameter may be called `id`), not schema keywords.
    if (isPropertyMap) {
      out[k] = compact(v);
      continue;
    }
    if (DROP_KEYS.has(k)) continue;
    // zod writes the safe-integer range on every .int(); it is noise in a prompt.
    if ((k === 'maximum' && v === Number.MAX_SAFE_INTEGER) || (k === 'minimum' && v === Number.MIN_SAFE_INTEGER)) continue;
    // "non-empty" and "positive" are enforced by validation; in the prompt they only cost tokens.
    if ((k === 'minLength' && v === 1) || (k === 'exclusiveMinimum' && v === 0)) continue;
    // Numeric bounds are enforced by validation (with a helpful message); in the prompt they only cost tokens.
    if ((k === 'minimum' || k === 'maximum') && typeof v === 'number') continue;
    out[k] = compact(v, k === 'properties');
  }
  return out;
}

/** The JSON Schema of a tool's arguments, as input (optional/default fields are not required), without noise. */
export function toolSchema(tool: AnyTool): JsonSchema {
  const schema = compact(z.toJSONSchema(tool.args, { io: 'input', unrepresentable: 'any' }));
  return isRecord(schema) ? schema : { type: 'object', properties: {} };
}

/** OpenAI-style tool definitions for the given tools, in order. */
export function toolDefinitions(tools: readonly AnyTool[]): ToolDefinition[] {
  return tools.map((t) => ({ name: t.name, description: t.description, parameters: toolSchema(t) }));
}

export interface ParamInfo {
  name: string;
  required: boolean;
  /** A short type text: string, number, boolean, string[], "a"|"b", object. */
  type: string;
}

function typeText(s: unknown): string {
  if (!isRecord(s)) return 'any';
  if (Array.isArray(s.enum)) return s.enum.map((e) => JSON.stringify(e)).join('|');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = (s.anyOf ?? s.oneOf) as unknown;
  if (Array.isArray(alts)) return [...new Set(alts.map(typeText))].join('|');
  const t = s.type;
  if (t === 'array') return `${typeText(s.items)}[]`;
  if (t === 'integer') return 'number';
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.join('|');
  return 'any';
}

/** The parameters of a tool in declaration order. */
export function toolParams(tool: AnyTool): ParamInfo[] {
  const schema = toolSchema(tool);
  const props = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  return Object.entries(props).map(([name, s]) => ({ name, required: required.has(name), type: typeText(s) }));
}

/** `{command: string, timeout?: number}` */
export function signatureText(tool: AnyTool): string {
  return `{${toolParams(tool).map((p) => `${p.name}${p.required ? '' : '?'}: ${p.type}`).join(', ')}}`;
}

/** A placeholder value of the right type, for example calls. */
export function placeholderFor(p: ParamInfo): unknown {
  const t = p.type;
  if (t.startsWith('"')) return JSON.parse(t.split('|')[0] as string) as unknown;
  if (t.endsWith('[]')) return [];
  if (t.startsWith('number')) return 1;
  if (t.startsWith('boolean')) return true;
  if (t.startsWith('object')) return {};
  return '...';
}
