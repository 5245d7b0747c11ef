/**
 * Keeps the model layer's README invariants true: the files it calls pure import no `node:*`, no
 * SDK and no HTTP helper, and nothing in provider/, profiles/ or prompt-fn/ imports the LSP,
 * the agent or protocol-ext.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const PURE = [
  'server/model/thinking.ts',
  'server/model/structured-output.ts',
  'server/model/profiles/match.ts',
  'server/model/profiles/schema.ts',
  'server/model/provider/stream-assembler.ts',
  'server/model/provider/context-overflow.ts',
  'server/model/provider/retry-policy.ts',
  'server/model/provider/failure.ts',
  'server/model/provider/cloud-keys.ts',
  'server/model/prompt-fn/json-extract.ts',
  'server/model/prompt-fn/stats.ts',
];

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('model layer invariants', () => {
  it.each(PURE)('%s imports no node:*, SDK or HTTP helper', (file) => {
    const bad = imports(file).filter((s) => s.startsWith('node:') || s === 'openai' || s.includes('http-json') || s.includes('normalizing-fetch') || s.includes('/load.js'));
    expect(bad).toEqual([]);
  });

  it('provider/, profiles/ and prompt-fn/ never import lsp, agent or protocol-ext', () => {
    const bad: string[] = [];
    for (const dir of ['server/model/provider', 'server/model/profiles', 'server/model/prompt-fn']) {
      for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.ts'))) {
        for (const s of imports(`${dir}/${f}`)) if (/\/(lsp|agent)\/|protocol-ext/.test(s)) bad.push(`${dir}/${f} -> ${s}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
