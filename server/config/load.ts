/**
 * Reads the configuration files of a workspace (smallcode.toml, .env) and the process environment
 * into layers for resolve.ts. A malformed file becomes a problem, never an exception.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseDotenv } from 'dotenv';
import { errorMessage } from '../core/errors.js';
import { VARIABLE_BY_ENV } from './variables.js';
import { flattenClientSettings, resolveConfig, type ConfigLayer, type ConfigProblem, type ResolvedConfig } from './resolve.js';

export interface LoadConfigOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
  clientSettings?: unknown;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/** smallcode.toml keys may be flat or under a [smallcode] table; values of any TOML type. */
function tomlLayer(cwd: string, problems: ConfigProblem[]): ConfigLayer | undefined {
  const path = join(cwd, 'smallcode.toml');
  let text: string | undefined;
  try {
    text = readOptional(path);
  } catch (err) {
    problems.push({ name: 'smallcode.toml', source: 'smallcode.toml', value: path, message: `cannot read ${path}: ${errorMessage(err)}` });
    return undefined;
  }
  if (text === undefined) return undefined;
  try {
    const parsed = parseToml(text) as Record<string, unknown>;
    return { source: 'smallcode.toml', values: flattenClientSettings(parsed), reportUnknown: true };
  } catch (err) {
    problems.push({ name: 'smallcode.toml', source: 'smallcode.toml', value: path, message: `smallcode.toml is not valid TOML: ${errorMessage(err).split('\n')[0]}. Fix the file or delete it.` });
    return undefined;
  }
}

function dotenvLayer(cwd: string, problems: ConfigProblem[]): ConfigLayer | undefined {
  const path = join(cwd, '.env');
  try {
    const text = readOptional(path);
    if (text === undefined) return undefined;
    const all = parseDotenv(text);
    // A project's .env holds its own variables too; only ours (and the escalation keys) count.
    return { source: '.env', values: all, reportUnknown: false };
  } catch (err) {
    problems.push({ name: '.env', source: '.env', value: path, message: `cannot read ${path}: ${errorMessage(err)}` });
    return undefined;
  }
}

export function loadConfig(opts: LoadConfigOptions): ResolvedConfig {
  const problems: ConfigProblem[] = [];
  const layers: ConfigLayer[] = [];
  const toml = tomlLayer(opts.cwd, problems);
  if (toml) layers.push(toml);
  const dotenv = dotenvLayer(opts.cwd, problems);
  if (dotenv) layers.push(dotenv);
  layers.push({ source: 'environment', values: { ...(opts.env ?? process.env) }, reportUnknown: false });
  if (opts.initializationOptions !== undefined) {
    layers.push({ source: 'initializationOptions', values: flattenClientSettings(opts.initializationOptions), reportUnknown: true });
  }
  if (opts.clientSettings !== undefined) {
    layers.push({ source: 'workspace/configuration', values: flattenClientSettings(opts.clientSettings), reportUnknown: true });
  }
  const resolved = resolveConfig(layers);
  // Unknown SMALLCODE_* names in the environment are likely typos of ours.
  for (const name of Object.keys(opts.env ?? process.env)) {
    if (name.startsWith('SMALLCODE_') && !isKnownEnv(name)) {
      resolved.problems.push({ name, source: 'environment', value: '', message: `unknown variable ${name} in the environment; see the README's configuration reference` });
    }
  }
  resolved.problems.unshift(...problems);
  return resolved;
}

function isKnownEnv(name: string): boolean {
  return VARIABLE_BY_ENV.has(name) || name === 'SMALLCODE_PROFILE' || name === 'SMALLCODE_HOME';
}
