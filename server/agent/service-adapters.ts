/**
 * Adapts the graph and memory services to the small text interfaces the agent's tools use, so the
 * tools never depend on the stores' shapes. Text only; the services do the work.
 */
import type { GraphService as GraphFacade } from '../graph/graph-service.js';
import { renderExplain, renderSearch } from '../graph/render.js';
import type { MemoryService as MemoryFacade } from '../memory/memory-service.js';
import type { GraphService, MemoryService } from '../tools/define-tool.js';

export function graphToolService(graph: GraphFacade): GraphService {
  return {
    async search(query, limit) {
      return renderSearch(query, graph.search({ query, limit: limit ?? 10 }));
    },
    async explain(symbol) {
      return renderExplain(graph.explain({ symbol }));
    },
    async outline(path) {
      const symbols = graph.documentSymbols(path);
      if (symbols.length === 0) return null;
      const lines: string[] = [];
      const walk = (list: typeof symbols, depth: number): void => {
        for (const s of list) {
          if (lines.length >= 60) return;
          lines.push(`${'  '.repeat(depth)}${s.range.start.line + 1}: ${s.detail || s.name}`);
          if (s.children) walk(s.children, depth + 1);
        }
      };
      walk(symbols, 0);
      return lines.join('\n');
    },
  };
}

export interface AgentMemoryService extends MemoryService {
  evidence(taskId: string, tool: string, args: string, ok: boolean, error?: string): void;
}

export function memoryToolService(memory: MemoryFacade): AgentMemoryService {
  return {
    async load(query, limit) {
      return memory.load(query, { memories: limit ?? 8, evidence: 5 }).text;
    },
    async remember(text, tags) {
      const kind = tags?.find((t) => t === 'convention' || t === 'fact' || t === 'decision') ?? 'fact';
      memory.remember(kind, text, 'agent');
    },
    evidence(taskId, tool, args, ok, error) {
      memory.recordEvidence({ taskId, tool, args, outcome: ok ? 'ok' : 'failed', error: error ?? null });
    },
  };
}
