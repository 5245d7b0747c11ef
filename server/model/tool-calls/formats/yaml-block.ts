/**
 * Reads YAML-shaped calls (```yaml fences, or `tool: read_file` / `arguments:` blocks in prose) with
 * the `yaml` package and hands the value to the JSON call reader. Never throws: a YAML error is data.
 */
import { parse as parseYaml } from 'yaml';

export type YamlResult = { ok: true; value: unknown } | { ok: false; error: string };

export function readYaml(text: string): YamlResult {
  if (text.length > 200_000) return { ok: false, error: 'YAML block too large' };
  try {
    return { ok: true, value: parseYaml(text, { strict: false, uniqueKeys: false, maxAliasCount: 10 }) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.split('\n')[0]! : 'invalid YAML' };
  }
}
