/**
 * The flat table of custom requests and commands, readable top to bottom. Each handler validates
 * (the Router does it from the protocol-ext schema), calls the core, and returns wire data. Logic
 * that grows here belongs in the core (server/agent).
 */
import { z } from 'zod';
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node.js';
import * as P from '../../protocol-ext/index.js';
import { SmallCodeError } from '../core/errors.js';
import type { Host } from '../agent/host.js';
import { mirrorDiskToBuffers } from '../edit/changeset.js';
import { editCapabilitiesFromClient } from '../edit/workspace-edit.js';
import { taskHooks } from './task-hooks.js';
import { newTaskId } from '../agent/task-runner.js';
import { beginProgress } from './progress.js';
import { registerCommands } from './commands.js';
import { statsFromTraces, tokensFromTraces } from '../observe/trace-stats.js';
import { profileResult, modelInfo } from '../agent/model-info.js';
import type { Router } from './router.js';
import { defaultCognitionStats } from '../model/prompt-fn/define.js';

export interface LspContext {
  connection: Connection;
  client: () => ClientCapabilities | undefined;
}

function needGraph(host: Host): NonNullable<ReturnType<Host['graph']>> {
  const g = host.graph();
  if (!g) {
    throw new SmallCodeError('GraphUnavailable', 'The code graph could not be opened for this workspace.', {
      next: 'Run `smallcode doctor` to see whether better-sqlite3 and tree-sitter load.',
    });
  }
  return g;
}

function needMemory(host: Host): NonNullable<ReturnType<Host['memory']>> {
  const m = host.memory();
  if (!m) throw new SmallCodeError('StoreFailed', 'Project memory could not be opened for this workspace.', { next: 'Run `smallcode doctor`.' });
  return m;
}

export function registerHandlers(r: Router, host: Host, lsp: LspContext): void {
  const { connection } = lsp;
  const supportsCreate = (): boolean => Boolean(lsp.client()?.window?.workDoneProgress);

  r.request(P.RunTask, async (params, ctx) => {
    const progress = await beginProgress(connection, 'SmallCode', { ...(params.workDoneToken !== undefined ? { token: params.workDoneToken } : {}), clientSupportsCreate: supportsCreate(), cancellable: true });
    const taskId = newTaskId();
    try {
      return await host.runTask(params, taskHooks(connection, lsp.client(), progress), ctx.signal, { taskId });
    } catch (err) {
      if (ctx.signal.aborted) void connection.sendNotification(P.TaskEventNotification.type, { taskId, kind: 'error', text: 'the task was cancelled' });
      throw err;
    } finally {
      progress.done();
    }
  });
  r.request(P.CancelTask, (params) => ({ cancelled: host.cancelTask(params.taskId) }));
  r.request(P.Rollback, async (params) => {
    const result = await host.rollback(params.taskId);
    const caps = lsp.client();
    if (caps?.workspace?.applyEdit) {
      await mirrorDiskToBuffers(host.workspace, result.restored, (edit) => connection.workspace.applyEdit({ label: `SmallCode rollback ${params.taskId}`, edit }), editCapabilitiesFromClient(caps));
    }
    return result;
  });
  r.request(P.Plan, () => host.plan());
  r.request(P.Stats, () => statsFromTraces(host.root));
  r.request(P.Tokens, (params) => tokensFromTraces(host.root, params?.taskId));
  r.request(P.Budget, () => host.budget());
  r.request(P.ModelGet, (_p, ctx) => modelInfo(host, ctx.signal));
  r.request(P.ModelSet, async (params, ctx) => {
    host.setModel(params.model);
    return modelInfo(host, ctx.signal);
  });
  r.request(P.Profile, (params) => profileResult(host, params?.model));
  r.request(P.Cognition, () => defaultCognitionStats.snapshot());
  r.request(P.GraphSearch, async (params) => {
    const g = needGraph(host);
    await g.indexed;
    return g.graph.search(params);
  });
  r.request(P.GraphExplain, async (params) => {
    const g = needGraph(host);
    await g.indexed;
    return g.graph.explain(params);
  });
  r.request(P.RepoMap, async (params) => {
    const g = needGraph(host);
    await g.indexed;
    return g.graph.repoMap({ tokens: params.tokens, ...(params.files ? { files: params.files } : {}), ...(params.identifiers ? { identifiers: params.identifiers } : {}) });
  });
  r.request(P.MemoryList, (params) => needMemory(host).list(params ?? {}));
  r.request(P.MemorySearch, (params) => needMemory(host).search(params));
  r.request(P.MemoryForget, (params) => needMemory(host).forget(params));
  registerCommands(connection, host, lsp);
}

/** Test hooks, registered only when SMALLCODE_TEST_HOOKS=1: a handler that fails like a bug would. */
export const TestThrow = P.defineRequest(
  'smallcode/experimental/testThrow',
  z.object({ message: z.string().default('boom') }).optional(),
  z.null(),
  'Test hook: throws an unexpected error (only with SMALLCODE_TEST_HOOKS=1).',
);

export function registerTestHooks(r: Router): void {
  r.request(TestThrow, (params) => {
    throw new Error(params?.message ?? 'boom');
  });
}
