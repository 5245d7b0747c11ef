/**
 * Renames argument keys the model got wrong (file_path, old_str, cmd, startLine) onto the tool's
 * real property names, and unwraps arguments nested one level too deep. Only ever maps onto a
 * property the schema has and that was not already given; ambiguous keys are left alone.
 */
import { normaliseName } from './tool-name-match.js';
import { PARAM_SECONDARY, PARAM_SYNONYMS } from './synonyms.js';
import type { SchemaInfo } from './schema-info.js';

const groupIndex = new Map<string, Set<number>>();
const groupHeads: string[] = [];
PARAM_SYNONYMS.forEach((group, i) => {
  groupHeads.push(normaliseName(group[0]!));
  for (const w of group) {
    const n = normaliseName(w);
    let set = groupIndex.get(n);
    if (!set) groupIndex.set(n, (set = new Set()));
    set.add(i);
  }
});
const secondary = new Map<number, number[]>();
for (const [from, to] of PARAM_SECONDARY) {
  const f = groupHeads.indexOf(normaliseName(from));
  const t = groupHeads.indexOf(normaliseName(to));
  if (f >= 0 && t >= 0) secondary.set(f, [...(secondary.get(f) ?? []), t]);
}

const NESTING_KEYS = ['arguments', 'parameters', 'args', 'input', 'params', 'kwargs', 'tool_input', 'action_input', 'argument', 'properties'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{arguments: {...}}` or `{input: {...}}` one level too deep, when the schema has no such property. */
export function unwrapNested(args: Record<string, unknown>, info: SchemaInfo, repairs: string[]): Record<string, unknown> {
  let cur = args;
  for (let i = 0; i < 3; i++) {
    const keys = Object.keys(cur);
    const nestKey = keys.find((k) => NESTING_KEYS.includes(k) && !info.props.has(k) && isRecord(cur[k]));
    if (!nestKey) return cur;
    const others = keys.filter((k) => k !== nestKey && !info.props.has(k));
    // Keep keys that are real properties beside the wrapper ({path, arguments: {...}}); drop name/id noise.
    const inner = cur[nestKey] as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...inner };
    for (const k of keys) if (k !== nestKey && info.props.has(k) && !(k in merged)) merged[k] = cur[k];
    if (others.some((k) => !['name', 'id', 'type', 'tool', 'function'].includes(k))) return cur;
    repairs.push(`unwrapped arguments nested under "${nestKey}"`);
    cur = merged;
  }
  return cur;
}

function candidatesFor(key: string, info: SchemaInfo, taken: Set<string>): string[] {
  const nk = normaliseName(key);
  const groups = groupIndex.get(nk);
  const free = [...info.props.keys()].filter((p) => !taken.has(p));
  // Same name modulo case and separators (filePath vs file_path).
  const direct = free.filter((p) => normaliseName(p) === nk);
  if (direct.length > 0) return direct;
  // Singular for plural and back (item -> items, paths -> path).
  const plural = free.filter((p) => {
    const np = normaliseName(p);
    return np === `${nk}s` || `${np}s` === nk;
  });
  if (plural.length === 1) return plural;
  if (!groups) return [];
  const inGroups = (gs: Iterable<number>): string[] =>
    free.filter((p) => {
      const pg = groupIndex.get(normaliseName(p));
      if (!pg) return false;
      for (const g of gs) if (pg.has(g)) return true;
      return false;
    });
  const primary = inGroups(groups);
  if (primary.length > 1) {
    // Several properties share a group with the key: prefer the one that heads a group of the key.
    const heads = primary.filter((p) => [...groups].some((g) => groupHeads[g] === normaliseName(p)));
    if (heads.length === 1) return heads;
  }
  if (primary.length > 0) return primary;
  const sec = new Set<number>();
  for (const g of groups) for (const s of secondary.get(g) ?? []) sec.add(s);
  return sec.size > 0 ? inGroups(sec) : [];
}

/** The property a key names, directly or through an alias (no guessing from what is missing). */
export function aliasTarget(key: string, info: SchemaInfo): string | undefined {
  if (info.props.has(key)) return key;
  const c = candidatesFor(key, info, new Set());
  return c.length === 1 ? c[0] : undefined;
}

/** Renames misnamed keys onto schema properties. Unknown keys that match nothing are kept as they are. */
export function resolveAliases(args: Record<string, unknown>, info: SchemaInfo, toolName: string, repairs: string[]): Record<string, unknown> {
  if (info.props.size === 0) return args;
  const out: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(args)) {
    if (info.props.has(k)) out[k] = v;
    else unknown.push(k);
  }
  const taken = new Set(Object.keys(out));
  const leftovers: string[] = [];
  for (const k of unknown) {
    const c = candidatesFor(k, info, taken);
    if (c.length === 1) {
      out[c[0]!] = args[k];
      taken.add(c[0]!);
      repairs.push(`renamed argument "${k}" -> "${c[0]}" for ${toolName}`);
    } else {
      leftovers.push(k);
    }
  }
  // One stray key and one missing required property: that is what the model meant.
  const missing = info.required.filter((r) => !taken.has(r));
  if (leftovers.length === 1 && missing.length === 1) {
    const k = leftovers[0]!;
    out[missing[0]!] = args[k];
    repairs.push(`renamed argument "${k}" -> "${missing[0]}" for ${toolName}`);
    return out;
  }
  for (const k of leftovers) out[k] = args[k];
  return out;
}
