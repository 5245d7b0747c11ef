/** Accounting: task statistics, token use, the context budget. */
import { z } from 'zod';
import { defineRequest, NoParams } from './define.js';

export const StatsResult = z.object({
  tasks: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  toolCalls: z.number().int(),
  modelCalls: z.number().int(),
  tokens: z.object({ prompt: z.number().int(), completion: z.number().int() }),
  byModel: z.record(z.string(), z.object({ calls: z.number().int(), failures: z.number().int() })),
});
export const Stats = defineRequest('smallcode/stats', NoParams, StatsResult, 'Totals over the traced tasks of this workspace.');

export const TokenCall = z.object({
  taskId: z.string(),
  model: z.string(),
  purpose: z.string(),
  prompt: z.number().int(),
  completion: z.number().int(),
  estimated: z.boolean(),
  at: z.string(),
});
export const TokensParams = z.object({ taskId: z.string().optional() }).optional();
export const TokensResult = z.object({
  calls: z.array(TokenCall),
  totals: z.object({ prompt: z.number().int(), completion: z.number().int(), calls: z.number().int() }),
});
export const Tokens = defineRequest('smallcode/tokens', TokensParams, TokensResult, 'Token use per model call and totals.');

export const BudgetSection = z.object({ name: z.string(), tokens: z.number().int(), percent: z.number() });
export const BudgetResult = z.object({
  model: z.string().nullable(),
  contextWindow: z.number().int(),
  used: z.number().int(),
  sections: z.array(BudgetSection),
});
export const Budget = defineRequest('smallcode/budget', NoParams, BudgetResult, 'How the context window is split for the current (or last) turn.');

export type StatsResultT = z.infer<typeof StatsResult>;
export type TokensResultT = z.infer<typeof TokensResult>;
export type BudgetResultT = z.infer<typeof BudgetResult>;
