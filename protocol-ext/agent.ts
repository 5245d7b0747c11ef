/** Agent tasks: run, events, cancel, rollback, plan. */
import { z } from 'zod';
import { defineNotification, defineRequest, NoParams } from './define.js';
import { Range, WorkspaceEdit } from './lsp-types.js';

export const TaskMode = z.enum(['apply', 'propose']);

export const RunTaskParams = z.object({
  task: z.string().min(1, 'task must be a non-empty description of what to do'),
  mode: TaskMode.default('apply'),
  context: z.array(z.object({ uri: z.string(), range: Range.optional() })).optional(),
  model: z.string().optional(),
  /** Skip approval prompts for writes and commands (the CLI's --yes). */
  autoApprove: z.boolean().optional(),
  workDoneToken: z.union([z.string(), z.number()]).optional(),
});

export const ToolCallRecord = z.object({
  name: z.string(),
  args: z.record(z.string(), z.unknown()),
  ok: z.boolean(),
  ms: z.number(),
  summary: z.string().optional(),
});

export const TokenUsage = z.object({
  prompt: z.number().int().min(0),
  completion: z.number().int().min(0),
  total: z.number().int().min(0),
});

export const ValidationOutcome = z.object({
  ran: z.boolean(),
  passed: z.boolean().nullable(),
  command: z.string().optional(),
  output: z.string().optional(),
});

export const RunResult = z.object({
  taskId: z.string(),
  success: z.boolean(),
  summary: z.string(),
  response: z.string(),
  edit: WorkspaceEdit,
  filesCreated: z.array(z.string()),
  filesEdited: z.array(z.string()),
  toolCalls: z.array(ToolCallRecord),
  tokens: TokenUsage,
  durationMs: z.number(),
  validation: ValidationOutcome,
  stopReason: z.string().optional(),
  /** Model requests of the task loop, and the hidden auxiliary ones (planning, summaries, repairs). */
  modelCalls: z.number().int().min(0).optional(),
  auxModelCalls: z.number().int().min(0).optional(),
  /** The task's changes as one readable unified diff. */
  diff: z.string().optional(),
});

export const RunTask = defineRequest(
  'smallcode/runTask',
  RunTaskParams,
  RunResult,
  'Run an agent task to completion. Emits smallcode/taskEvent notifications and work-done progress; cancellable with $/cancelRequest.',
);

export const TaskEventKind = z.enum(['tool_start', 'tool_end', 'message', 'plan', 'error']);
export const TaskEvent = z.object({
  taskId: z.string(),
  kind: TaskEventKind,
  name: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
  ms: z.number().optional(),
  ok: z.boolean().optional(),
  text: z.string().optional(),
});
export const TaskEventNotification = defineNotification(
  'smallcode/taskEvent',
  TaskEvent,
  'Progress of a running task: tool calls starting and ending, model messages, plan updates, errors.',
);

export const CancelTaskParams = z.object({ taskId: z.string() });
export const CancelTask = defineRequest(
  'smallcode/cancelTask',
  CancelTaskParams,
  z.object({ cancelled: z.boolean() }),
  'Cancel a running task by id (for tasks started through workspace/executeCommand).',
);

export const RollbackParams = z.object({ taskId: z.string().min(1) });
export const RollbackResult = z.object({
  taskId: z.string(),
  restored: z.array(z.string()),
  deleted: z.array(z.string()),
});
export const Rollback = defineRequest(
  'smallcode/rollback',
  RollbackParams,
  RollbackResult,
  "Restore the files a task changed to their bytes before the task; delete the files it created.",
);

export const PlanStep = z.object({
  id: z.number().int(),
  text: z.string(),
  status: z.enum(['pending', 'active', 'done', 'failed']),
});
export const PlanResult = z.object({
  taskId: z.string().nullable(),
  steps: z.array(PlanStep),
  markdown: z.string(),
});
export const Plan = defineRequest('smallcode/plan', NoParams, PlanResult, 'The current TODO plan (.smallcode/plan.md).');

export type TaskModeT = z.infer<typeof TaskMode>;
export type RunTaskParamsT = z.infer<typeof RunTaskParams>;
export type RunResultT = z.infer<typeof RunResult>;
export type TaskEventT = z.infer<typeof TaskEvent>;
export type RollbackResultT = z.infer<typeof RollbackResult>;
export type PlanResultT = z.infer<typeof PlanResult>;
export type ToolCallRecordT = z.infer<typeof ToolCallRecord>;
