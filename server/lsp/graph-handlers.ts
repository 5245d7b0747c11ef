/**
 * `workspace/symbol` and `textDocument/documentSymbol` from the code graph: hierarchical
 * DocumentSymbols when the client supports them, SymbolInformation otherwise. Thin: pending buffer
 * edits are flushed, the graph answers, failures map through error-map.ts. Never indexes itself.
 */
import type { CancellationToken, ClientCapabilities, Connection, DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node.js';
import type { GraphHandle } from '../agent/graph-sync.js';
import { errorMessage } from '../core/errors.js';
import { toResponseError } from './error-map.js';
import { uriToPath, type LspGraphSync } from './graph-sync.js';

/** How long a symbol request waits for a running start-up index before answering from what is there. */
const INDEX_WAIT_MS = 5000;

async function settled(g: GraphHandle, token: CancellationToken): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  await Promise.race([
    g.indexed,
    new Promise<void>((r) => (timer = setTimeout(r, INDEX_WAIT_MS))),
    new Promise<void>((r) => (poll = setInterval(() => token.isCancellationRequested && r(), 50))),
  ]);
  clearTimeout(timer);
  clearInterval(poll);
}

/** DocumentSymbol tree → flat SymbolInformation with container names (clients without hierarchy). */
export function flattenSymbols(uri: string, symbols: readonly DocumentSymbol[], container?: string, out: SymbolInformation[] = []): SymbolInformation[] {
  for (const s of symbols) {
    const info: SymbolInformation = { name: s.name, kind: s.kind, location: { uri, range: s.range } };
    if (container !== undefined) info.containerName = container;
    out.push(info);
    if (s.children?.length) flattenSymbols(uri, s.children, s.name, out);
  }
  return out;
}

export function registerGraphProviders(connection: Connection, sync: LspGraphSync, client: () => ClientCapabilities | undefined): void {
  const timed = async <T>(method: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      const out = await fn();
      if (process.env.SMALLCODE_PROFILE === '1') connection.console.log(`${method}: ok in ${Math.round(performance.now() - started)} ms`);
      return out;
    } catch (err) {
      connection.console.warn(`${method}: failed after ${Math.round(performance.now() - started)} ms: ${errorMessage(err)}`);
      throw toResponseError(method, err);
    }
  };

  connection.onWorkspaceSymbol((params, token) =>
    timed('workspace/symbol', async () => {
      const g = await sync.handle();
      if (!g) return [];
      sync.core.flush();
      await settled(g, token);
      return g.graph.workspaceSymbols(params.query);
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    timed('textDocument/documentSymbol', async () => {
      const path = uriToPath(params.textDocument.uri);
      const g = path ? await sync.handle() : null;
      if (!g || !path) return [];
      sync.core.flush(path);
      const rel = g.indexer.relativePath(path);
      if (rel === null) return [];
      // a file not open in the editor may still be waiting for the start-up index
      if (!g.graph.store.getFile(rel)) await settled(g, token);
      const symbols = g.graph.documentSymbols(rel);
      if (client()?.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return symbols;
      return flattenSymbols(params.textDocument.uri, symbols);
    }),
  );
}
