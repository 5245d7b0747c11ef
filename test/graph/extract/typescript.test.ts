import { describe, expect, it } from 'vitest';
import { extractFixture, referenceLine, symbolLine, symbolNamed } from './check-extraction.js';

describe('TypeScript extraction', () => {
  const file = extractFixture('typescript/user-service.ts');

  it('extracts every module-level and member definition with kind, container and export flag', () => {
    expect(file.symbols.map(symbolLine)).toEqual([
      'constant PAGE_SIZE exported',
      'variable requestCount',
      'type UserId exported',
      'interface User exported',
      'field id in User exported',
      'field name in User exported',
      'method greet in User exported',
      'enum Role exported',
      'interface Repository',
      'method find in Repository',
      'class UserService exported',
      'field cache in UserService exported',
      'method constructor in UserService exported',
      'method find in UserService exported',
      'method load in UserService exported',
      'function toUser exported',
      'function createService exported',
    ]);
    expect(file.hasErrors).toBe(false);
    expect(file.language).toBe('typescript');
    expect(file.lines).toBe(60);
  });

  it('does not index locals declared inside function bodies', () => {
    const names = file.symbols.map((s) => s.name);
    expect(names).not.toContain('helper');
    expect(names).not.toContain('localHelper');
  });

  it('reads JSDoc and // comment blocks as docs, and leaves undocumented symbols null', () => {
    expect(symbolNamed(file, 'PAGE_SIZE').doc).toBe('Maximum number of users returned by one page.');
    expect(symbolNamed(file, 'User').doc).toBe('A registered user.\nLoaded from the `users` table.');
    expect(symbolNamed(file, 'UserService').doc).toBe('Keeps users in memory and persists them through the database.');
    expect(symbolNamed(file, 'find', 'UserService').doc).toBe('Finds one user by id, or undefined.');
    expect(symbolNamed(file, 'toUser').doc).toBeNull();
    expect(symbolNamed(file, 'Role').doc).toBeNull();
  });

  it('keeps the declaration line as the signature and the whole declaration as the range', () => {
    expect(symbolNamed(file, 'UserService').signature).toBe('export class UserService extends BaseService implements Repository<User> {');
    expect(symbolNamed(file, 'createService').signature).toBe('export const createService = (db: Database): UserService => new UserService(db);');
    expect(symbolNamed(file, 'UserService').range).toEqual({ startLine: 32, startCol: 7, endLine: 49, endCol: 1 });
    expect(symbolNamed(file, 'load').range).toEqual({ startLine: 45, startCol: 2, endLine: 48, endCol: 3 });
  });

  it('records imports with their module specifiers, including side-effect imports', () => {
    expect(file.references.filter((r) => r.kind === 'import').map(referenceLine)).toEqual([
      'import Database <- ./database.js',
      'import Row <- ./database.js',
      'import path <- node:path',
      'import Logger <- ./logger.js',
      'import ./polyfills.js <- ./polyfills.js',
    ]);
  });

  it('records calls, constructor calls, heritage and type references with their enclosing symbol', () => {
    const lines = file.references.map(referenceLine);
    expect(lines).toContain('heritage BaseService from UserService');
    expect(lines).toContain('heritage Repository from UserService');
    expect(lines).toContain('call load from find');
    expect(lines).toContain('call toUser from load');
    expect(lines).toContain('call basename from toUser');
    expect(lines).toContain('call UserService from createService');
    expect(lines).toContain('call Map from cache');
    expect(lines).toContain('type Row from toUser');
    expect(lines).toContain('type UserId from id');
    // the calls inside the local arrow `helper` belong to the function that declares it
    expect(lines).toContain('call trim from toUser');
    // declaration names are not references to themselves
    expect(lines).not.toContain('type User from User');
    expect(lines).not.toContain('type UserService from UserService');
    // type parameters are declarations, not references to a type named T
    expect(lines.filter((l) => l.startsWith('type T '))).toEqual([]);
  });

  it('gives reference ranges in 0-based lines and UTF-16 columns', () => {
    const load = file.references.find((r) => r.kind === 'call' && r.name === 'load')!;
    expect(load.range).toEqual({ startLine: 42, startCol: 38, endLine: 42, endCol: 42 });
  });

  it('indexes a file with syntax errors partially and flags it', () => {
    const broken = extractFixture('typescript/broken.ts');
    expect(broken.hasErrors).toBe(true);
    expect(broken.symbols.map(symbolLine)).toEqual(['function healthy exported', 'class Half exported', 'method method in Half exported', 'function afterError exported']);
    expect(broken.references.map(referenceLine)).toContain('call healthy from afterError');
  });
});

describe('TSX extraction', () => {
  it('treats capitalised JSX elements as component calls and skips intrinsic elements', () => {
    const file = extractFixture('tsx/button.tsx');
    expect(file.language).toBe('tsx');
    expect(file.symbols.map(symbolLine)).toEqual([
      'interface ButtonProps exported',
      'field label in ButtonProps exported',
      'method onClick in ButtonProps exported',
      'function Button exported',
      'function Label',
    ]);
    expect(symbolNamed(file, 'Button').doc).toBe('A clickable button with an optional icon.');
    const calls = file.references.filter((r) => r.kind === 'call').map(referenceLine);
    expect(calls).toEqual(['call Icon from Button', 'call Label from Button']);
  });

  it('still indexes a TSX file with mismatched tags', () => {
    const file = extractFixture('tsx/broken.tsx');
    expect(file.hasErrors).toBe(true);
    expect(file.symbols.map(symbolLine)).toEqual(['function Good exported', 'function Bad exported']);
  });
});
