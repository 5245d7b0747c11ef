/** The cognition layer: statistics of the agent's structured sub-calls (prompt functions). */
import { z } from 'zod';
import { defineRequest, NoParams } from './define.js';

export const CognitionFunctionStats = z.object({
  name: z.string(),
  calls: z.number().int().min(0),
  cacheHits: z.number().int().min(0),
  failures: z.number().int().min(0),
  repairs: z.number().int().min(0),
  p50LatencyMs: z.number().nullable(),
  tokens: z.number().int().min(0),
});

export const CognitionResult = z.object({
  functions: z.array(CognitionFunctionStats),
  totals: z.object({
    calls: z.number().int().min(0),
    cacheHits: z.number().int().min(0),
    failures: z.number().int().min(0),
    tokens: z.number().int().min(0),
  }),
});

export const Cognition = defineRequest(
  'smallcode/cognition',
  NoParams,
  CognitionResult,
  'Prompt-function statistics (classify, decompose, summarise, repair): calls, cache hits, failures, repairs, median latency, tokens.',
);

export type CognitionResultT = z.infer<typeof CognitionResult>;
