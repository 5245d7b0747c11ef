/**
 * The shapes a task is started with: the hooks to the editor or CLI (events, progress, edits,
 * approval), the services of the workspace, limits and the run options; plus task ids. Types and
 * constants only, so callers can name them without loading the task loop.
 */
import { randomBytes } from 'node:crypto';
import type { BudgetResultT } from '../../protocol-ext/stats.js';
import type { RunTaskParamsT, TaskEventT } from '../../protocol-ext/agent.js';
import type { Config } from '../config/variables.js';
import type { ApplyEditFn } from '../edit/changeset.js';
import type { SnapshotStore } from '../edit/snapshots.js';
import type { EditClientCapabilities } from '../edit/workspace-edit.js';
import type { GraphService, MemoryService, ScratchpadService } from '../tools/define-tool.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ModelSetup } from './model-setup.js';

export interface ApprovalRequest {
  kind: 'write' | 'command';
  title: string;
  detail: string;
}

export interface TaskHooks {
  onEvent?(event: TaskEventT): void;
  onProgress?(message: string, percent?: number): void;
  /** Mirrors changes into open editor buffers (LSP workspace/applyEdit). */
  applyEdit?: ApplyEditFn;
  editCapabilities?: EditClientCapabilities;
  /** The context budget of the latest request (for smallcode/budget). */
  onBudget?(budget: BudgetResultT): void;
  /** Asks the user; absent when nobody can be asked (then approval must be given up front). */
  approve?(request: ApprovalRequest): Promise<boolean>;
}

export interface TaskServices {
  root: string;
  config: Config;
  workspace: Workspace;
  snapshots: SnapshotStore | null;
  graph?: GraphService;
  memory?: MemoryService & { evidence?(taskId: string, tool: string, args: string, ok: boolean, error?: string): void };
  repoMap?(task: string, tokens: number): Promise<string | null>;
  afterWrite?(path: string): void;
  scratchpad?: ScratchpadService;
}

export interface TaskLimits {
  maxTurns: number;
  maxToolCalls: number;
  wallClockMs: number;
  maxValidations: number;
}

export const DEFAULT_LIMITS: TaskLimits = { maxTurns: 40, maxToolCalls: 80, wallClockMs: 20 * 60_000, maxValidations: 5 };

export interface TaskRunOptions {
  params: RunTaskParamsT;
  services: TaskServices;
  setup: ModelSetup;
  hooks: TaskHooks;
  signal: AbortSignal;
  taskId?: string;
  limits?: Partial<TaskLimits>;
  /** Plan-then-execute whatever the heuristic says (a retry after a failed attempt). */
  forcePlan?: boolean;
}

export function newTaskId(): string {
  return `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
}
