/**
 * The `scratchpad` tool: working notes the model keeps for itself during a session (findings, file
 * locations, what it tried). Persisted by the agent's scratchpad service; the tool only forwards.
 */
import { z } from 'zod';
import { defineTool } from './define-tool.js';

export const scratchpadTool = defineTool({
  name: 'scratchpad',
  description: 'Your working notes for this session: write a finding to remember, or read your notes back.',
  category: 'plan',
  readOnly: false,
  args: z.object({
    action: z.enum(['write', 'read']).describe('write or read'),
    text: z.string().optional().describe('for write: the note'),
  }),
  async run(args, ctx) {
    if (!ctx.scratchpad) return { ok: false, output: 'The scratchpad is not available in this context.' };
    if (args.action === 'read') return { ok: true, output: ctx.scratchpad.read() || '(the scratchpad is empty)' };
    if (!args.text?.trim()) return { ok: false, output: 'scratchpad write needs text: the note to keep.' };
    ctx.scratchpad.write(args.text.trim());
    return { ok: true, output: 'Noted.' };
  },
});
