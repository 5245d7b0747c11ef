/**
 * `smallcode doctor`: checks what SmallCode needs on this machine and in this workspace and says
 * the next step for each problem. Collects data only; rendering is the caller's (CLI text or JSON).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import type { ConfigSourceName } from '../config/resolve.js';
import { VARIABLES } from '../config/variables.js';
import { errorMessage } from '../core/errors.js';
import { grammarFor, LANGUAGES } from '../graph/extract/languages.js';
import { nativeGraphStatus, nativeLanguage, nativeLanguageProblem } from '../graph/extract/native-captures.js';
import { openGraphStore, type OpenGraphStoreOptions } from '../graph/store/open-graph-store.js';
import { loadSqlite } from '../graph/store/sqlite-loader.js';
import { LOCAL_SERVER_CANDIDATES, noServerMessage, probeBaseUrls } from '../model/provider/detect-base-url.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  next?: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  config: { name: string; value: string; source: ConfigSourceName }[];
  models: string[];
  baseUrl: string | null;
  ok: boolean;
}

function nodeCheck(): DoctorCheck {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return {
    name: 'Node.js',
    ok,
    detail: `v${process.versions.node}`,
    ...(ok ? {} : { next: 'Install Node.js 20.19 or newer (22 LTS works too).' }),
  };
}

function sqliteCheck(): DoctorCheck {
  const loaded = loadSqlite();
  if (loaded.ok) return { name: 'better-sqlite3 (code graph store)', ok: true, detail: 'loads, FTS5 available' };
  return {
    name: 'better-sqlite3 (code graph store)',
    ok: false,
    detail: `${loaded.reason}; the JSON fallback store is in use (slower, same features)`,
    next: 'Rebuild it: `npm rebuild better-sqlite3` (needs python3, make and g++).',
  };
}

/**
 * Which store the code graph would use here, found by opening one in a temp folder (doctor must not
 * leave a database in the user's workspace), and whether the workspace has an index yet.
 */
