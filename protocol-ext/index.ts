/**
 * The SmallCode custom protocol: every `smallcode/*` method with its schemas and types.
 * This barrel is the package boundary; files inside protocol-ext/ import each other directly.
 */
import type { AnyNotificationDef, AnyRequestDef } from './define.js';
import { CancelTask, Plan, Rollback, RunTask, TaskEventNotification } from './agent.js';
import { Budget, Stats, Tokens } from './stats.js';
import { ModelGet, ModelSet, Profile } from './model.js';
import { GraphExplain, GraphSearch, RepoMap } from './graph.js';
import { MemoryForget, MemoryList, MemorySearch } from './memory.js';
import { Cognition } from './cognition.js';

export * from './define.js';
export * from './lsp-types.js';
export * from './version.js';
export * from './agent.js';
export * from './stats.js';
export * from './model.js';
export * from './graph.js';
export * from './memory.js';
export * from './cognition.js';
export * from './commands.js';

/** Every request of the custom protocol, in reference-document order. */
export const REQUESTS: readonly AnyRequestDef[] = [
  RunTask,
  CancelTask,
  Rollback,
  Plan,
  Stats,
  Tokens,
  Budget,
  ModelGet,
  ModelSet,
  Profile,
  GraphSearch,
  GraphExplain,
  RepoMap,
  MemoryList,
  MemorySearch,
  MemoryForget,
  Cognition,
] as readonly AnyRequestDef[];

export const NOTIFICATIONS: readonly AnyNotificationDef[] = [TaskEventNotification] as readonly AnyNotificationDef[];

/** Feature names advertised under `experimental.smallcode.features`. */
export const FEATURES = ['tasks', 'rollback', 'plan', 'stats', 'tokens', 'budget', 'model', 'profile', 'cognition', 'graph', 'memory', 'codeActions', 'executeCommand'] as const;
