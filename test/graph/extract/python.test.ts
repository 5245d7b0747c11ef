import { describe, expect, it } from 'vitest';
import { extractFixture, referenceLine, symbolLine, symbolNamed } from './check-extraction.js';

describe('Python extraction', () => {
  const file = extractFixture('python/inventory.py');

  it('extracts classes, methods (functions inside classes), functions and module-level assignments', () => {
    expect(file.symbols.map(symbolLine)).toEqual([
      'constant MAX_ITEMS exported',
      'variable _cache',
      'class Inventory exported',
      'method __init__ in Inventory',
      'method add in Inventory exported',
      'method _private in Inventory',
      'function find_item exported',
    ]);
    expect(file.symbols.map((s) => s.name)).not.toContain('nested');
  });

  it('prefers docstrings (dedented) and falls back to # comment blocks', () => {
    expect(symbolNamed(file, 'Inventory').doc).toBe('Tracks items across warehouses.\n\nItems are keyed by SKU.');
    expect(symbolNamed(file, 'add').doc).toBe('Add one item.');
    expect(symbolNamed(file, '__init__').doc).toBeNull();
    // find_item's comment is inside the body, so it is not a doc
    expect(symbolNamed(file, 'find_item').doc).toBeNull();
  });

  it('uses the def line (not the decorator) as signature', () => {
    expect(symbolNamed(file, 'add').signature).toBe('def add(item: Item) -> int:');
    expect(symbolNamed(file, 'add').range.startLine).toBe(22);
  });

  it('records imports with modules, heritage, decorators and calls', () => {
    const lines = file.references.map(referenceLine);
    expect(lines.filter((l) => l.startsWith('import'))).toEqual([
      'import os <- os',
      'import cabc <- collections.abc',
      'import Optional <- typing',
      'import List <- typing',
      'import Item <- .models',
      'import WH <- .models',
    ]);
    expect(lines).toContain('heritage Base from Inventory');
    expect(lines).toContain('heritage Serializable from Inventory');
    expect(lines).toContain('call staticmethod from Inventory');
    expect(lines).toContain('call validate from add');
    expect(lines).toContain('call nested from _private');
    expect(lines).toContain('type Optional from find_item');
    expect(lines).toContain('type WH from __init__');
  });

  it('indexes the part before a syntax error and flags the file', () => {
    const broken = extractFixture('python/broken.py');
    expect(broken.hasErrors).toBe(true);
    expect(symbolNamed(broken, 'fine').doc).toBe('Still indexed.');
    expect(broken.references.map(referenceLine)).toContain('call fine');
  });
});
