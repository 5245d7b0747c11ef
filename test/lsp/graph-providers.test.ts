/**
 * workspace/symbol, textDocument/documentSymbol and the graph's freshness (didChange, watched-file
 * events, the fallback disk watcher, start-up progress) through the real server process.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GraphSearch } from '../../protocol-ext/index.js';
import { DEFAULT_CLIENT_CAPABILITIES, LspTestClient } from '../support/lsp-client.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-dir.js';

const TS = [
  '/** Shapes of the app. */',
  'export interface Shape {',
  '  area(): number;',
  '}',
  '',
  'export class Circle implements Shape {',
  '  constructor(private readonly r: number) {}',
  '  area(): number {',
  '    return Math.PI * this.r * this.r;',
  '  }',
  '}',
  '',
  'export function totalArea(shapes: Shape[]): number {',
  '  return shapes.reduce((sum, s) => sum + s.area(), 0);',
  '}',
  '',
].join('\n');

const PY = [
  'class Inventory:',
  '    """Items on hand."""',
  '',
  '    def add_item(self, name, count):',
  '        self.items[name] = count',
  '',
  '',
  'def load_inventory(path):',
  '    return Inventory()',
  '',
].join('\n');

interface WireDocumentSymbol {
  name: string;
  kind: number;
  children?: WireDocumentSymbol[];
}
interface WireSymbolInformation {
  name: string;
  kind: number;
  containerName?: string;
  location: { uri: string };
}

let ws: TempWorkspace | undefined;
let client: LspTestClient | undefined;
const open = openedResources();

async function start(capabilities: Record<string, unknown> = DEFAULT_CLIENT_CAPABILITIES, files: Record<string, string> = {}): Promise<LspTestClient> {
  ws = open.workspace(makeTempWorkspace({ 'package.json': '{"name":"shapes"}\n', 'src/shapes.ts': TS, 'tools/inventory.py': PY, ...files }));
  client = open.client(LspTestClient.start({ cwd: ws.root, capabilities }));
  const init = await client.initialize();
  expect(init.capabilities['workspaceSymbolProvider']).toBe(true);
  expect(init.capabilities['documentSymbolProvider']).toBe(true);
  return client;
}

const uriOf = (rel: string): string => pathToFileURL(join(ws!.root, rel)).href;

