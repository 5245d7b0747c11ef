/**
 * The one helper every table case goes through: runs the engine on a case and compares with the
 * written-out expectation (full text, or refusal code + phrases the message must contain).
 */
import { expect } from 'vitest';
import {
  applySearchReplace,
  applyUnifiedDiff,
  checkWholeFileRewrite,
  type SearchReplaceOptions,
  type SearchReplaceResult,
} from '../../../../server/edit/search-replace/api.js';
import type { RefusalCode } from '../../../../server/edit/search-replace/types.js';

export type Lang = 'ts' | 'js' | 'py' | 'go' | 'rust' | 'json' | 'md' | 'css' | 'java' | 'c' | 'rb' | 'yaml' | 'html' | 'sh' | 'sql' | 'kt';

export type Expectation =
  | { text: string; strategy?: string; matches?: number }
  | { refuse: RefusalCode; mentions?: string[] };

export interface Case {
  name: string;
  lang: Lang;
  file: string;
  search: string;
  replace: string;
  options?: SearchReplaceOptions;
  /**
   * 'diff': `search` holds a unified diff; 'whole': `replace` is the new whole file checked against
   * `file`; 'whole-new': the same for a file that does not exist yet.
   */
  mode?: 'sr' | 'diff' | 'whole' | 'whole-new';
  expect: Expectation;
}

const EXT: Record<Lang, string> = {
  ts: 'ts',
  js: 'js',
  py: 'py',
  go: 'go',
  rust: 'rs',
  json: 'json',
  md: 'md',
  css: 'css',
  java: 'java',
  c: 'c',
  rb: 'rb',
  yaml: 'yaml',
  html: 'html',
  sh: 'sh',
  sql: 'sql',
  kt: 'kt',
};

export function isRefusal(c: Case): boolean {
  return 'refuse' in c.expect;
}

function run(c: Case): SearchReplaceResult {
  const options: SearchReplaceOptions = { path: `src/example.${EXT[c.lang]}`, ...c.options };
  if (c.mode === 'diff') return applyUnifiedDiff(c.file, c.search, options);
  if (c.mode === 'whole' || c.mode === 'whole-new') {
    const r = checkWholeFileRewrite(c.mode === 'whole' ? c.file : null, c.replace, options);
    return r.ok ? { ok: true, text: c.replace, strategy: 'whole-file' } : { ok: false, code: 'refused', error: r.error };
  }
  return applySearchReplace(c.file, c.search, c.replace, options);
}

export function check(c: Case): void {
  const r = run(c);
  if ('refuse' in c.expect) {
    expect(r.ok, `expected a refusal, got: ${r.ok ? r.text : ''}`).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(c.expect.refuse);
    expect(r).not.toHaveProperty('text');
    for (const phrase of c.expect.mentions ?? []) expect(r.error).toContain(phrase);
    return;
  }
  expect(r.ok, r.ok ? '' : `expected success, got ${r.code}: ${r.error}`).toBe(true);
  if (!r.ok) return;
  expect(r.text).toBe(c.expect.text);
  if (c.expect.strategy) expect(r.strategy).toBe(c.expect.strategy);
  if (c.expect.matches !== undefined) expect(r.matches).toBe(c.expect.matches);
}
