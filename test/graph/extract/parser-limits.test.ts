import { describe, expect, it } from 'vitest';
import { extractSource } from '../../../server/graph/extract/extract-file.js';
import { languageForPath } from '../../../server/graph/extract/languages.js';
import { querySource } from '../../../server/graph/extract/query-loader.js';

describe('tree-sitter 0.25 binding behaviour the extractor relies on', () => {
  it('parses a plain string far over 32 KiB (the 0.21 limit is gone)', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `export function f${i}(): number { return ${i}; }`).join('\n');
    expect(text.length).toBeGreaterThan(32 * 1024 * 20);
    const r = extractSource('typescript', text);
    expect(r.symbols).toHaveLength(20_000);
    expect(r.symbols[19_999]!.name).toBe('f19999');
    expect(r.hasErrors).toBe(false);
  });

  it('reports columns in UTF-16 code units after non-ASCII and astral characters', () => {
    const text = 'const s = "日本😀"; export function after() {}\n';
    const r = extractSource('typescript', text);
    const fn = r.symbols.find((s) => s.name === 'after')!;
    expect(fn.range.startCol).toBe(text.indexOf('function after'));
  });

  it('maps extensions to languages and ignores unknown ones', () => {
    expect(languageForPath('a/b.tsx')).toBe('tsx');
    expect(languageForPath('a/b.mjs')).toBe('javascript');
    expect(languageForPath('a/b.pyi')).toBe('python');
    expect(languageForPath('a/b.md')).toBeNull();
    expect(languageForPath('a/.gitignore')).toBeNull();
  });

  it('resolves `; inherits:` so tsx gets the TypeScript patterns', () => {
    const src = querySource('tsx');
    expect(src).toContain('(interface_declaration');
    expect(src).toContain('jsx_self_closing_element');
  });
});
