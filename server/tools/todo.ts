/** The `todo` tool: the task's TODO plan (add steps, mark one done, list). State lives in the plan service. */
import { z } from 'zod';
import { defineTool } from './define-tool.js';

export const todoTool = defineTool({
  name: 'todo',
  description: 'The TODO list of this task: add steps, mark one done, or list them.',
  category: 'plan',
  readOnly: false,
  args: z.object({
    action: z.enum(['add', 'done', 'list']),
    steps: z.array(z.string().min(1)).optional().describe('for add'),
    id: z.number().int().min(1).optional().describe('for done: step number'),
    note: z.string().optional().describe('for done'),
  }),
  async run(args, ctx) {
    if (!ctx.plan) return { ok: false, output: 'The TODO list is not available in this context.' };
    if (args.action === 'add') {
      if (!args.steps || args.steps.length === 0) return { ok: false, output: 'todo add needs steps: ["first step", "second step"].' };
      return { ok: true, output: ctx.plan.add(args.steps) };
    }
    if (args.action === 'done') {
      if (args.id === undefined) return { ok: false, output: 'todo done needs id: the step number from todo list.' };
      const output = await ctx.plan.done(args.id, args.note);
      return { ok: !/not done yet/.test(output), output };
    }
    return { ok: true, output: ctx.plan.list() };
  },
});
