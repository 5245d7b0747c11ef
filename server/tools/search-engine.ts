/**
 * Text search over the workspace: ripgrep (`rg --json`) when it is on PATH, otherwise an in-process
 * search with the same rules (.gitignore, hidden files skipped, binaries skipped). A missing rg is
 * never reported as "no matches". Must not format results for the model (search.ts does).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { open } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import picomatch from 'picomatch';
import { errorMessage } from '../core/errors.js';
import { ALWAYS_SKIPPED_DIRS, walkFiles } from './walk-files.js';

export type SearchEngineChoice = 'auto' | 'rg' | 'builtin';

export interface SearchQuery {
  pattern: string;
  /** Workspace-relative file or folder ('' = everything). */
  scope: string;
  scopeIsDir: boolean;
  glob?: string;
  ignoreCase?: boolean;
  maxResults: number;
}

export interface SearchMatch {
  path: string;
  line: number;
  text: string;
}

export interface SearchReport {
  engine: 'rg' | 'builtin';
  matches: SearchMatch[];
  /** More matches existed than maxResults. */
  truncated: boolean;
  filesSearched: number | null;
  /** The pattern was not a valid regular expression and was searched as plain text. */
  literal: boolean;
  /** Files skipped as binary or too large (builtin only). */
  skipped: number;
}

const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_LINE_CHARS = 240;

const rgByPath = new Map<string, string | null>();

/** Absolute path of `rg` on PATH, or null (looked up once per PATH value). */
export function findRipgrep(pathEnv: string = process.env.PATH ?? ''): string | null {
  const known = rgByPath.get(pathEnv);
  if (known !== undefined) return known;
  let rgPath: string | null = null;
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'rg');
    try {
      accessSync(candidate, fsConstants.X_OK);
      rgPath = candidate;
      break;
    } catch (err) {
      // Not in this PATH entry; keep looking.
      void err;
    }
  }
  rgByPath.set(pathEnv, rgPath);
  return rgPath;
}

function clip(text: string): string {
  const t = text.replace(/\r?\n$/, '').trim();
  return t.length > MAX_LINE_CHARS ? t.slice(0, MAX_LINE_CHARS) + ' …' : t;
}

export async function searchText(realRoot: string, q: SearchQuery, engine: SearchEngineChoice = 'auto', signal?: AbortSignal): Promise<SearchReport> {
  const rg = engine === 'builtin' ? null : findRipgrep();
  if (rg) {
    let r = await searchWithRipgrep(rg, realRoot, q, false, signal);
    if (r === 'regex-error') r = await searchWithRipgrep(rg, realRoot, q, true, signal);
    // Anything but a clean rg answer (it vanished, crashed, could not start) falls back: never a false "no matches".
    if (r !== 'regex-error' && r !== 'failed') return r;
  }
  return searchBuiltin(realRoot, q, signal);
}

