/**
 * workspace/executeCommand: the way clients that cannot send custom requests (Helix) reach the
 * agent. `smallcode.runTask` answers at once with the task id, reports through $/progress, delivers
 * edits with versioned workspace/applyEdit and ends with a window/showMessage summary.
 */
import { ErrorCodes, MessageType, ResponseError, ShowMessageNotification, type Connection } from 'vscode-languageserver/node.js';
import { TaskEventNotification } from '../../protocol-ext/agent.js';
import { CommandArgs, Commands, RunTaskCommandArgs, TaskIdArgs } from '../../protocol-ext/commands.js';
import type { Host } from '../agent/host.js';
import { newTaskId } from '../agent/task-runner.js';
import { errorMessage } from '../core/errors.js';
import { mirrorDiskToBuffers } from '../edit/changeset.js';
import { editCapabilitiesFromClient } from '../edit/workspace-edit.js';
import { statsFromTraces } from '../observe/trace-stats.js';
import { describeZodError, toResponseError } from './error-map.js';
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
    const raw = params.arguments?.[0];
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
      progress.done(result.summary);
      notify(connection, result.success ? MessageType.Info : MessageType.Warning, `SmallCode ${taskId}: ${result.summary}`);
    } catch (err) {
      progress.done();
      void connection.sendNotification(TaskEventNotification.type, { taskId, kind: 'error', text: errorMessage(err) });
      notify(connection, MessageType.Error, `SmallCode ${taskId} failed: ${errorMessage(err)}`);
    }
  })();
  return { taskId };
}
