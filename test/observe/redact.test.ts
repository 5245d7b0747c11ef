import { describe, expect, it } from 'vitest';
import { createRedactor, isSecretKey, redactText, redactValue, secretValues, REDACTED } from '../../server/observe/redact.js';

const CASES: Array<[string, string, string]> = [
  ['Anthropic key', 'key is sk-ant-api03-AbCdEf0123456789_xyz-more', `key is ${REDACTED}`],
  ['OpenAI project key', 'OPENAI sk-proj-abcdefghijklmnop1234567890', `OPENAI ${REDACTED}`],
  ['DeepSeek key', 'using sk-0123456789abcdef0123456789abcdef now', `using ${REDACTED} now`],
  ['GitHub token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok', `token ${REDACTED} ok`],
  ['GitHub fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', REDACTED],
  ['AWS access key id', 'aws AKIAIOSFODNN7EXAMPLE here', `aws ${REDACTED} here`],
  ['Google API key', 'AIzaSyA-1234567890abcdefghijklmnopqrstuv', REDACTED],
  ['Slack token', 'xoxb-1234567890-abcdefghij', REDACTED],
  ['JWT', 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', `jwt ${REDACTED}`],
  ['Bearer header', 'Authorization: Bearer abc.def-123_456', `Authorization: Bearer ${REDACTED}`],
  ['Basic header', 'authorization: Basic dXNlcjpwYXNzd29yZA==', `authorization: Basic ${REDACTED}`],
  ['URL password', 'git clone https://user:hunter2secret@github.com/x/y', `git clone https://user:${REDACTED}@github.com/x/y`],
  ['password= assignment', 'db password=hunter22 port=5432', `db password=${REDACTED} port=5432`],
  ['numeric password', 'password=123456', `password=${REDACTED}`],
  ['env-style assignment', 'export STRIPE_SECRET_KEY="rk_live_notreallyakey"', `export STRIPE_SECRET_KEY="${REDACTED}"`],
  ['JSON text', '{"api_key": "abcd1234efgh", "model": "qwen"}', `{"api_key": "${REDACTED}", "model": "qwen"}`],
  ['YAML', 'client_secret: s3cr3tvalue', `client_secret: ${REDACTED}`],
  ['private key block', 'a\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nb', `a\n${REDACTED}\nb`],
];

describe('redactText', () => {
  it.each(CASES)('%s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves ordinary code and prose alone', () => {
    for (const s of [
      'const token = getToken();',
      'function tokenize(input) { return input.split(" "); }',
      'tokens: 1234 prompt, 56 completion',
      'max_tokens=4096',
      'the password field must not be empty',
      'import { skip } from "./sk-utils"',
      'http://localhost:11434/v1',
      'interface Login { password: string; token?: Optional }',
      'export API_KEY=$OPENAI_API_KEY',
    ]) expect(redactText(s)).toBe(s);
  });

  it('removes exact configured values wherever they appear', () => {
    expect(redactText('local-key-value-123 in a URL?k=local-key-value-123', { secrets: ['local-key-value-123'] })).toBe(`${REDACTED} in a URL?k=${REDACTED}`);
    expect(redactText('short abc', { secrets: ['abc'] })).toBe('short abc');
  });
});

describe('redactValue', () => {
  it('redacts secret-named keys and strings deeply, keeps numbers and structure', () => {
    const input = {
      headers: { Authorization: 'Bearer xyz', 'x-api-key': 'abc', accept: 'json' },
      config: { openaiApiKey: 'whatever', model: 'm', db_password: 'p' },
      tokens: { prompt: 10, completion: 5 },
      messages: [{ role: 'user', content: 'my key is sk-ant-api03-abcdefghijklmnop' }],
      empty: { token: '' },
    };
    expect(redactValue(input)).toEqual({
      headers: { Authorization: REDACTED, 'x-api-key': REDACTED, accept: 'json' },
      config: { openaiApiKey: REDACTED, model: 'm', db_password: REDACTED },
      tokens: { prompt: 10, completion: 5 },
      messages: [{ role: 'user', content: `my key is ${REDACTED}` }],
      empty: { token: '' },
    });
    expect(input.headers.Authorization).toBe('Bearer xyz');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactValue(a)).toEqual({ name: 'a', self: '[circular or too deep]' });
  });

  it('knows secret keys from counts', () => {
    expect(isSecretKey('apiKey')).toBe(true);
    expect(isSecretKey('GITHUB_TOKEN')).toBe(true);
    expect(isSecretKey('tokens')).toBe(false);
    expect(isSecretKey('maxTokens')).toBe(false);
  });
});

describe('secretValues', () => {
  it('collects configured keys and secret environment values', () => {
    const values = secretValues({ anthropicApiKey: 'ant-value-1', openaiApiKey: null, deepseekApiKey: undefined }, { GITHUB_TOKEN: 'gh-value-2', HOME: '/root', SHORT_TOKEN: 'x' });
    expect(values).toEqual(['ant-value-1', 'gh-value-2']);
    const r = createRedactor({ secrets: values });
    expect(r.text('a gh-value-2 b')).toBe(`a ${REDACTED} b`);
    expect(r.value({ note: 'ant-value-1' })).toEqual({ note: REDACTED });
  });
});
