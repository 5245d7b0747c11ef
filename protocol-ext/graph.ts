/** Code graph queries: symbol search, explain, repo map. */
import { z } from 'zod';
import { defineRequest } from './define.js';
import { Range } from './lsp-types.js';

export const SymbolKindName = z.enum([
  'function', 'class', 'method', 'interface', 'type', 'enum', 'constant', 'variable', 'module', 'field', 'export',
]);

export const GraphSymbol = z.object({
  name: z.string(),
  kind: z.string(),
  file: z.string(),
  range: Range,
  container: z.string().nullable(),
  signature: z.string(),
  doc: z.string().nullable(),
  score: z.number().optional(),
});

export const GraphSearchParams = z.object({
  query: z.string().min(1),
  limit: z.number().int().min(1).max(500).default(20),
  kind: z.string().optional(),
  nearFile: z.string().optional(),
});
export const GraphSearchResult = z.object({ symbols: z.array(GraphSymbol) });
export const GraphSearch = defineRequest('smallcode/graph/search', GraphSearchParams, GraphSearchResult, 'Ranked symbol search (exact > prefix > token > fuzzy).');

export const GraphReference = z.object({ file: z.string(), line: z.number().int(), kind: z.string(), text: z.string() });
export const GraphExplainParams = z.object({ symbol: z.string().min(1), file: z.string().optional() });
export const GraphExplainResult = z.object({
  found: z.boolean(),
  definition: GraphSymbol.nullable(),
  callers: z.array(GraphSymbol),
  callees: z.array(z.string()),
  references: z.record(z.string(), z.array(GraphReference)),
  text: z.string(),
});
export const GraphExplain = defineRequest('smallcode/graph/explain', GraphExplainParams, GraphExplainResult, 'A symbol with its definition, callers, callees and references grouped by file.');

export const RepoMapParams = z.object({
  tokens: z.number().int().min(64).max(65536).default(1024),
  files: z.array(z.string()).optional(),
  identifiers: z.array(z.string()).optional(),
});
export const RepoMapResult = z.object({ text: z.string(), tokens: z.number().int(), files: z.array(z.string()) });
export const RepoMap = defineRequest('smallcode/graph/repoMap', RepoMapParams, RepoMapResult, 'A PageRank-ranked outline of the repository that fits a token budget.');

export type GraphSymbolT = z.infer<typeof GraphSymbol>;
export type GraphSearchResultT = z.infer<typeof GraphSearchResult>;
export type GraphExplainResultT = z.infer<typeof GraphExplainResult>;
export type RepoMapResultT = z.infer<typeof RepoMapResult>;
