/**
 * workspace/executeCommand: the way clients that cannot send custom requests (Helix) reach the
 * agent. `smallcode.runTask` answers at once with the task id, reports through $/progress, delivers
 * edits with versioned workspace/applyEdit and ends with a window/showMessage summary.
 */
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type Connection, type WorkspaceEdit } from 'vscode-languageserver/node.js';
import { TaskEventNotification } from '../../protocol-ext/agent.js';
import { CommandArgs, Commands, RunTaskCommandArgs, TaskIdArgs } from '../../protocol-ext/commands.js';
import type { Host } from '../agent/host.js';
import { newTaskId } from '../agent/task-runner.js';
import { errorMessage, isSmallCodeError } from '../core/errors.js';
import { mirrorDiskToBuffers } from '../edit/changeset.js';
import { editCapabilitiesFromClient } from '../edit/workspace-edit.js';
import { statsFromTraces } from '../observe/trace-stats.js';
import { describeZodError, isAbortError, toResponseError } from './error-map.js';
import type { LspContext } from './handlers.js';
import { beginProgress } from './progress.js';
import { taskHooks } from './task-hooks.js';

function notify(connection: Connection, type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

export function registerCommands(connection: Connection, host: Host, lsp: LspContext): void {
  connection.onExecuteCommand(async (params) => {
    const schema = CommandArgs[params.command];
    if (!schema) return new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${params.command}. Known: ${Object.values(Commands).join(', ')}`);
    // No argument at all is checked as an empty object, so the error names the missing fields.
    const raw: unknown = params.arguments?.[0] ?? {};
    const parsed = schema.safeParse(typeof raw === 'string' ? safeJson(raw) : raw);
    if (!parsed.success) return new ResponseError(ErrorCodes.InvalidParams, `Invalid arguments for ${params.command}: ${describeZodError(parsed.error)}`);
    try {
      switch (params.command) {
        case Commands.runTask:
          return startTask(connection, host, lsp, RunTaskCommandArgs.parse(parsed.data));
        case Commands.cancelTask:
          return { cancelled: host.cancelTask(TaskIdArgs.parse(parsed.data).taskId) };
        case Commands.rollback: {
          const { taskId } = TaskIdArgs.parse(parsed.data);
          const result = await host.rollback(taskId);
          const caps = lsp.client();
          if (caps?.workspace?.applyEdit) {
            await mirrorDiskToBuffers(host.workspace, result.restored, (edit) => connection.workspace.applyEdit({ label: `SmallCode rollback ${taskId}`, edit }), editCapabilitiesFromClient(caps));
          }
          notify(connection, MessageType.Info, `SmallCode: rolled back ${taskId} (${result.restored.length} restored, ${result.deleted.length} deleted)`);
          return result;
        }
        case Commands.showPlan: {
          const plan = host.plan();
          notify(connection, MessageType.Info, plan.markdown || 'SmallCode: no plan yet.');
          return plan;
        }
        case Commands.showStats: {
          const stats = statsFromTraces(host.root);
          notify(connection, MessageType.Info, `SmallCode: ${stats.tasks} tasks (${stats.succeeded} succeeded), ${stats.toolCalls} tool calls, ${stats.tokens.prompt + stats.tokens.completion} tokens`);
          return stats;
        }
        case Commands.index: {
          const g = host.graph();
          if (g) await g.indexed;
          return { indexed: Boolean(g) };
        }
        default:
          return new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${params.command}`);
      }
    } catch (err) {
      return toResponseError(params.command, err);
    }
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    void err; // a plain string argument is taken as the task text
    return { task: text };
  }
}

function startTask(connection: Connection, host: Host, lsp: LspContext, args: ReturnType<typeof RunTaskCommandArgs.parse>): { taskId: string } {
  const taskId = newTaskId();
  const controller = new AbortController();
  void (async () => {
    const progress = await beginProgress(connection, `SmallCode ${taskId}`, { clientSupportsCreate: Boolean(lsp.client()?.window?.workDoneProgress), cancellable: false });
    try {
      const hooks = taskHooks(connection, lsp.client(), progress);
      const result = await host.runTask({ task: args.task, mode: args.mode, ...(args.context ? { context: args.context } : {}), ...(args.model ? { model: args.model } : {}) }, hooks, controller.signal, { taskId });
      const offered = args.mode === 'propose' ? await offerProposal(connection, lsp, taskId, result.edit) : '';
      progress.done(result.summary);
      // The model's last words are the answer for questions ("explain …") and the why for failures.
      const said = result.response.trim() ? `\n${clipText(result.response.trim(), 2000)}` : '';
      notify(connection, result.success ? MessageType.Info : MessageType.Warning, `SmallCode ${taskId}: ${result.summary}${offered}${said}`);
    } catch (err) {
      progress.done();
      void connection.sendNotification(TaskEventNotification.type, { taskId, kind: 'error', text: errorMessage(err) });
      if (isAbortError(err)) notify(connection, MessageType.Warning, `SmallCode ${taskId} was cancelled; files it already changed can be restored with smallcode.rollback.`);
      else notify(connection, MessageType.Error, `SmallCode ${taskId} failed: ${editorAdvice(err)}`);
    }
  })();
  return { taskId };
}

/**
 * A task started by command cannot return its proposal, so the proposal goes to the buffers with
 * workspace/applyEdit (unsaved: the user reviews, then writes or undoes). Returns a summary suffix.
 */
async function offerProposal(connection: Connection, lsp: LspContext, taskId: string, edit: WorkspaceEdit): Promise<string> {
  const empty = !(edit.documentChanges?.length || Object.keys(edit.changes ?? {}).length);
  if (empty) return ' (no changes proposed)';
  if (!lsp.client()?.workspace?.applyEdit) return ' (proposed changes could not be shown: the editor does not accept workspace/applyEdit)';
  try {
    const r = await connection.workspace.applyEdit({ label: `SmallCode proposal ${taskId}`, edit });
    if (r.applied) return ' (proposed changes are in your buffers, unsaved: write them to keep them, undo to drop them)';
    return ` (the editor did not take the proposed changes${r.failureReason ? `: ${r.failureReason}` : ''})`;
  } catch (err) {
    return ` (the proposed changes could not be shown: ${errorMessage(err)})`;
  }
}

function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** The CLI's advice (--yes) means nothing in an editor: say which setting or mode to use instead. */
function editorAdvice(err: unknown): string {
  if (isSmallCodeError(err, 'ApprovalRequired')) {
    return `${err.message} This editor cannot ask for approval while a task runs: set SMALLCODE_AUTO_APPROVE=true in the server settings to let tasks write and run commands, or run the task with {"mode": "propose"} to review the changes before they are written.`;
  }
  const next = isSmallCodeError(err) && err.detail.next ? ` ${err.detail.next}` : '';
  return `${errorMessage(err)}${next}`;
}
