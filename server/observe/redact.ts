/**
 * Removes secrets from text and JSON before it is written to traces and logs or leaves the machine:
 * provider keys (sk-…, sk-ant-…), GitHub/AWS/Google/Slack/npm/Hugging Face tokens, JWTs, Bearer and
 * Basic credentials, private-key blocks, URL passwords, `password=`-style assignments, values of
 * secret-named JSON keys, and the exact values of configured keys. Pure; no I/O.
 */
import { isSecretEnvName } from '../shell/env-scrub.js';

export const REDACTED = '[REDACTED]';

export interface RedactOptions {
  /** Exact values to remove wherever they appear (configured API keys, secret env values). Values under 6 characters are ignored. */
  secrets?: readonly string[];
}

// Token shapes with a recognisable prefix: replaced whole.
const TOKEN_PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}/g,
  /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bhf_[A-Za-z0-9]{30,}/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

// Context patterns: keep the label, replace the value.
const BEARER = /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{8,}/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)([^@\s/]+)@/gi;
const SECRET_WORD = '(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?token)';
// name = value / name: value / "name": "value"; a value followed by "(" is code (getToken()), not a secret.
const ASSIGNMENT = new RegExp(
  `(["']?)\\b([A-Za-z0-9_.-]*${SECRET_WORD}[A-Za-z0-9_.-]*)\\1(\\s*[:=]\\s*)(["']?)([^\\s"'&,;{}()\\[\\]<>]{4,})(?![^\\s"'&,;{}()\\[\\]<>]|\\()\\4`,
  'gi',
);

// Unquoted words that are type annotations or placeholders in code (`password: string`), not secrets.
const NOT_A_VALUE = /^(string|number|boolean|bool|str|int|float|bytes|null|none|nil|undefined|true|false|any|unknown|optional|required|secret|password|token|\$\{?\w+\}?|<[^>]*>|\*+|x+)$/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redactText(text: string, opts: RedactOptions = {}): string {
  let s = text;
  const exact = [...new Set((opts.secrets ?? []).filter((v) => typeof v === 'string' && v.length >= 6))].sort((a, b) => b.length - a.length);
  if (exact.length) s = s.replace(new RegExp(exact.map(escapeRegExp).join('|'), 'g'), REDACTED);
  for (const re of TOKEN_PATTERNS) s = s.replace(re, REDACTED);
  s = s.replace(BEARER, `$1$2${REDACTED}`);
  s = s.replace(URL_PASSWORD, `$1${REDACTED}@`);
  s = s.replace(ASSIGNMENT, (m, q1: string, name: string, sep: string, q2: string, value: string) =>
    // Numbers after "tokens"/"max_tokens" are counts, not secrets; a numeric password or PIN still goes.
    value.startsWith('[REDACTED') || (/^\d+$/.test(value) && !/pass|pwd|pin/i.test(name)) || (!q2 && NOT_A_VALUE.test(value))
      ? m
      : `${q1}${name}${q1}${sep}${q2}${REDACTED}${q2}`,
  );
  return s;
}

const SECRET_KEY_ENDINGS = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'privatekey', 'authorization', 'cookie', 'setcookie', 'credential', 'credentials', 'sessionkey'];

/** True for JSON keys whose string value is a secret (apiKey, Authorization, db_password, x-api-key); counts like `tokens` are not. */
export function isSecretKey(key: string): boolean {
  const norm = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_ENDINGS.some((e) => norm.endsWith(e));
}

/** A deep copy of `value` with secrets removed from every string and from secret-named keys' string values. */
export function redactValue<T>(value: T, opts: RedactOptions = {}): T {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redactText(v, opts);
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v) || depth > 64) return '[circular or too deep]';
    seen.add(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      out[k] = typeof x === 'string' && x !== '' && isSecretKey(k) ? REDACTED : walk(x, depth + 1);
    }
    seen.delete(v);
    return out;
  };
  return walk(value, 0) as T;
}

/** The exact secret values to redact: configured provider keys plus values of secret-named environment variables. */
export function secretValues(
  config: { anthropicApiKey?: string | null; openaiApiKey?: string | null; deepseekApiKey?: string | null },
  env: Readonly<Record<string, string | undefined>> = {},
): string[] {
  const out = [config.anthropicApiKey, config.openaiApiKey, config.deepseekApiKey].filter((v): v is string => typeof v === 'string' && v.length > 0);
  for (const [name, value] of Object.entries(env)) if (value && value.length >= 6 && isSecretEnvName(name)) out.push(value);
  return [...new Set(out)];
}

/** A redactor bound to one set of secret values (build once per task). */
export function createRedactor(opts: RedactOptions = {}): { text: (s: string) => string; value: <T>(v: T) => T } {
  return { text: (s) => redactText(s, opts), value: (v) => redactValue(v, opts) };
}
