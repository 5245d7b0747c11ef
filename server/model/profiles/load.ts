/**
 * Loads model profiles: the built-in YAML files shipped in the package, then the user's
 * (`~/.config/smallcode/profiles/`), then the workspace's (`.smallcode/profiles/`). A file whose id
 * exists already is merged over it (arrays replace); a new id adds a profile. Returns
 * `{items, diagnostics}` and never throws on one bad file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../../core/package-root.js';
import { ModelProfileSchema, type ModelProfile } from './schema.js';

export interface ProfileDiagnostic {
  file: string;
  message: string;
}

export interface LoadedProfiles {
  items: ModelProfile[];
  diagnostics: ProfileDiagnostic[];
  /** Which file last defined each profile id. */
  sources: Record<string, string>;
}

export interface LoadProfilesOptions {
  /** Defaults to the package's server/model/profiles/data. */
  builtinDir?: string;
  /** The workspace root; its `.smallcode/profiles/` is read last (highest precedence). */
  workspaceRoot?: string;
  /** Defaults to `$XDG_CONFIG_HOME/smallcode/profiles` or `~/.config/smallcode/profiles`; null skips it. */
  userDir?: string | null;
}

export function builtinProfilesDir(): string {
  return join(packageRoot(), 'server', 'model', 'profiles', 'data');
}

export function defaultUserProfilesDir(): string {
  const base = process.env.XDG_CONFIG_HOME && process.env.XDG_CONFIG_HOME.trim() !== '' ? process.env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'smallcode', 'profiles');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars replace; `null` in the override deletes the key. */
export function mergeProfileData(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = mergeProfileData(out[k] as Record<string, unknown>, v);
    else out[k] = v;
  }
  return out;
}

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

function readDir(dir: string, into: { raw: Map<string, Record<string, unknown>>; out: LoadedProfiles }): void {
  if (!existsSync(dir)) return;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (err) {
    into.out.diagnostics.push({ file: dir, message: `cannot list the folder: ${err instanceof Error ? err.message : String(err)}` });
    return;
  }
  for (const n of names) {
    const file = join(dir, n);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      into.out.diagnostics.push({ file, message: `not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
      continue;
    }
    if (!isPlainObject(data) || typeof data.id !== 'string') {
      into.out.diagnostics.push({ file, message: 'a profile needs an `id` (and, for a new profile, name, contextWindow, toolCallStyle, temperature)' });
      continue;
    }
    const previous = into.raw.get(data.id);
    const merged = previous ? mergeProfileData(previous, data) : data;
    const parsed = ModelProfileSchema.safeParse(merged);
    if (!parsed.success) {
      into.out.diagnostics.push({ file, message: `${previous ? `override of "${data.id}"` : `profile "${data.id}"`} is invalid: ${formatIssues(parsed.error.issues)}` });
      continue;
    }
    into.raw.set(data.id, merged);
    const i = into.out.items.findIndex((p) => p.id === data.id);
    if (i >= 0) into.out.items[i] = parsed.data;
    else into.out.items.push(parsed.data);
    into.out.sources[data.id] = file;
  }
}

export function loadProfiles(opts: LoadProfilesOptions = {}): LoadedProfiles {
  const out: LoadedProfiles = { items: [], diagnostics: [], sources: {} };
  const state = { raw: new Map<string, Record<string, unknown>>(), out };
  readDir(opts.builtinDir ?? builtinProfilesDir(), state);
  const userDir = opts.userDir === undefined ? defaultUserProfilesDir() : opts.userDir;
  if (userDir) readDir(userDir, state);
  if (opts.workspaceRoot) readDir(join(opts.workspaceRoot, '.smallcode', 'profiles'), state);
  return out;
}

let builtinCache: LoadedProfiles | undefined;

/** The shipped profiles only, loaded once. */
export function builtinProfiles(): LoadedProfiles {
  return (builtinCache ??= loadProfiles({ userDir: null }));
}