function searchWithRipgrep(rg: string, realRoot: string, q: SearchQuery, literal: boolean, signal?: AbortSignal): Promise<SearchReport | 'regex-error' | 'failed'> {
  // --sort path: deterministic order (same answer for the same call) at the cost of rg's parallelism.
  const args = ['--json', '--no-require-git', '--no-config', '--sort', 'path'];
  for (const d of ALWAYS_SKIPPED_DIRS) args.push('--glob', `!${d}`);
  if (q.glob) args.push('--glob', q.glob);
  if (q.ignoreCase) args.push('-i');
  if (literal) args.push('-F');
  args.push('-e', q.pattern, '--', q.scope || '.');
  return new Promise((resolve) => {
    const child = spawn(rg, args, { cwd: realRoot, stdio: ['ignore', 'pipe', 'pipe'], signal });
    const matches: SearchMatch[] = [];
    let truncated = false;
    const files: number | null = null;
    let sawSummary = false;
    let buf = '';
    let err = '';
    let spawnFailed = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let ev: { type?: string; data?: Record<string, unknown> };
        try {
          ev = JSON.parse(line) as typeof ev;
        } catch (e) {
          err += `bad rg output: ${errorMessage(e)}\n`;
          continue;
        }
        if (ev.type === 'match' && !truncated) {
          const data = ev.data as { path?: { text?: string }; line_number?: number; lines?: { text?: string } };
          if (matches.length >= q.maxResults) {
            truncated = true;
            child.kill('SIGKILL');
            continue;
          }
          const p = (data.path?.text ?? '').replace(/^\.\//, '');
          matches.push({ path: p, line: data.line_number ?? 0, text: clip(data.lines?.text ?? '') });
        } else if (ev.type === 'summary') {
          // rg's JSON stats count only files with matches in this mode, so they are not a file count.
          sawSummary = true;
        }
      }
    });
    child.stderr.on('data', (d: string) => (err += d));
    child.on('error', (e) => {
      err += errorMessage(e);
      spawnFailed = true;
    });
    child.on('close', (code) => {
      if (code === 2 && /regex parse error|error parsing regex|unclosed|unopened/i.test(err) && !literal) {
        resolve('regex-error');
        return;
      }
      if (spawnFailed || (!truncated && code !== 0 && code !== 1 && !sawSummary && !signal?.aborted)) {
        process.stderr.write(`[search] ripgrep failed (${code}): ${err.slice(0, 300)}; using the built-in search\n`);
        resolve('failed');
        return;
      }
      resolve({ engine: 'rg', matches, truncated, filesSearched: files, literal, skipped: 0 });
    });
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const CLASS_ESCAPES = /[A-Za-z0-9]/;

/**
 * The longest run of plain characters every match of `pattern` must contain (3+ chars), or null.
 * Conservative: alternation anywhere, groups, classes and quantified characters contribute nothing,
 * so a file without the run can be skipped without decoding it.
 */
export function requiredLiteral(pattern: string): string | null {
  if (pattern.includes('|')) return null;
  let depth = 0;
  let inClass = false;
  let run = '';
  let best = '';
  const flush = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (inClass) {
      if (c === '\\') i++;
      else if (c === ']') inClass = false;
      continue;
    }
    if (c === '\\') {
      const next = pattern[i + 1];
      i++;
      if (next === undefined || CLASS_ESCAPES.test(next)) flush();
      else if (depth === 0) run += next;
      continue;
    }
    if (c === '[') {
      flush();
      inClass = true;
    } else if (c === '(') {
      flush();
      depth++;
    } else if (c === ')') {
      flush();
      depth = Math.max(0, depth - 1);
    } else if (c === '?' || c === '*' || c === '{') {
      // The quantified character may be absent or repeated: it ends the run without joining it.
      run = run.slice(0, -1);
      flush();
      if (c === '{') while (i < pattern.length && pattern[i] !== '}') i++;
    } else if (c === '+' || c === '.' || c === '^' || c === '$') {
      flush();
    } else if (depth === 0) {
      run += c;
    }
  }
  flush();
  return best.length >= 3 ? best : null;
}

/** Compiles the pattern as a regular expression, or as plain text when it is not a valid one. */
export function compilePattern(pattern: string, ignoreCase: boolean): { re: RegExp; literal: boolean } {
  // 'm' so ^ and $ mean line starts and ends, as in ripgrep, also in the whole-file pre-check.
  const flags = ignoreCase ? 'im' : 'm';
  try {
    return { re: new RegExp(pattern, flags), literal: false };
  } catch (err) {
    void err; // an invalid regex is common from small models: search it literally instead
    return { re: new RegExp(escapeRegExp(pattern), flags), literal: true };
  }
}

/** The file's text; null when binary or too large; '' when a literal `needle` is absent (no decode needed). */
async function readSearchable(abs: string, needle: Buffer | null): Promise<string | null> {
  const fh = await open(abs, 'r');
  try {
    if ((await fh.stat()).size > MAX_FILE_BYTES) return null;
    const bytes = await fh.readFile();
    if (bytes.subarray(0, 8192).includes(0)) return null;
    // Most searches are plain identifiers: a native byte search skips decoding files that cannot match.
    if (needle && !bytes.includes(needle)) return '';
    return bytes.toString('utf8');
  } finally {
    await fh.close();
  }
}

