/**
 * Reads the parts of a tool's JSON Schema the parser needs: property names in order, required names,
 * and the accepted JSON types of each property. Pure; never validates (the agent's zod schema does).
 */
import type { JsonSchema } from '../messages.js';

export interface PropInfo {
  /** JSON types accepted ('string', 'number', 'integer', 'boolean', 'array', 'object', 'null'); empty = any. */
  types: Set<string>;
  itemTypes: Set<string>;
  /** String values allowed by an `enum`, when there is one. */
  enumStrings?: string[];
}

export interface SchemaInfo {
  props: Map<string, PropInfo>;
  /** Property names, required ones first (in `required` order), then the rest in declaration order. */
  order: string[];
  required: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collectTypes(schema: unknown, out: Set<string>, depth = 0): void {
  if (!isRecord(schema) || depth > 4) return;
  const t = schema.type;
  if (typeof t === 'string') out.add(t);
  else if (Array.isArray(t)) for (const x of t) if (typeof x === 'string') out.add(x);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = schema[key];
    if (Array.isArray(alts)) for (const a of alts) collectTypes(a, out, depth + 1);
  }
  if (Array.isArray(schema.enum) && out.size === 0) {
    for (const e of schema.enum) out.add(e === null ? 'null' : typeof e);
  }
  if ('const' in schema && out.size === 0) {
    const c = schema.const;
    out.add(c === null ? 'null' : typeof c);
  }
}

function itemTypesOf(schema: unknown): Set<string> {
  const out = new Set<string>();
  if (!isRecord(schema)) return out;
  collectTypes(schema.items, out);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const alts = schema[key];
    if (Array.isArray(alts)) for (const a of alts) if (isRecord(a)) collectTypes(a.items, out);
  }
  return out;
}

const cache = new WeakMap<JsonSchema, SchemaInfo>();

export function schemaInfo(input: JsonSchema | undefined): SchemaInfo {
  // Definitions can come from plugins: anything that is not an object schema has no properties.
  const schema = isRecord(input) ? input : undefined;
  if (schema && cache.has(schema)) return cache.get(schema)!;
  const props = new Map<string, PropInfo>();
  const declared: string[] = [];
  const rawProps = schema && isRecord(schema.properties) ? schema.properties : {};
  for (const [name, sub] of Object.entries(rawProps)) {
    const types = new Set<string>();
    collectTypes(sub, types);
    const en = isRecord(sub) && Array.isArray(sub.enum) ? sub.enum.filter((e): e is string => typeof e === 'string') : [];
    props.set(name, en.length > 0 ? { types, itemTypes: itemTypesOf(sub), enumStrings: en } : { types, itemTypes: itemTypesOf(sub) });
    declared.push(name);
  }
  const required = schema && Array.isArray(schema.required)
    ? schema.required.filter((r): r is string => typeof r === 'string' && props.has(r))
    : [];
  const order = [...required, ...declared.filter((d) => !required.includes(d))];
  const info: SchemaInfo = { props, order, required };
  if (schema) cache.set(schema, info);
  return info;
}
