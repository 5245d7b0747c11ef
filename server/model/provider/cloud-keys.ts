/**
 * Picks the API key for a base URL: a cloud key is returned ONLY when the URL is https on that
 * provider's own host and default port, so a key never reaches localhost, a LAN box or a look-alike
 * host. Pure; it must never fall back to "any key we have".
 */

export interface CloudProvider {
  id: 'openai' | 'deepseek' | 'anthropic';
  host: string;
  /** Key in the resolved Config holding this provider's API key. */
  configKey: 'openaiApiKey' | 'deepseekApiKey' | 'anthropicApiKey';
  env: string;
  /** The OpenAI-compatible base URL to use for escalation. */
  baseUrl: string;
}

export const CLOUD_PROVIDERS: readonly CloudProvider[] = [
  { id: 'openai', host: 'api.openai.com', configKey: 'openaiApiKey', env: 'OPENAI_API_KEY', baseUrl: 'https://api.openai.com/v1' },
  { id: 'deepseek', host: 'api.deepseek.com', configKey: 'deepseekApiKey', env: 'DEEPSEEK_API_KEY', baseUrl: 'https://api.deepseek.com/v1' },
  { id: 'anthropic', host: 'api.anthropic.com', configKey: 'anthropicApiKey', env: 'ANTHROPIC_API_KEY', baseUrl: 'https://api.anthropic.com/v1/' },
];

export type CloudKeys = Partial<Record<CloudProvider['configKey'], string | null>>;

/** The cloud provider whose own host this URL is, or null (local, LAN, unknown, http, odd port). */
export function cloudProviderFor(baseUrl: string): CloudProvider | null {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch (err) {
    void err; // an unparsable URL is nobody's host
    return null;
  }
  if (u.protocol !== 'https:' || u.port !== '' || u.username !== '' || u.password !== '') return null;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  return CLOUD_PROVIDERS.find((p) => p.host === host) ?? null;
}

/** The key to send to `baseUrl`: that provider's key when the host is its own, otherwise null. */
export function apiKeyForBaseUrl(baseUrl: string, keys: CloudKeys): { apiKey: string | null; provider: CloudProvider['id'] | null } {
  const p = cloudProviderFor(baseUrl);
  if (!p) return { apiKey: null, provider: null };
  const key = keys[p.configKey];
  return { apiKey: typeof key === 'string' && key.length > 0 ? key : null, provider: p.id };
}
