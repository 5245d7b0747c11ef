/**
 * Every configuration variable of the product, declared once: its environment name, its key in
 * the resolved config, how a raw value is read, its default and a line of documentation.
 * Pure data + pure parsing; no I/O here.
 */
import { z } from 'zod';

export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

interface VarSpec<T, K extends string = string> {
  env: string;
  key: K;
  default: T;
  doc: string;
  expected: string;
  parse: (raw: unknown) => Parsed<T>;
  secret?: boolean;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

function bool<K extends string>(env: string, key: K, def: boolean, doc: string): VarSpec<boolean, K> {
  return {
    env, key, default: def, doc, expected: 'true or false',
    parse(raw) {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (typeof raw === 'string' && TRUE.has(raw.trim().toLowerCase())) return { ok: true, value: true };
      if (typeof raw === 'string' && FALSE.has(raw.trim().toLowerCase())) return { ok: true, value: false };
      return { ok: false, expected: 'true or false' };
    },
  };
}

function int<K extends string, D extends number | null>(env: string, key: K, def: D, doc: string, min = 0, max = Number.MAX_SAFE_INTEGER): VarSpec<D extends number ? number : number | null, K> {
  type T = D extends number ? number : number | null;
  const expected = `a whole number between ${min} and ${max}`;
  return {
    env, key, default: def as unknown as T, doc, expected,
    parse(raw) {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) return { ok: false, expected };
      return { ok: true, value: n as T };
    },
  };
}

function str<K extends string>(env: string, key: K, doc: string, secret = false): VarSpec<string | null, K> {
  return {
    env, key, default: null, doc, expected: 'a non-empty string', secret,
    parse(raw) {
      if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, expected: 'a non-empty string' };
      return { ok: true, value: raw.trim() };
    },
  };
}

function url<K extends string>(env: string, key: K, doc: string): VarSpec<string | null, K> {
  const expected = 'an http(s) URL such as http://localhost:11434/v1';
  return {
    env, key, default: null, doc, expected,
    parse(raw) {
      if (typeof raw !== 'string') return { ok: false, expected };
      const r = z.url({ protocol: /^https?$/ }).safeParse(raw.trim());
      if (!r.success) return { ok: false, expected };
      return { ok: true, value: raw.trim().replace(/\/+$/, '') };
    },
  };
}

export const VARIABLES = [
  str('SMALLCODE_MODEL', 'model', 'Model name as the server lists it (e.g. qwen2.5-coder:14b). Unset: the first model the server lists.'),
  url('SMALLCODE_BASE_URL', 'baseUrl', 'OpenAI-compatible endpoint. Unset: auto-detect Ollama :11434, LM Studio :1234, llama.cpp :8080, vLLM :8000 on localhost.'),
  str('SMALLCODE_MODEL_MEDIUM', 'modelMedium', 'Model a task is routed to when the default model fails more than 30% of the time.'),
  str('SMALLCODE_MODEL_STRONG', 'modelStrong', 'Model a task is routed to when the failure rate is above 60%.'),
  str('ANTHROPIC_API_KEY', 'anthropicApiKey', 'Opt-in cloud escalation through Anthropic (sent only to api.anthropic.com).', true),
  str('OPENAI_API_KEY', 'openaiApiKey', 'Opt-in cloud escalation through OpenAI (sent only to api.openai.com).', true),
  str('DEEPSEEK_API_KEY', 'deepseekApiKey', 'Opt-in cloud escalation through DeepSeek (sent only to api.deepseek.com).', true),
  int('SMALLCODE_THINKING_BUDGET', 'thinkingBudget', 2000, 'Tokens of reasoning text kept in history; older reasoning is dropped.', 0, 1_000_000),
  bool('SMALLCODE_THINKING_DISABLE', 'thinkingDisable', false, 'Switch thinking off where the model family has a switch (/no_think, enable_thinking, reasoning_effort).'),
  bool('SMALLCODE_SHELL_PERSIST', 'shellPersist', true, 'One persistent shell per task: cwd and environment survive between bash calls.'),
  int('SMALLCODE_BASH_TIMEOUT', 'bashTimeout', 120, 'Seconds before a shell command is killed (the shell itself survives).', 1, 86_400),
  bool('SMALLCODE_WRITE_GUARD', 'writeGuard', true, 'Refuse the first write to a file the agent has not read in this task.'),
  bool('SMALLCODE_SNAPSHOT', 'snapshot', true, 'Snapshot touched files before each turn so smallcode/rollback can restore them.'),
  bool('SMALLCODE_AUTO_ROLLBACK', 'autoRollback', false, "Revert a turn's edits when validation (build/tests) hard-fails."),
  bool('SMALLCODE_PLAN', 'plan', false, 'Always plan-then-execute (otherwise a heuristic decides).'),
  str('SMALLCODE_TEST_RUNNER', 'testRunner', 'Test command to validate with (otherwise detected: npm test, pytest, go test, cargo test, ...).'),
  bool('SMALLCODE_TEST_DISABLE', 'testDisable', false, 'Do not inject or run the test command.'),
  bool('SMALLCODE_WEB_BROWSE', 'webBrowse', false, 'Offer the web_search and web_fetch tools.'),
  url('SMALLCODE_SEARCH_URL', 'searchUrl', 'SearXNG-compatible search endpoint for web_search (e.g. http://localhost:8888); queried as <url>/search?format=json. Unset: web_search says no endpoint is configured.'),
  bool('SMALLCODE_TEMP_ADAPT', 'tempAdapt', true, 'Retry failed edits at a higher temperature so attempts vary.'),
  bool('SMALLCODE_TRUST_DECAY', 'trustDecay', true, 'Per-tool trust falls with failures and raises verification.'),
  int('SMALLCODE_CONTEXT_WINDOW', 'contextWindow', null, 'Context window in tokens when neither the server nor the profile tells it.', 512, 10_000_000),
  int('SMALLCODE_MAX_TOOL_RESULT_CHARS', 'maxToolResultChars', 4000, 'Tool results longer than this are cut to head + tail with a marker.', 200, 10_000_000),
  int('SMALLCODE_MODEL_TIMEOUT', 'modelTimeout', 120, 'Seconds before one model request times out.', 1, 86_400),
  bool('SMALLCODE_ESCALATE_AUTO', 'escalateAuto', false, 'Escalate a failed task to the cloud without asking first (only with an API key; capped per session).'),
  bool('SMALLCODE_AUTO_APPROVE', 'autoApprove', false, 'Run writes and shell commands without asking (the CLI flag --yes).'),
] as const satisfies readonly VarSpec<unknown>[];

export type VariableSpec = (typeof VARIABLES)[number];
type ValueOf<S> = S extends VarSpec<infer T, string> ? T : never;
export type Config = { [S in VariableSpec as S['key']]: ValueOf<S> };
export type ConfigKey = keyof Config;

export const VARIABLE_BY_ENV: ReadonlyMap<string, VariableSpec> = new Map(VARIABLES.map((v) => [v.env, v]));
export const VARIABLE_BY_KEY: ReadonlyMap<string, VariableSpec> = new Map(VARIABLES.map((v) => [v.key, v]));

export function defaultConfig(): Config {
  return Object.fromEntries(VARIABLES.map((v) => [v.key, v.default])) as Config;
}
