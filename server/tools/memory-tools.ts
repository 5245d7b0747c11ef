/**
 * The memory tools: `memory_load` (recall project notes and what earlier attempts tried) and
 * `memory_remember` (keep a convention, fact or decision for later tasks).
 */
import { z } from 'zod';
import { errorMessage } from '../core/errors.js';
import { defineTool } from './define-tool.js';

export const memoryLoadTool = defineTool({
  name: 'memory_load',
  description: 'Recall project notes and what earlier attempts tried, for a topic.',
  category: 'plan',
  readOnly: true,
  args: z.object({ query: z.string().min(1).describe('topic words') }),
  async run(args, ctx) {
    if (!ctx.memory) return { ok: false, output: 'Memory is not available in this context.' };
    try {
      return { ok: true, output: await ctx.memory.load(args.query, 8) };
    } catch (err) {
      return { ok: false, output: `memory_load failed: ${errorMessage(err)}` };
    }
  },
});

export const memoryRememberTool = defineTool({
  name: 'memory_remember',
  description: 'Remember a project convention, fact or decision for later tasks.',
  category: 'plan',
  readOnly: false,
  args: z.object({
    text: z.string().min(3).describe('the note, one or two sentences'),
    kind: z.enum(['convention', 'fact', 'decision']).optional().describe('what kind of note (default fact)'),
  }),
  async run(args, ctx) {
    if (!ctx.memory) return { ok: false, output: 'Memory is not available in this context.' };
    try {
      await ctx.memory.remember(args.text, [args.kind ?? 'fact']);
      return { ok: true, output: 'Remembered.' };
    } catch (err) {
      return { ok: false, output: `memory_remember failed: ${errorMessage(err)}` };
    }
  },
});
