import { describe, expect, it } from 'vitest';
import { extractFixture, referenceLine, symbolLine, symbolNamed } from './check-extraction.js';

describe('JavaScript extraction', () => {
  const file = extractFixture('javascript/router.js');

  it('extracts classes, private fields, methods, functions and module-level bindings', () => {
    expect(file.symbols.map(symbolLine)).toEqual([
      'constant express',
      'class Router exported',
      'field #routes in Router',
      'method add in Router exported',
      'method match in Router exported',
      'function createRouter exported',
      'constant VERSION exported',
      'variable legacyFlag',
    ]);
  });

  it('marks names listed in an export clause as exported', () => {
    expect(symbolNamed(file, 'createRouter').exported).toBe(true);
    expect(symbolNamed(file, 'legacyFlag').exported).toBe(false);
  });

  it('reads JSDoc and line-comment docs', () => {
    expect(symbolNamed(file, 'Router').doc).toBe('Matches request paths against registered routes.');
    expect(symbolNamed(file, 'add').doc).toBe('Registers a handler for a path pattern.');
    expect(symbolNamed(file, 'createRouter').doc).toBe('Creates a router with the default routes.');
    expect(symbolNamed(file, 'match').doc).toBeNull();
  });

  it('records require() and ES imports, heritage and calls', () => {
    const lines = file.references.map(referenceLine);
    expect(lines).toContain('import express from express <- express');
    expect(lines).toContain('import compile <- ./compile.js');
    expect(lines).toContain('heritage EventEmitter from Router');
    expect(lines).toContain('call compile from add');
    expect(lines).toContain('call emit from add');
    expect(lines).toContain('call Router from createRouter');
  });

  it('indexes what survives a syntax error', () => {
    const broken = extractFixture('javascript/broken.js');
    expect(broken.hasErrors).toBe(true);
    const names = broken.symbols.map((s) => s.name);
    expect(names).toContain('ok');
    expect(names).toContain('live');
    expect(broken.references.map(referenceLine)).toContain('call ok from live');
  });
});
