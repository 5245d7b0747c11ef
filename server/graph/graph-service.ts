/**
 * The code graph's facade for LSP handlers, agent tools and the CLI: symbol search, explain,
 * repo map, document and workspace symbols over one GraphStore. Returns plain data; no LSP
 * connection, no tree-sitter (the indexer writes through `store`).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';
import type { GraphExplainResultT, GraphSearchResultT, RepoMapResultT } from '../../protocol-ext/graph.js';
import type { GraphStore, StoredSymbol } from './store/graph-store.js';
import { openGraphStore, type OpenGraphStoreOptions } from './store/open-graph-store.js';
import { searchSymbols, type SymbolSearchParams } from './query/symbol-search.js';
import { explainSymbol, type ExplainOptions, type ExplainParams } from './query/explain-symbol.js';
import { FileGraph } from './query/file-graph.js';
import { RepoMapper, type RepoMapRequest } from './query/repo-map.js';
import { defaultEstimateTokens, type EstimateTokens } from './query/repo-map-render.js';
import type { SymbolKind } from './types.js';

export interface GraphServiceOptions {
  /** Token estimator for the repo map budget (the model's own when known). */
  estimateTokens?: EstimateTokens;
  /** Source line lookup for reference sites in explain (the workspace view). */
  lineText?: ExplainOptions['lineText'];
}

/** LSP SymbolKind numbers (the protocol's enum values). */
const LSP_KIND: Record<SymbolKind, DocumentSymbol['kind']> = {
  module: 2, class: 5, method: 6, field: 8, enum: 10, interface: 11, function: 12, variable: 13, constant: 14, type: 26,
};

function lspRange(s: StoredSymbol): DocumentSymbol['range'] {
  return { start: { line: s.range.startLine, character: s.range.startCol }, end: { line: s.range.endLine, character: s.range.endCol } };
}

export class GraphService {
  readonly store: GraphStore;
  /** Why the JSON fallback is in use, when it is (for `smallcode doctor`). */
  readonly storeReason: string | undefined;
  private readonly root: string;
  private readonly mapper: RepoMapper;
  private readonly options: GraphServiceOptions;

  constructor(root: string, store: GraphStore, options: GraphServiceOptions = {}, storeReason?: string) {
    this.root = root;
    this.store = store;
    this.options = options;
    this.storeReason = storeReason;
    this.mapper = new RepoMapper(new FileGraph(store), options.estimateTokens ?? defaultEstimateTokens);
  }

  /** Opens (or creates) `<root>/.smallcode/graph.db`, falling back to JSON when SQLite cannot load. */
  static open(root: string, options: GraphServiceOptions & OpenGraphStoreOptions = {}): GraphService {
    const opened = openGraphStore(root, options);
    return new GraphService(root, opened.store, options, opened.reason);
  }

  search(params: SymbolSearchParams): GraphSearchResultT {
    return { symbols: searchSymbols(this.store, params) };
  }

  explain(params: ExplainParams): GraphExplainResultT {
    return explainSymbol(this.store, params, this.options.lineText ? { lineText: this.options.lineText } : {});
  }

  repoMap(params: RepoMapRequest): RepoMapResultT {
    return this.mapper.map(params);
  }

  /** textDocument/documentSymbol: members nest under the container whose range holds them. */
  documentSymbols(path: string): DocumentSymbol[] {
    const syms = this.store.symbolsInFile(path);
    const nodes = syms.map((s) => ({
      s,
      d: { name: s.name, detail: s.signature, kind: LSP_KIND[s.kind], range: lspRange(s), selectionRange: lspRange(s), children: [] as DocumentSymbol[] },
    }));
    const top: DocumentSymbol[] = [];
    for (const n of nodes) {
      const parent = n.s.container === null
        ? undefined
        : nodes
            .filter((p) => p !== n && p.s.name === n.s.container && p.s.range.startLine <= n.s.range.startLine && p.s.range.endLine >= n.s.range.endLine)
            .pop();
      (parent ? parent.d.children : top).push(n.d);
    }
    return top;
  }

  /** workspace/symbol: the ranked search, as SymbolInformation with file URIs. */
  workspaceSymbols(query: string, limit = 100): SymbolInformation[] {
    if (query.trim() === '') return [];
    const found = searchSymbols(this.store, { query, limit });
    return found.map((s) => {
      const info: SymbolInformation = {
        name: s.name,
        kind: LSP_KIND[s.kind as SymbolKind] ?? 13,
        location: { uri: pathToFileURL(join(this.root, s.file)).href, range: s.range },
      };
      if (s.container) info.containerName = s.container;
      return info;
    });
  }

  close(): void {
    this.store.close();
  }
}
