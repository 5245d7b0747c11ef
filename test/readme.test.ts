/** The README stays true: every configuration variable is documented, and CI runs its test command. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../server/config/variables.js';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README', () => {
  it('documents every configuration variable with its default', () => {
    const missing = VARIABLES.filter((v) => !readme.includes(`| \`${v.env}\` |`)).map((v) => v.env);
    expect(missing).toEqual([]);
  });

  it('has the quick start commands and CI runs the same test command', () => {
    expect(readme).toContain('npm ci');
    expect(readme).toContain('npm test');
    expect(readme).toContain('npx smallcode-lsp --stdio');
    expect(readFileSync(new URL('.ci/run', root), 'utf8')).toMatch(/^npm test$/m);
  });

  it('links the architecture document and the protocol reference', () => {
    expect(readme).toContain('docs/architecture.md');
    expect(readme).toContain('protocol-ext/README.md');
  });
});
