/**
 * Connects a running task to the editor: task events as smallcode/taskEvent notifications,
 * progress as $/progress, edits mirrored with workspace/applyEdit (the answer's `applied` is checked
 * by the changeset), and approval through window/showMessageRequest when the client offers it.
 */
import { MessageType, ShowMessageRequest, type ClientCapabilities, type Connection } from 'vscode-languageserver/node.js';
import { TaskEventNotification } from '../../protocol-ext/agent.js';
import type { TaskHooks } from '../agent/task-runner.js';
import { editCapabilitiesFromClient } from '../edit/workspace-edit.js';
import type { Progress } from './progress.js';

export function taskHooks(connection: Connection, caps: ClientCapabilities | undefined, progress: Progress): TaskHooks {
  const hooks: TaskHooks = {
    onEvent: (ev) => void connection.sendNotification(TaskEventNotification.type, ev),
    onProgress: (message, percent) => progress.report(message, percent),
    editCapabilities: editCapabilitiesFromClient(caps),
  };
  if (caps?.workspace?.applyEdit) {
    hooks.applyEdit = async (edit) => {
      const r = await connection.workspace.applyEdit({ label: 'SmallCode', edit });
      return { applied: r.applied, ...(r.failureReason ? { failureReason: r.failureReason } : {}) };
    };
  }
  // Helix and other clients without showMessageRequest cannot be asked: the task then needs approval up front.
  if (caps?.window?.showMessage) {
    hooks.approve = async (req) => {
      const answer = await connection.sendRequest(ShowMessageRequest.type, {
        type: MessageType.Info,
        message: `${req.title}\n\n${req.detail}`,
        actions: [{ title: 'Allow' }, { title: 'Deny' }],
      });
      return answer?.title === 'Allow';
    };
  }
  return hooks;
}