async function readOrReport(realRoot: string, rel: string, needle: Buffer | null): Promise<string | null | 'error'> {
  try {
    return await readSearchable(join(realRoot, rel), needle);
  } catch (err) {
    process.stderr.write(`[search] ${rel}: ${errorMessage(err)}\n`);
    return 'error';
  }
}

// Files read at once: enough to hide I/O latency, few enough to keep memory small.
const READ_AHEAD = 16;

export async function searchBuiltin(realRoot: string, q: SearchQuery, signal?: AbortSignal): Promise<SearchReport> {
  const { re, literal } = compilePattern(q.pattern, q.ignoreCase ?? false);
  const lit = q.ignoreCase ? null : literal ? q.pattern : requiredLiteral(q.pattern);
  const needle = lit ? Buffer.from(lit, 'utf8') : null;
  const globMatch = q.glob ? picomatch(q.glob.replace(/^!/, ''), { basename: !q.glob.includes('/'), dot: true }) : null;
  const negate = q.glob?.startsWith('!') ?? false;
  const matches: SearchMatch[] = [];
  let truncated = false;
  let files = 0;
  let skipped = 0;
  const candidates: string[] = [];
  if (q.scopeIsDir) {
    for await (const rel of walkFiles(realRoot, q.scope, { signal })) candidates.push(rel);
  } else {
    candidates.push(q.scope);
  }
  const selected = globMatch ? candidates.filter((rel) => globMatch(rel) !== negate) : candidates;
  outer: for (let start = 0; start < selected.length; start += READ_AHEAD) {
    if (signal?.aborted) break;
    const batch = selected.slice(start, start + READ_AHEAD);
    const texts = await Promise.all(batch.map((rel) => readOrReport(realRoot, rel, needle)));
    for (let b = 0; b < batch.length; b++) {
      const rel = batch[b] as string;
      const text = texts[b];
      if (text === 'error' || text === undefined) continue;
      if (text === null) {
        skipped++;
        continue;
      }
      files++;
      if (!re.test(text)) continue;
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!re.test(lines[i] as string)) continue;
        if (matches.length >= q.maxResults) {
          truncated = true;
          break outer;
        }
        matches.push({ path: rel, line: i + 1, text: clip(lines[i] as string) });
      }
    }
  }
  return { engine: 'builtin', matches, truncated, filesSearched: files, literal, skipped };
}

/** Text that differs from the disk: open editor buffers (workspace-relative path → text). */
export interface TextOverlay {
  path: string;
  text: string;
}

/**
 * Replaces the disk matches of overlaid files by matches in their overlay text (unsaved buffers),
 * keeping the path/line order and the result cap. Files under always-skipped folders stay out.
 */
export function applyOverlays(report: SearchReport, q: SearchQuery, overlays: readonly TextOverlay[]): SearchReport {
  const { re } = compilePattern(q.pattern, q.ignoreCase ?? false);
  const globMatch = q.glob ? picomatch(q.glob.replace(/^!/, ''), { basename: !q.glob.includes('/'), dot: true }) : null;
  const negate = q.glob?.startsWith('!') ?? false;
  const inScope = (rel: string): boolean => (q.scope === '' ? true : q.scopeIsDir ? rel.startsWith(q.scope + '/') : rel === q.scope);
  const relevant = overlays.filter(
    (o) => inScope(o.path) && !o.path.split('/').some((seg) => ALWAYS_SKIPPED_DIRS.includes(seg)) && (!globMatch || globMatch(o.path) !== negate),
  );
  if (relevant.length === 0) return report;
  const replaced = new Set(relevant.map((o) => o.path));
  const matches = report.matches.filter((m) => !replaced.has(m.path));
  for (const o of relevant) {
    const lines = o.text.split('\n');
    for (let i = 0; i < lines.length; i++) if (re.test(lines[i] as string)) matches.push({ path: o.path, line: i + 1, text: clip(lines[i] as string) });
  }
  matches.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  const truncated = report.truncated || matches.length > q.maxResults;
  return { ...report, matches: matches.slice(0, q.maxResults), truncated };
}