/** Polls `probe` until `done` holds (bounded: correctness, not speed, is what is tested). */
async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; last answer: ${JSON.stringify(v)}\nstderr: ${client?.stderr.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const documentSymbols = (rel: string): Promise<WireDocumentSymbol[]> =>
  client!.requestRaw('textDocument/documentSymbol', { textDocument: { uri: uriOf(rel) } }) as Promise<WireDocumentSymbol[]>;
const workspaceSymbols = (query: string): Promise<WireSymbolInformation[]> =>
  client!.requestRaw('workspace/symbol', { query }) as Promise<WireSymbolInformation[]>;
const names = (syms: readonly WireDocumentSymbol[]): string[] => syms.flatMap((s) => [s.name, ...names(s.children ?? [])]);

describe('graph-backed LSP providers', () => {
  it('answers workspace/symbol across TypeScript and Python files with file URIs', async () => {
    await start();
    const circle = await workspaceSymbols('Circle');
    expect(circle[0]).toMatchObject({ name: 'Circle', kind: 5, location: { uri: uriOf('src/shapes.ts') } });
    const inv = await workspaceSymbols('load inventory');
    expect(inv.map((s) => s.name)).toContain('load_inventory');
    expect(inv.find((s) => s.name === 'load_inventory')!.location.uri).toBe(uriOf('tools/inventory.py'));
    expect(await workspaceSymbols('')).toEqual([]);
  });

  it('nests methods under their class in hierarchical documentSymbol', async () => {
    await start();
    const ts = await documentSymbols('src/shapes.ts');
    expect(ts.map((s) => s.name)).toEqual(expect.arrayContaining(['Shape', 'Circle', 'totalArea']));
    const circle = ts.find((s) => s.name === 'Circle')!;
    expect(circle.kind).toBe(5);
    expect(circle.children?.map((c) => c.name)).toContain('area');
    const py = await documentSymbols('tools/inventory.py');
    const inventory = py.find((s) => s.name === 'Inventory')!;
    expect(inventory.children?.map((c) => c.name)).toEqual(['add_item']);
  });

  it('answers flat SymbolInformation with container names to a client without hierarchy support', async () => {
    await start({ ...DEFAULT_CLIENT_CAPABILITIES, textDocument: { synchronization: { didSave: true }, documentSymbol: {} } });
    const flat = (await client!.requestRaw('textDocument/documentSymbol', { textDocument: { uri: uriOf('tools/inventory.py') } })) as WireSymbolInformation[];
    expect(flat.find((s) => s.name === 'add_item')).toMatchObject({ containerName: 'Inventory', location: { uri: uriOf('tools/inventory.py') } });
    expect(flat.every((s) => !('children' in s))).toBe(true);
  });

  it('shows a function added by an unsaved incremental didChange in documentSymbol', async () => {
    await start();
    const uri = uriOf('src/shapes.ts');
    await client!.openDocument(uri, TS, 'typescript', 1);
    const lines = TS.split('\n').length - 1;
    // two ranged changes in one burst: the server must apply both before re-indexing
    await client!.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: 'export function perimeterOf(c: Circle): number {\n' }],
    });
    await client!.notify('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: lines + 1, character: 0 }, end: { line: lines + 1, character: 0 } }, text: '  return 2 * Math.PI;\n}\n' }],
    });
    const syms = await until(() => documentSymbols('src/shapes.ts'), (s) => names(s).includes('perimeterOf'), 'perimeterOf in documentSymbol');
    expect(names(syms)).toEqual(expect.arrayContaining(['Circle', 'totalArea', 'perimeterOf']));
    // the disk was not touched: closing the buffer drops the unsaved function again
    await client!.notify('textDocument/didClose', { textDocument: { uri } });
    await until(() => documentSymbols('src/shapes.ts'), (s) => !names(s).includes('perimeterOf'), 'perimeterOf gone after close');
  });

  it('registers a client file watcher and indexes a file reported by workspace/didChangeWatchedFiles', async () => {
    await start({ ...DEFAULT_CLIENT_CAPABILITIES, workspace: { ...DEFAULT_CLIENT_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } });
    await until(async () => client!.serverRequests.filter((r) => r.method === 'client/registerCapability'), (rs) => JSON.stringify(rs).includes('workspace/didChangeWatchedFiles'), 'watcher registration');
    expect((await client!.request(GraphSearch, { query: 'parseInvoice' })).symbols).toEqual([]);
    ws!.write('src/invoice.ts', 'export function parseInvoice(text: string): number {\n  return text.length;\n}\n');
    await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('src/invoice.ts'), type: 1 }] });
    const found = await until(() => client!.request(GraphSearch, { query: 'invoice' }), (r) => r.symbols.length > 0, 'parseInvoice searchable');
    expect(found.symbols[0]).toMatchObject({ name: 'parseInvoice', file: 'src/invoice.ts' });
    // and a deletion removes it
    await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('src/invoice.ts'), type: 3 }] });
    await until(() => client!.request(GraphSearch, { query: 'parseInvoice' }), (r) => r.symbols.length === 0, 'parseInvoice removed');
  });

  it('watches the disk itself when the client cannot register watchers', async () => {
    await start(); // DEFAULT_CLIENT_CAPABILITIES has no didChangeWatchedFiles
    await workspaceSymbols('Circle'); // the start-up index (and the watcher) are in place
    expect(client!.serverRequests.some((r) => JSON.stringify(r.params).includes('didChangeWatchedFiles'))).toBe(false);
    writeFileSync(join(ws!.root, 'tools', 'pricing.py'), 'def compute_discount(total):\n    return total * 0.9\n');
    ws!.write('lib/deep/rates.ts', 'export const taxRate = 0.2;\n'); // a folder created after start-up
    await until(() => client!.request(GraphSearch, { query: 'compute_discount' }), (r) => r.symbols.length > 0, 'compute_discount searchable');
    await until(() => client!.request(GraphSearch, { query: 'taxRate' }), (r) => r.symbols.some((s) => s.file === 'lib/deep/rates.ts'), 'taxRate searchable');
  });

  it('reports the start-up index through $/progress (begin and end)', async () => {
    await start();
    const begin = await client!.waitForNotification('$/progress', (p) => (p as { value?: { kind?: string; title?: string } }).value?.title === 'SmallCode: indexing');
    const token = (begin as { token: unknown }).token;
    await client!.waitForNotification('$/progress', (p) => (p as { token: unknown; value: { kind: string } }).token === token && (p as { value: { kind: string } }).value.kind === 'end');
    expect(client!.serverRequests.some((r) => r.method === 'window/workDoneProgress/create')).toBe(true);
  });

  it('shuts down cleanly after indexing, parse workers included (exit code 0)', async () => {
    await start();
    await workspaceSymbols('Circle');
    expect(await client!.shutdownAndExit()).toBe(0);
  });

  it('does not index at start-up in a folder without project markers, but indexes on the first symbol request', async () => {
    ws = open.workspace(makeTempWorkspace({ 'notes/scratch.ts': 'export function scratchPad(): void {}\n' }));
    client = open.client(LspTestClient.start({ cwd: ws.root }));
    await client.initialize();
    await client.waitForNotification('window/logMessage', (p) => String((p as { message: string }).message).includes('no index at start-up'));
    expect(client.notificationsOf('$/progress')).toEqual([]);
    const found = await workspaceSymbols('scratchPad');
    expect(found.map((s) => s.name)).toEqual(['scratchPad']);
  });
});
