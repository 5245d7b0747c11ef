import { describe, expect, it } from 'vitest';
import { extractFixture, referenceLine, symbolLine, symbolNamed } from './check-extraction.js';

describe('Rust extraction', () => {
  const file = extractFixture('rust/shapes.rs');

  it('extracts items with impl blocks as containers and pub as the export flag', () => {
    expect(file.symbols.map(symbolLine)).toEqual([
      'constant MAX_SIDE exported',
      'variable COUNTER',
      'interface Shape exported',
      'method area in Shape exported',
      'class Rect exported',
      'field width in Rect exported',
      'field height in Rect',
      'enum Kind exported',
      'type Registry exported',
      'method new in Rect exported',
      'method is_square in Rect',
      'method area in Rect',
      'function approx_eq',
      'module tests',
      'function helper in tests',
    ]);
  });

  it('reads /// docs, also across #[derive] attributes, and ignores //! inner docs', () => {
    expect(symbolNamed(file, 'MAX_SIDE').doc).toBe('The largest supported side length.');
    expect(symbolNamed(file, 'Rect').doc).toBe('An axis-aligned rectangle.');
    expect(symbolNamed(file, 'area', 'Shape').doc).toBe('Area in square units.');
    expect(symbolNamed(file, 'new').doc).toBe('Builds a rectangle.');
    expect(symbolNamed(file, 'approx_eq').doc).toBeNull();
  });

  it('records use declarations, impl-trait heritage, supertraits, calls and macros', () => {
    const lines = file.references.map(referenceLine);
    expect(lines.filter((l) => l.startsWith('import'))).toEqual([
      'import fmt <- std',
      'import HashMap <- std::collections',
      'import Set <- std::collections',
      'import Meters <- crate::units',
    ]);
    expect(lines).toContain('heritage Shape from Rect');
    expect(lines).toContain('heritage Debug from Shape');
    expect(lines).toContain('call approx_eq from is_square');
    expect(lines).toContain('call println from approx_eq');
    expect(lines).toContain('call Rect from new');
  });

  it('keeps items around a syntax error', () => {
    const broken = extractFixture('rust/broken.rs');
    expect(broken.hasErrors).toBe(true);
    expect(broken.symbols.map((s) => s.name)).toEqual(['good', 'bad', 'later']);
    expect(broken.references.map(referenceLine)).toContain('call good from later');
  });
});
