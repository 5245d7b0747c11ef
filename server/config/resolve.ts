/**
 * Merges configuration layers (lowest to highest precedence) into one validated Config, recording
 * where each value came from and every bad value with its name, source and what was expected.
 * Pure: layers arrive as plain objects; reading files is in load.ts.
 */
import { defaultConfig, VARIABLE_BY_ENV, VARIABLE_BY_KEY, type Config, type ConfigKey, type VariableSpec } from './variables.js';

export type ConfigSourceName = 'default' | 'smallcode.toml' | '.env' | 'environment' | 'initializationOptions' | 'workspace/configuration';

export interface ConfigLayer {
  source: ConfigSourceName;
  /** Keys may be env names (SMALLCODE_MODEL) or config keys (model). */
  values: Record<string, unknown>;
  /** Unknown keys are reported for files the user wrote for us; the process environment holds many unrelated variables. */
  reportUnknown: boolean;
}

export interface ConfigProblem {
  name: string;
  source: ConfigSourceName;
  value: string;
  message: string;
}

export interface ResolvedConfig {
  config: Config;
  sources: Record<ConfigKey, ConfigSourceName>;
  problems: ConfigProblem[];
}

function lookup(name: string): VariableSpec | undefined {
  return VARIABLE_BY_ENV.get(name) ?? VARIABLE_BY_KEY.get(name) ?? VARIABLE_BY_ENV.get(name.toUpperCase());
}

function shown(spec: VariableSpec | undefined, raw: unknown): string {
  if (spec && 'secret' in spec && spec.secret) return '<redacted>';
  const s = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return s === undefined ? String(raw) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}

export function resolveConfig(layers: readonly ConfigLayer[]): ResolvedConfig {
  const config = defaultConfig() as Record<string, unknown>;
  const sources = Object.fromEntries(Object.keys(config).map((k) => [k, 'default'])) as Record<ConfigKey, ConfigSourceName>;
  const problems: ConfigProblem[] = [];

  for (const layer of layers) {
    for (const [name, raw] of Object.entries(layer.values)) {
      const spec = lookup(name);
      if (!spec) {
        if (layer.reportUnknown) {
          problems.push({ name, source: layer.source, value: shown(undefined, raw), message: `unknown setting "${name}"; known settings: ${[...VARIABLE_BY_ENV.keys()].join(', ')}` });
        }
        continue;
      }
      // An empty environment variable means "unset", as shells commonly export them.
      if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '' && layer.source !== 'smallcode.toml')) continue;
      const parsed = spec.parse(raw);
      if (!parsed.ok) {
        problems.push({
          name: spec.env,
          source: layer.source,
          value: shown(spec, raw),
          message: `${spec.env}=${shown(spec, raw)} (from ${layer.source}) is invalid: expected ${parsed.expected}. Using ${shown(spec, config[spec.key]) ?? 'the default'} instead.`,
        });
        continue;
      }
      config[spec.key] = parsed.value;
      sources[spec.key as ConfigKey] = layer.source;
    }
  }
  return { config: config as Config, sources, problems };
}

/** Flattens `{smallcode: {...}}` or `{SMALLCODE_MODEL: ...}` shaped client settings into one record. */
export function flattenClientSettings(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const obj = value as Record<string, unknown>;
  const nested = obj['smallcode'];
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) return { ...(nested as Record<string, unknown>) };
  return { ...obj };
}
