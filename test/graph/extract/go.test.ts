import { describe, expect, it } from 'vitest';
import { extractFixture, referenceLine, symbolLine, symbolNamed } from './check-extraction.js';

describe('Go extraction', () => {
  const file = extractFixture('go/server.go');

  it('extracts types, fields, functions and methods with the receiver type as container', () => {
    expect(file.symbols.map(symbolLine)).toEqual([
      'constant DefaultPort exported',
      'variable requestCount',
      'interface Handler exported',
      'method Serve in Handler exported',
      'class Server exported',
      'field Addr in Server exported',
      'field routes in Server',
      'type routeTable',
      'function NewServer exported',
      'method Start in Server exported',
      'method count in Server',
    ]);
  });

  it('reads // doc comments and method signatures', () => {
    expect(symbolNamed(file, 'DefaultPort').doc).toBe('DefaultPort is the port used when none is configured.');
    expect(symbolNamed(file, 'Start').doc).toBe('Start begins serving; it blocks.');
    expect(symbolNamed(file, 'Start').signature).toBe('func (s *Server) Start() error {');
    expect(symbolNamed(file, 'count').doc).toBeNull();
  });

  it('records aliased imports, embedded types as heritage, calls and composite literals', () => {
    const lines = file.references.map(referenceLine);
    expect(lines.filter((l) => l.startsWith('import'))).toEqual(['import fmt <- fmt', 'import nethttp <- net/http']);
    expect(lines).toContain('heritage Logger from Server');
    expect(lines).toContain('call Println from Start');
    expect(lines).toContain('call ListenAndServe from Start');
    expect(lines).toContain('call Server from NewServer');
    expect(lines).toContain('type Handler from routes');
  });

  it('keeps functions around a syntax error', () => {
    const broken = extractFixture('go/broken.go');
    expect(broken.hasErrors).toBe(true);
    expect(broken.symbols.map((s) => s.name)).toEqual(['Good', 'Bad', 'Later']);
    expect(broken.references.map(referenceLine)).toContain('call Good from Later');
  });
});
