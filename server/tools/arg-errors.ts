/**
 * Writes the validation messages a model gets when it calls a tool with missing, misnamed or
 * mistyped arguments, or calls a tool that does not exist: expected parameters with types, what
 * was wrong, and a corrected call to copy. Pure; no I/O.
 */
import type { z } from 'zod';
import type { AnyTool } from './define-tool.js';
import { placeholderFor, signatureText, toolParams, type ParamInfo } from './tool-schema.js';

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function fits(p: ParamInfo, v: unknown): boolean {
  const t = jsonType(v);
  if (p.type.endsWith('[]')) return t === 'array';
  if (p.type.startsWith('"')) return typeof v === 'string' && p.type.split('|').includes(JSON.stringify(v));
  return p.type.split('|').includes(t) || p.type === 'any';
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** Names in `raw` the tool does not declare. */
export function unknownParams(tool: AnyTool, raw: Record<string, unknown>): string[] {
  const known = new Set(toolParams(tool).map((p) => p.name));
  return Object.keys(raw).filter((k) => !known.has(k));
}

/**
 * The message for arguments that failed the schema. The suggested call keeps the valid values,
 * moves a lone unknown value of the right type into a lone missing parameter, and fills the rest
 * with placeholders.
 */
export function argumentErrorMessage(tool: AnyTool, raw: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): string {
  const params = toolParams(tool);
  const byName = new Map(params.map((p) => [p.name, p]));
  const unknown = unknownParams(tool, raw);
  const missing = params.filter((p) => p.required && raw[p.name] === undefined);
  const problems: string[] = [];
  if (missing.length) problems.push(`missing ${missing.map((p) => `${p.name} (${p.type})`).join(', ')}`);
  if (unknown.length) problems.push(`got unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  for (const issue of issues) {
    const key = issue.path[0];
    if (typeof key !== 'string' || !byName.has(key) || raw[key] === undefined) continue;
    const p = byName.get(key) as ParamInfo;
    const sub = issue.path.length > 1 ? `${key}.${issue.path.slice(1).join('.')}` : key;
    const got = issue.path.length > 1 ? issue.message : `got ${jsonType(raw[key])} ${short(raw[key])}`;
    problems.push(`${sub} must be ${p.type} (${got})`);
  }
  if (!problems.length) problems.push(issues.map((i) => i.message).join('; ') || 'invalid arguments');

  const example: Record<string, unknown> = {};
  const spareUnknown = unknown.filter((k) => raw[k] !== undefined);
  for (const p of params) {
    const v = raw[p.name];
    const bad = issues.some((i) => i.path[0] === p.name);
    if (v !== undefined && !bad) {
      example[p.name] = v;
      continue;
    }
    if (!p.required && v === undefined) continue;
    const movable = spareUnknown.filter((k) => fits(p, raw[k]));
    if (movable.length === 1 && (missing.length === 1 || spareUnknown.length === 1)) {
      example[p.name] = raw[movable[0] as string];
      spareUnknown.splice(spareUnknown.indexOf(movable[0] as string), 1);
    } else {
      example[p.name] = placeholderFor(p);
    }
  }
  return `${tool.name} needs ${signatureText(tool)}; ${problems.join('; ')}. Call again as ${tool.name}(${JSON.stringify(example)})`;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

// Names models reach for from other agents and shells.
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  bash: ['shell', 'sh', 'run', 'exec', 'execute', 'terminal', 'run_command', 'run_shell', 'command', 'cmd', 'execute_command', 'run_terminal_cmd'],
  search: ['grep', 'rg', 'ripgrep', 'ack', 'search_code', 'code_search', 'grep_search', 'search_files', 'find_in_files'],
  find_files: ['find', 'glob', 'ls', 'list_files', 'list_dir', 'file_search', 'find_file', 'locate'],
  web_fetch: ['fetch', 'curl', 'wget', 'browse', 'open_url', 'fetch_url', 'http_get'],
  web_search: ['google', 'bing', 'search_web', 'internet_search'],
  read_file: ['cat', 'read', 'open_file', 'view_file', 'view', 'open'],
  write_file: ['write', 'create_file', 'save_file'],
  patch: ['edit', 'edit_file', 'replace', 'str_replace', 'apply_patch', 'search_replace'],
};

/** The closest real tool name, when one is close enough to be a likely typo. */
export function closestToolName(name: string, names: readonly string[]): string | null {
  const n = name.toLowerCase().replace(/[-\s]/g, '_');
  for (const [target, aliases] of Object.entries(SYNONYMS)) if (names.includes(target) && aliases.includes(n)) return target;
  let best: string | null = null;
  let bestD = Infinity;
  for (const candidate of names) {
    if (n === candidate || n.includes(candidate) || candidate.includes(n)) return candidate;
    const d = distance(n, candidate);
    if (d < bestD) {
      bestD = d;
      best = candidate;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(n.length / 3)) ? best : null;
}

export function unknownToolMessage(name: string, names: readonly string[]): string {
  const close = closestToolName(name, names);
  return `There is no tool named "${name}".${close ? ` Did you mean ${close}?` : ''} The tools are: ${names.join(', ')}. Call one of them by its exact name.`;
}
