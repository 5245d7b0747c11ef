import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTIFICATIONS, REQUESTS } from '../../protocol-ext/index.js';
import { protocolBundle, protocolMarkdown } from '../../protocol-ext/reference.js';

const root = new URL('../../', import.meta.url);

describe('protocol reference', () => {
  it('committed protocol-ext/README.md and schema.json match the schemas (run `npm run protocol:docs`)', () => {
    const bundle = protocolBundle(REQUESTS, NOTIFICATIONS);
    expect(readFileSync(new URL('protocol-ext/schema.json', root), 'utf8')).toBe(JSON.stringify(bundle, null, 2) + '\n');
    expect(readFileSync(new URL('protocol-ext/README.md', root), 'utf8')).toBe(protocolMarkdown(bundle) + '\n');
  });

  it('declares each method once, all under smallcode/', () => {
    const methods = [...REQUESTS, ...NOTIFICATIONS].map((d) => d.method);
    expect(new Set(methods).size).toBe(methods.length);
    for (const m of methods) expect(m.startsWith('smallcode/')).toBe(true);
  });

  it('names the missing field when params are invalid', () => {
    const runTask = REQUESTS.find((r) => r.method === 'smallcode/runTask')!;
    const r = runTask.params.safeParse({ mode: 'apply' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['task']);
  });
});
