/**
 * Maps a tool name as a model wrote it (readFile, ReadFile, read-file, functions.read_file,
 * view_file) onto one of the offered tools, or reports that it cannot. Pure; only ever answers
 * with a name from the offered list, and never guesses between two candidates.
 */
import { TOOL_SYNONYMS } from './synonyms.js';

export interface NameMatch {
  name: string;
  /** Set when the name differs from what the model wrote (for the repairs list). */
  note?: string;
  /** Matched only through the synonym table (view_file -> read_file). */
  synonym?: boolean;
}

/** Lowercase, drop separators and case humps: readFile, read-file and READ_FILE all become "readfile". */
export function normaliseName(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) out += raw[i];
    else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
  }
  return out;
}

const PREFIXES = ['functions.', 'function.', 'functions/', 'tools.', 'tool.', 'default_api.', 'api.', 'tool:', 'function:', 'functions:'];

function cleanName(raw: string): string {
  let s = raw.trim().replace(/^[`'"*]+|[`'"*]+$/g, '').trim();
  if (s.endsWith('()')) s = s.slice(0, -2);
  if (s.endsWith('.call')) s = s.slice(0, -5);
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of PREFIXES) {
      if (s.toLowerCase().startsWith(p) && s.length > p.length) {
        s = s.slice(p.length);
        changed = true;
      }
    }
  }
  // MCP-style `server__tool` or `mcp__server__tool`.
  const dbl = s.lastIndexOf('__');
  if (dbl > 0 && dbl < s.length - 2 && s.startsWith('mcp__')) s = s.slice(dbl + 2);
  return s;
}

const synonymIndex = new Map<string, Set<number>>();
TOOL_SYNONYMS.forEach((group, i) => {
  for (const w of group) {
    const n = normaliseName(w);
    let set = synonymIndex.get(n);
    if (!set) synonymIndex.set(n, (set = new Set()));
    set.add(i);
  }
});

function stripPlural(n: string): string {
  return n.endsWith('s') && n.length > 3 ? n.slice(0, -1) : n;
}

export function matchToolName(raw: string, toolNames: readonly string[]): NameMatch | undefined {
  if (toolNames.includes(raw)) return { name: raw };
  const cleaned = cleanName(raw);
  if (cleaned.length === 0 || cleaned.length > 120) return undefined;
  const note = (name: string): NameMatch => ({ name, note: `tool name "${raw}" -> "${name}"` });
  if (toolNames.includes(cleaned)) return note(cleaned);
  const n = normaliseName(cleaned);
  if (n.length === 0) return undefined;
  const byNorm = toolNames.filter((t) => normaliseName(t) === n);
  if (byNorm.length === 1) return note(byNorm[0]!);
  if (byNorm.length > 1) return undefined;
  const byPlural = toolNames.filter((t) => stripPlural(normaliseName(t)) === stripPlural(n));
  if (byPlural.length === 1) return note(byPlural[0]!);
  // A namespace the model invented (`filesystem.read_file`, `tools/bash`, `fs:read`): try the last segment.
  const seg = cleaned.split(/[./:]/).filter((x) => x.length > 0);
  if (seg.length > 1) {
    const last = matchToolName(seg[seg.length - 1]!, toolNames);
    // Loose only: `fs.readFile(...)` in prose is Node code, not our read_file.
    if (last) return { ...last, note: `tool name "${raw}" -> "${last.name}"`, synonym: true };
  }
  const groups = synonymIndex.get(n) ?? synonymIndex.get(stripPlural(n));
  if (!groups) return undefined;
  const hits = toolNames.filter((t) => {
    const tn = normaliseName(t);
    const tg = synonymIndex.get(tn) ?? synonymIndex.get(stripPlural(tn));
    if (!tg) return false;
    for (const g of tg) if (groups.has(g)) return true;
    return false;
  });
  return hits.length === 1 ? { ...note(hits[0]!), synonym: true } : undefined;
}

/** Cheap test used by scanners before doing any real work on an identifier. */
export function looksLikeToolName(raw: string, toolNames: readonly string[]): boolean {
  return matchToolName(raw, toolNames) !== undefined;
}
