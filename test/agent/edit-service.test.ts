import { describe, expect, it } from 'vitest';
import { candidateText, droppedDefinitions, looksCutOff } from '../../server/agent/edit-service.js';

const FILE = 'export function add(a, b) {\n    return a - b;\n}\n\nexport function mul(a, b) {\n  return a * b;\n}\n';

describe('looksCutOff', () => {
  it('refuses a rewrite that stops inside a function', () => {
    expect(looksCutOff('src/math.js', FILE, 'export function add(a, b) {\n    return a + b;\n}\n\nexport function mul(a, b) {\n  ret\n')).toMatch(/1 more bracket open/);
  });
  it('accepts complete rewrites, shorter ones included, and files without brackets', () => {
    expect(looksCutOff('src/math.js', FILE, FILE.replace('a - b', 'a + b'))).toBeNull();
    expect(looksCutOff('src/math.js', FILE, 'export const add = (a, b) => a + b;\n')).toBeNull();
    expect(looksCutOff('notes.md', '# a\n', '# b (\n')).toBeNull();
  });
  it('does not blame a file that was already unbalanced for staying so', () => {
    const broken = 'function f() {\n';
    expect(looksCutOff('a.ts', broken, 'function g() {\n')).toBeNull();
  });
});

describe('candidateText', () => {
  it('quotes the exact lines of the closest candidate the engine named', () => {
    const out = candidateText(FILE, 'No exact match...\nClosest candidate: lines 1-3 (84% similar):\n  search line 1: ...');
    expect(out).toBe('\nLines 1-3 exactly as they are now (copy your search from here):\n```\nexport function add(a, b) {\n    return a - b;\n}\n```');
  });
  it('adds nothing when the engine named no candidate and no search line occurs in the file', () => {
    expect(candidateText(FILE, 'No match for the search text: none of its lines occur in the file', 'function divide(a, b) {')).toBe('');
  });

  it('quotes the neighbourhood of a search line the file has when the engine named no candidate', () => {
    const out = candidateText(FILE, 'No match for the search text: some of its lines occur in the file', 'export function mul(a, b) {\n  return a * c * d;\n  // more\n}');
    expect(out).toBe('\nLines 2-8 exactly as they are now (copy your search from here):\n```\n    return a - b;\n}\n\nexport function mul(a, b) {\n  return a * b;\n}\n\n```');
  });
  it('caps a long candidate at 40 lines', () => {
    const long = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
    const out = candidateText(long, 'Closest candidate: lines 5-90 (70% similar):');
    expect(out).toContain('Lines 5-44 exactly');
    expect(out).not.toContain('line 45');
  });
});

describe('droppedDefinitions', () => {
  const MODULE = 'export function a() {}\nexport function b() {}\nfunction c() {}\nexport class D {}\n';
  it('names the definitions a rewrite of only one function leaves out', () => {
    expect(droppedDefinitions(MODULE, 'export function a() { return 1; }\n')).toEqual(['b', 'c', 'D']);
    expect(droppedDefinitions('def load(p):\n    pass\n\ndef save(p):\n    pass\n\nclass Store:\n    pass\n', 'def load(p):\n    return 1\n')).toEqual(['save', 'Store']);
  });

  it('lets a rewrite that keeps every definition, or removes one of several, through', () => {
    expect(droppedDefinitions(MODULE, MODULE.replace('{}', '{ return 2; }'))).toBeNull();
    expect(droppedDefinitions(MODULE, MODULE.replace('function c() {}\n', ''))).toBeNull();
    expect(droppedDefinitions('export const x = 1;\n', 'export const x = 2;\n')).toBeNull();
  });
});
