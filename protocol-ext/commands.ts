/**
 * `workspace/executeCommand` commands. Helix (and any client that cannot send custom requests)
 * reaches every long-running feature through these; arguments are one JSON object.
 */
import { z } from 'zod';
import { Range } from './lsp-types.js';
import { TaskMode } from './agent.js';

export const Commands = {
  runTask: 'smallcode.runTask',
  cancelTask: 'smallcode.cancelTask',
  rollback: 'smallcode.rollback',
  showPlan: 'smallcode.showPlan',
  showStats: 'smallcode.showStats',
  index: 'smallcode.index',
} as const;

export const RunTaskCommandArgs = z.object({
  task: z.string().min(1),
  mode: TaskMode.default('apply'),
  context: z.array(z.object({ uri: z.string(), range: Range.optional() })).optional(),
  model: z.string().optional(),
});
export const RunTaskCommandResult = z.object({ taskId: z.string() });
export const TaskIdArgs = z.object({ taskId: z.string().min(1) });

export const CommandArgs: Record<string, z.ZodType> = {
  [Commands.runTask]: RunTaskCommandArgs,
  [Commands.cancelTask]: TaskIdArgs,
  [Commands.rollback]: TaskIdArgs,
  [Commands.showPlan]: z.object({}).optional(),
  [Commands.showStats]: z.object({}).optional(),
  [Commands.index]: z.object({}).optional(),
};
