import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../server/graph/extract/extract-file.js';
import { packFile, packResult, transferList, unpackFile, unpackResult } from '../../../server/graph/indexer/packed-file.js';
import type { ExtractedFile } from '../../../server/graph/types.js';
import { fixturePath } from '../extract/check-extraction.js';

const FIXTURES = ['typescript/broken.ts', 'tsx/button.tsx', 'javascript/router.js', 'python/inventory.py', 'go/server.go', 'rust/shapes.rs'];

describe('packed worker results', () => {
  it.each(FIXTURES)('round-trips the extraction of %s exactly', (rel) => {
    const file = extractFile({ path: rel, text: readFileSync(fixturePath(rel), 'utf8') });
    expect(file.symbols.length + file.references.length).toBeGreaterThan(0);
    expect(unpackFile(packFile(file))).toEqual(file);
  });

  it('keeps null, empty and absent fields apart (null doc/container/fromSymbol, empty signature, no module vs empty module)', () => {
    const file: ExtractedFile = {
      path: 'a.ts', language: 'typescript', hash: 'h', mtimeMs: 1.5, lines: 3, hasErrors: true,
      symbols: [
        { name: 'a', kind: 'field', range: { startLine: 0, startCol: 1, endLine: 2, endCol: 3 }, container: null, signature: '', doc: null, exported: false },
        { name: 'a', kind: 'method', range: { startLine: 4, startCol: 0, endLine: 4, endCol: 9 }, container: 'A', signature: 'a()', doc: '', exported: true },
      ],
      references: [
        { name: 'x', kind: 'import', range: { startLine: 0, startCol: 0, endLine: 0, endCol: 1 }, fromSymbol: null, module: '' },
        { name: 'y', kind: 'call', range: { startLine: 1, startCol: 0, endLine: 1, endCol: 1 }, fromSymbol: 'a' },
      ],
    };
    const back = unpackFile(packFile(file));
    expect(back).toEqual(file);
    expect('module' in back.references[1]!).toBe(false);
    expect(back.references[0]!.module).toBe('');
  });

  it('stores each distinct string once per file', () => {
    const file = extractFile({ path: 'x.ts', text: 'function f() { g(); g(); g(); }\nfunction h() { g(); }\n' });
    const packed = packFile(file);
    expect(packed.strings.filter((s) => s === 'g')).toHaveLength(1);
    expect(file.references.filter((r) => r.name === 'g')).toHaveLength(4);
  });

  it('passes skipped and unchanged results through and transfers only parsed files\' buffers', () => {
    const parsed = packResult({ status: 'parsed', file: extractFile({ path: 'x.ts', text: 'export const a = b();\n' }) });
    const skipped = packResult({ status: 'skipped', path: 'y.ts', reason: 'binary' });
    const unchanged = packResult({ status: 'unchanged', path: 'z.ts', mtimeMs: 2 });
    expect(unpackResult(skipped)).toEqual({ status: 'skipped', path: 'y.ts', reason: 'binary' });
    expect(unpackResult(unchanged)).toEqual({ status: 'unchanged', path: 'z.ts', mtimeMs: 2 });
    expect(transferList([parsed, skipped, unchanged])).toHaveLength(2);
  });
});
