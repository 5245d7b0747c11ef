/**
 * The flat table of custom requests, readable top to bottom. Each handler validates (the Router
 * does it from the protocol-ext schema), calls the core, and returns wire data. Logic that grows
 * here belongs in the core.
 */
import { z } from 'zod';
import * as P from '../../protocol-ext/index.js';
import { SmallCodeError } from '../core/errors.js';
import type { Host } from '../agent/host.js';
import type { Router } from './router.js';

function notYet(feature: string): never {
  throw new SmallCodeError('NotImplemented', `${feature} is not available in this build of smallcode yet.`, {
    tried: feature,
    next: 'Update smallcode; see the README for the features of this version.',
  });
}

export function registerHandlers(r: Router, host: Host): void {
  r.request(P.RunTask, () => notYet('smallcode/runTask (the agent)'));
  r.request(P.CancelTask, () => notYet('smallcode/cancelTask'));
  r.request(P.Rollback, () => notYet('smallcode/rollback'));
  r.request(P.Plan, () => notYet('smallcode/plan'));
  r.request(P.Stats, () => notYet('smallcode/stats'));
  r.request(P.Tokens, () => notYet('smallcode/tokens'));
  r.request(P.Budget, () => notYet('smallcode/budget'));
  r.request(P.ModelGet, () => notYet('smallcode/model/get'));
  r.request(P.ModelSet, () => notYet('smallcode/model/set'));
  r.request(P.Profile, () => notYet('smallcode/profile'));
  r.request(P.GraphSearch, () => notYet('smallcode/graph/search'));
  r.request(P.GraphExplain, () => notYet('smallcode/graph/explain'));
  r.request(P.RepoMap, () => notYet('smallcode/graph/repoMap'));
  r.request(P.MemoryList, () => notYet('smallcode/memory/list'));
  r.request(P.MemorySearch, () => notYet('smallcode/memory/search'));
  r.request(P.MemoryForget, () => notYet('smallcode/memory/forget'));
  void host;
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
