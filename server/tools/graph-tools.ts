/**
 * The code-graph tools: `graph_search` (ranked symbols) and `explain_symbol` (definition, callers,
 * callees). Text comes from the graph service; the tools never touch the database themselves.
 */
import { z } from 'zod';
import { errorMessage } from '../core/errors.js';
import { defineTool } from './define-tool.js';

export const graphSearchTool = defineTool({
  name: 'graph_search',
  description: 'Find functions, classes and types by name across the project. Returns file and line of each.',
  category: 'search',
  readOnly: true,
  args: z.object({
    query: z.string().min(1).describe('symbol name or words of it'),
    limit: z.number().int().min(1).max(50).optional().describe('how many results (default 10)'),
  }),
  repeat: {
    did: (a) => `looked up ${JSON.stringify(a.query)} in the code graph`,
    next: () => 'read_file a file it named at the lines given, or explain_symbol one of the symbols',
  },
  async run(args, ctx) {
    if (!ctx.graph) return { ok: false, output: 'The code graph is not available; use search instead.' };
    try {
      return { ok: true, output: await ctx.graph.search(args.query, args.limit ?? 10) };
    } catch (err) {
      return { ok: false, output: `graph_search failed: ${errorMessage(err)}; use search instead.` };
    }
  },
});

export const explainSymbolTool = defineTool({
  name: 'explain_symbol',
  description: 'Show a symbol: its definition, signature, doc, who calls it and what it calls.',
  category: 'search',
  readOnly: true,
  args: z.object({ symbol: z.string().min(1).describe('the symbol name, e.g. parseUser or User.save') }),
  repeat: {
    did: (a) => `explained ${a.symbol}`,
    next: () => 'read_file its file at the lines given, or patch it',
  },
  async run(args, ctx) {
    if (!ctx.graph) return { ok: false, output: 'The code graph is not available; use search instead.' };
    try {
      return { ok: true, output: await ctx.graph.explain(args.symbol) };
    } catch (err) {
      return { ok: false, output: `explain_symbol failed: ${errorMessage(err)}; use search instead.` };
    }
  },
});
