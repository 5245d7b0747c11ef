/**
 * The queries over records from the real tree-sitter extractor (not hand-written ones): a small
 * TypeScript project is extracted, stored, then searched, explained and mapped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../server/graph/extract/extract-file.js';
import { GraphService } from '../../../server/graph/graph-service.js';
import { trackedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace } from '../../support/temp-dir.js';

const SOURCES: Record<string, string> = {
  'src/http/http-server.ts': `
/** Accepts connections and routes requests. */
export class HTTPServer {
  constructor(private readonly router: Router) {}
  /** Starts listening on a port. */
  listen(port: number): void {
    this.router.handle(parseRequest(String(port)));
  }
}
export function parseRequest(raw: string): Request {
  return { path: raw };
}
`,
  'src/http/router.ts': `
import { parseRequest } from './http-server.js';
export interface Request { path: string }
export class Router {
  handle(request: Request): void {
    logRequest(request);
  }
}
export function logRequest(request: Request): void {
  console.log(parseRequest(request.path));
}
`,
  'src/main.ts': `
import { HTTPServer } from './http/http-server.js';
import { Router } from './http/router.js';
export function main(): void {
  new HTTPServer(new Router()).listen(8080);
}
`,
};

describe('queries over real extraction', () => {
  // One extracted project serves the block's read-only tests, so it is closed after the block,
  // not after each test as openedResources() would.
  const open = trackedResources();
  let svc: GraphService;
  beforeAll(() => {
    const root = open.workspace(makeTempWorkspace({}, 'sc-real-')).root;
    svc = GraphService.open(root);
    open.add(() => svc.close(), 'graph service');
    for (const [path, text] of Object.entries(SOURCES)) svc.store.upsertFile(extractFile({ path, text }));
  });
  afterAll(() => open.closeAll());

  it('finds HTTPServer by an acronym part and by its exact name', () => {
    expect(svc.search({ query: 'HTTPServer' }).symbols[0]).toMatchObject({ name: 'HTTPServer', kind: 'class', file: 'src/http/http-server.ts' });
    expect(svc.search({ query: 'server' }).symbols.map((s) => s.name)).toContain('HTTPServer');
    expect(svc.search({ query: 'parse req' }).symbols[0]!.name).toBe('parseRequest');
  });

  it('explains parseRequest with its callers across files', () => {
    const r = svc.explain({ symbol: 'parseRequest' });
    expect(r.found).toBe(true);
    expect(r.definition!.file).toBe('src/http/http-server.ts');
    expect(r.callers.map((c) => c.name).sort()).toEqual(['listen', 'logRequest']);
    expect(Object.keys(r.references).sort()).toEqual(['src/http/http-server.ts', 'src/http/router.ts']);
  });

  it('maps the project within budget, the unreferenced entry point last', () => {
    const map = svc.repoMap({ tokens: 256 });
    expect(map.tokens).toBeLessThanOrEqual(256);
    expect(map.files.slice(0, 2).sort()).toEqual(['src/http/http-server.ts', 'src/http/router.ts']);
    expect(map.files[2]).toBe('src/main.ts');
    expect(map.text).toContain('export class HTTPServer');
    expect(svc.documentSymbols('src/http/http-server.ts').map((d) => d.name)).toEqual(['HTTPServer', 'parseRequest']);
  });
});
