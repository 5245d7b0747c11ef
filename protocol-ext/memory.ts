/** Project memories and evidence. */
import { z } from 'zod';
import { defineRequest } from './define.js';

export const MemoryKind = z.enum(['convention', 'fact', 'decision']);
export const Memory = z.object({
  id: z.number().int(),
  kind: MemoryKind,
  text: z.string(),
  source: z.string(),
  createdAt: z.string(),
  score: z.number().optional(),
});
export const MemoryListParams = z.object({ kind: MemoryKind.optional(), limit: z.number().int().min(1).max(1000).default(100) }).optional();
export const MemoryList = defineRequest('smallcode/memory/list', MemoryListParams, z.object({ memories: z.array(Memory) }), 'Project memories, newest first.');
export const MemorySearchParams = z.object({ query: z.string().min(1), limit: z.number().int().min(1).max(100).default(10) });
export const MemorySearch = defineRequest('smallcode/memory/search', MemorySearchParams, z.object({ memories: z.array(Memory) }), 'Memories ranked by relevance and recency.');
export const MemoryForgetParams = z.object({ id: z.number().int() });
export const MemoryForget = defineRequest('smallcode/memory/forget', MemoryForgetParams, z.object({ forgotten: z.boolean() }), 'Delete one memory.');

export type MemoryT = z.infer<typeof Memory>;
