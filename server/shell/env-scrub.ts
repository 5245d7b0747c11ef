/**
 * Decides which environment variables are secrets and builds the environment a shell session runs
 * with: secrets removed, pagers and interactive prompts switched off. Pure; no I/O.
 */

/** Provider keys the product itself reads: always removed. */
export const KNOWN_SECRET_VARIABLES: readonly string[] = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'DEEPSEEK_API_KEY'];

// A name is secret when one of its underscore-separated words says so (GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY,
// NPM_AUTH, DB_PASSWORD, SSH_PRIVATE_KEY). Whole words only, so KEYBOARD_LAYOUT or TOKENIZERS_PARALLELISM stay.
const SECRET_WORD = /(^|_)(API_?KEY|KEY|KEYS|TOKEN|TOKENS|SECRET|SECRETS|PASSWORD|PASSWD|PASS|CREDENTIALS?|AUTH|PRIVATE|SESSION_KEY|ACCESS_KEY)(_|$)/i;

// Variables that look secret by name but carry no secret and are needed by ordinary tools.
const NOT_SECRET = new Set(['SSH_AUTH_SOCK', 'GPG_AGENT_INFO', 'PWD', 'OLDPWD', 'TOKENIZERS_PARALLELISM']);

export function isSecretEnvName(name: string): boolean {
  if (NOT_SECRET.has(name)) return false;
  if (KNOWN_SECRET_VARIABLES.includes(name)) return true;
  return SECRET_WORD.test(name);
}

/** Settings that stop common tools from paging or prompting; a command can still override them. */
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = {
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  GIT_TERMINAL_PROMPT: '0',
  GIT_EDITOR: 'true',
  EDITOR: 'true',
  DEBIAN_FRONTEND: 'noninteractive',
  PIP_NO_INPUT: '1',
  NPM_CONFIG_YES: 'true',
  TERM: 'dumb',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

export interface ScrubResult {
  env: Record<string, string>;
  removed: string[];
}

/** The environment for a shell: `base` minus secrets (plus `extraSecretNames`), plus the non-interactive settings. */
export function scrubEnv(base: Readonly<Record<string, string | undefined>>, extraSecretNames: readonly string[] = []): ScrubResult {
  const env: Record<string, string> = {};
  const removed: string[] = [];
  const extra = new Set(extraSecretNames);
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (extra.has(name) || isSecretEnvName(name)) {
      removed.push(name);
      continue;
    }
    env[name] = value;
  }
  for (const [k, v] of Object.entries(NON_INTERACTIVE_ENV)) env[k] = v;
  return { env, removed: removed.sort() };
}