export function graphStoreCheck(cwd: string, options: OpenGraphStoreOptions = {}): DoctorCheck {
  const name = 'code graph store';
  const scratch = mkdtempSync(join(tmpdir(), 'smallcode-doctor-'));
  try {
    const opened = openGraphStore(scratch, options);
    opened.store.close();
    const file = join(cwd, '.smallcode', opened.kind === 'sqlite' ? 'graph.db' : 'graph.json');
    const index = existsSync(file) ? `index at ${file}` : 'no index in this workspace yet (`smallcode index` builds it)';
    if (opened.kind === 'sqlite') return { name, ok: true, detail: `SQLite with FTS5 (.smallcode/graph.db); ${index}` };
    return {
      name,
      ok: true,
      detail: `JSON fallback (.smallcode/graph.json) because ${opened.reason ?? 'SQLite is unavailable'}; same features, slower on big workspaces; ${index}`,
      next: 'For the SQLite store: `npm rebuild better-sqlite3` (needs python3, make and g++).',
    };
  } catch (err) {
    return { name, ok: false, detail: `cannot open a graph store: ${errorMessage(err)}`, next: 'Check that the temp folder is writable, then run `npm ci`.' };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function nativeExtractorCheck(): DoctorCheck {
  const name = 'native graph extractor';
  const status = nativeGraphStatus();
  if (status.available) {
    // a query that compiles for the binding but not here would silently fall back: say which
    const fallback = LANGUAGES.filter((l) => nativeLanguage(l) === null).map((l) => `${l} (${nativeLanguageProblem(l) ?? 'not in the addon'})`);
    if (fallback.length === 0) return { name, ok: true, detail: `${status.detail}; cold indexes parse on native threads` };
    return {
      name,
      ok: false,
      detail: `${status.detail}, but these languages use the Node binding: ${fallback.join('; ')}`,
      next: 'Rebuild it: `npm run build:native`; if that does not help, the query file does not compile in the native runtime: report it.',
    };
  }
  return {
    name,
    ok: false,
    detail: `${status.detail}. The graph indexer uses the Node binding and worker threads meanwhile: same results, slower cold index, more memory`,
    next: 'Build it: `npm run build:native` (needs python3, make and g++; it compiles tree-sitter from node_modules, downloading nothing).',
  };
}

function grammarChecks(): DoctorCheck[] {
  const require = createRequire(import.meta.url);
  return LANGUAGES.map((lang) => {
    try {
      const Parser = require('tree-sitter') as new () => { setLanguage(l: object): void; parse(s: string): { rootNode: { type: string } } };
      const p = new Parser();
      p.setLanguage(grammarFor(lang));
      p.parse('x');
      return { name: `tree-sitter ${lang}`, ok: true, detail: 'loads and parses' };
    } catch (err) {
      return { name: `tree-sitter ${lang}`, ok: false, detail: errorMessage(err), next: 'Reinstall dependencies: `npm ci` (tree-sitter grammars build from source).' };
    }
  });
}

export async function runDoctor(opts: { cwd: string; env?: NodeJS.ProcessEnv; overrides?: Record<string, unknown>; probeTimeoutMs?: number; graphStore?: OpenGraphStoreOptions }): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [nodeCheck(), sqliteCheck(), graphStoreCheck(opts.cwd, opts.graphStore), nativeExtractorCheck(), ...grammarChecks()];
  const resolved = loadConfig({ cwd: opts.cwd, env: opts.env ?? process.env, initializationOptions: opts.overrides });
  for (const p of resolved.problems) {
    checks.push({ name: `configuration ${p.name}`, ok: false, detail: p.message, next: `Fix ${p.name} in ${p.source}.` });
  }
  const config = VARIABLES.map((v) => {
    const value = resolved.config[v.key as keyof typeof resolved.config];
    const secret = 'secret' in v && v.secret;
    return { name: v.env, value: value === null ? '(unset)' : secret ? '(set, hidden)' : String(value), source: resolved.sources[v.key as keyof typeof resolved.sources] };
  });

  const baseUrl = resolved.config.baseUrl;
  const candidates = baseUrl ? [{ url: baseUrl, kind: 'unknown' as const, label: `SMALLCODE_BASE_URL (${resolved.sources.baseUrl})` }] : LOCAL_SERVER_CANDIDATES;
  const probe = await probeBaseUrls({ candidates, timeoutMs: opts.probeTimeoutMs ?? 1500 });
  let models: string[] = [];
  if (probe.found) {
    models = probe.found.models;
    const wanted = resolved.config.model;
    const hasModel = !wanted || models.includes(wanted);
    checks.push({
      name: 'model server',
      ok: hasModel && models.length > 0,
      detail: `${probe.found.label} answered at ${probe.found.url} with ${models.length} model(s)${models.length ? ': ' + models.slice(0, 12).join(', ') : ''}`,
      ...(models.length === 0
        ? { next: 'The server lists no model: pull or load one (e.g. `ollama pull qwen2.5-coder:7b`).' }
        : hasModel
          ? {}
          : { next: `SMALLCODE_MODEL=${wanted} is not among the listed models; pick one of them.` }),
    });
  } else {
    const message = baseUrl
      ? `No model server answered at ${baseUrl} (${probe.tried[0]?.result ?? 'no answer'}).`
      : noServerMessage(probe.tried);
    checks.push({
      name: 'model server',
      ok: false,
      detail: message,
      next: baseUrl
        ? `Start the server behind ${baseUrl}, or fix SMALLCODE_BASE_URL.`
        : 'Start Ollama (`ollama serve`) or LM Studio, or set SMALLCODE_BASE_URL to your server\'s /v1 URL.',
    });
  }
  return { checks, config, models, baseUrl: probe.found?.url ?? baseUrl, ok: checks.every((c) => c.ok) };
}

export function renderDoctor(r: DoctorReport): string {
  const out: string[] = ['SmallCode doctor', ''];
  for (const c of r.checks) {
    out.push(`${c.ok ? '✔' : '✘'} ${c.name}: ${c.detail}`);
    if (c.next) out.push(`    next: ${c.next}`);
  }
  out.push('', 'Effective configuration (value ← source):');
  const width = Math.max(...r.config.map((c) => c.name.length));
  for (const c of r.config) out.push(`  ${c.name.padEnd(width)}  ${c.value}  ← ${c.source}`);
  out.push('', r.ok ? 'Everything looks good.' : `${r.checks.filter((c) => !c.ok).length} problem(s) found; see the "next:" lines above.`);
  return out.join('\n');
}
