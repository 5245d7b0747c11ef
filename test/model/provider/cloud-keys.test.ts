/**
 * Key-host pinning: a cloud API key goes only to https on its own provider's host, never to a local,
 * LAN, look-alike or plain-http endpoint.
 */
import { describe, expect, it } from 'vitest';
import { apiKeyForBaseUrl, cloudProviderFor } from '../../../server/model/provider/cloud-keys.js';

const keys = { openaiApiKey: 'sk-openai', deepseekApiKey: 'sk-deepseek', anthropicApiKey: 'sk-ant' };

describe('apiKeyForBaseUrl', () => {
  it.each([
    ['https://api.openai.com/v1', 'sk-openai', 'openai'],
    ['https://API.OpenAI.com/v1/', 'sk-openai', 'openai'],
    ['https://api.deepseek.com/v1', 'sk-deepseek', 'deepseek'],
    ['https://api.deepseek.com', 'sk-deepseek', 'deepseek'],
    ['https://api.anthropic.com/v1/', 'sk-ant', 'anthropic'],
  ])('sends the matching key to its own host %s', (url, key, provider) => {
    expect(apiKeyForBaseUrl(url, keys)).toEqual({ apiKey: key, provider });
  });

  it.each([
    'http://localhost:11434/v1',
    'http://127.0.0.1:1234/v1',
    'http://192.168.1.20:8080/v1',
    'http://api.openai.com/v1', // plain http
    'https://api.openai.com.evil.example/v1',
    'https://evil.example/api.openai.com/v1',
    'https://api.openai.com@evil.example/v1',
    'https://user:pw@api.openai.com/v1',
    'https://api.openai.com:8443/v1',
    'https://openai.com/v1',
    'https://proxy.api.openai.com/v1',
    'https://my-llm-gateway.internal/v1',
    'not a url',
  ])('sends no key to %s', (url) => {
    expect(apiKeyForBaseUrl(url, keys).apiKey).toBeNull();
  });

  it('sends no key when the provider matches but no key is configured', () => {
    expect(apiKeyForBaseUrl('https://api.openai.com/v1', { deepseekApiKey: 'sk-d' })).toEqual({ apiKey: null, provider: 'openai' });
  });

  it('never hands one provider the key of another', () => {
    expect(apiKeyForBaseUrl('https://api.deepseek.com/v1', { openaiApiKey: 'sk-openai' }).apiKey).toBeNull();
    expect(cloudProviderFor('https://api.anthropic.com/v1/')?.id).toBe('anthropic');
  });
});
