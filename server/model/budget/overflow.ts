/**
 * The single retry after a server answered "context overflow": reads the numbers the server gave
 * (n_ctx, prompt tokens) from its error text and refits the conversation more aggressively. Pure; the
 * provider recognises the overflow and performs the retry.
 */
import type { ChatMessage, ToolDefinition } from '../messages.js';
import { fitConversation, requestSections, type FitInput, type FitResult } from './fit-conversation.js';
import type { TokenEstimator } from './token-estimate.js';

export interface OverflowInfo {
  /** The context size the server actually runs with (llama.cpp n_ctx, vLLM max length, ...). */
  nCtx?: number;
  /** How many prompt tokens the server counted for the rejected request. */
  promptTokens?: number;
}

const INT = '(\\d[\\d,_]*)';
const num = (s: string | undefined): number | undefined => {
  if (!s) return undefined;
  const n = Number(s.replace(/[,_]/g, ''));
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

/**
 * Extracts n_ctx and the prompt size from the wordings of llama.cpp, vLLM, LM Studio and OpenAI-style
 * servers. Returns an empty object when the text names no numbers.
 */
export function parseContextOverflow(text: string): OverflowInfo {
  const out: OverflowInfo = {};
  const pick = (patterns: RegExp[]): number | undefined => {
    for (const re of patterns) {
      const m = re.exec(text);
      const n = num(m?.[1]);
      if (n !== undefined) return n;
    }
    return undefined;
  };
  const nCtx = pick([
    new RegExp(`"n_ctx"\\s*:\\s*${INT}`),
    new RegExp(`maximum context length is ${INT}`, 'i'),
    new RegExp(`context length of only ${INT}`, 'i'),
    new RegExp(`context (?:size|window|length)[^\\d]{0,40}?\\(?${INT} tokens`, 'i'),
    new RegExp(`n_ctx(?:_slot)?\\s*[=:]\\s*${INT}`, 'i'),
  ]);
  const prompt = pick([
    new RegExp(`"n_prompt_tokens"\\s*:\\s*${INT}`),
    new RegExp(`your messages resulted in ${INT}`, 'i'),
    new RegExp(`you requested ${INT} tokens \\(${INT} in the messages`, 'i'),
    new RegExp(`keep the first ${INT} tokens`, 'i'),
    new RegExp(`request \\(${INT} tokens\\)`, 'i'),
    new RegExp(`prompt (?:is too long|has|of)[^\\d]{0,20}${INT} tokens`, 'i'),
  ]);
  // vLLM's "you requested X tokens (Y in the messages, Z in the completion)": the messages part is the prompt.
  const vllm = new RegExp(`you requested ${INT} tokens \\(${INT} in the messages`, 'i').exec(text);
  if (vllm) out.promptTokens = num(vllm[2]);
  else if (prompt !== undefined) out.promptTokens = prompt;
  if (nCtx !== undefined) out.nCtx = nCtx;
  return out;
}

/** An estimator whose every answer is multiplied by `factor` (the server counted more than we did). */
export function inflateEstimator(base: TokenEstimator, factor: number): TokenEstimator {
  const f = Math.max(1, factor);
  return {
    family: base.family,
    scale: () => base.scale() * f,
    text: (t) => Math.ceil(base.text(t) * f),
    message: (m) => Math.ceil(base.message(m) * f),
    tools: (t) => Math.ceil(base.tools(t) * f),
    request: (ms, ts) => Math.ceil(base.request(ms, ts) * f),
  };
}

export interface OverflowRetryInput extends FitInput {
  info?: OverflowInfo;
  /** The messages and tools of the request the server rejected (to compare its count with ours). */
  rejected?: { messages: readonly ChatMessage[]; tools: readonly ToolDefinition[] };
}

/**
 * A more aggressively fitted conversation for the one retry after an overflow: the window shrinks to
 * the server's n_ctx when known, the estimate is inflated by how far it undercounted, the safety margin
 * grows and every older tool result is evicted. The result is still checked against the (new) limit;
 * its `estimatedTokens` is in the caller's estimator units (not inflated).
 */
export async function shrinkAfterOverflow(input: OverflowRetryInput): Promise<FitResult> {
  const info = input.info ?? {};
  const window = info.nCtx !== undefined ? Math.min(input.window, info.nCtx) : input.window;
  let factor = 1.1;
  if (info.promptTokens !== undefined && input.rejected) {
    const ours = input.estimator.request(input.rejected.messages, input.rejected.tools);
    if (ours > 0) factor = Math.max(factor, (info.promptTokens / ours) * 1.05);
  }
  const reserve = Math.min(input.reserve, Math.floor(window / 3));
  const options = input.options ?? {};
  const result = await fitConversation({
    ...input,
    window,
    reserve,
    estimator: inflateEstimator(input.estimator, Math.min(factor, 4)),
    options: {
      ...options,
      evictAllOld: true,
      safetyMargin: Math.max(options.safetyMargin ?? 0.03, info.nCtx !== undefined || info.promptTokens !== undefined ? 0.08 : 0.2),
      maxSummaryTokens: Math.min(options.maxSummaryTokens ?? 800, 400),
    },
  });
  // Report the estimate in the caller's units, so it can feed the Calibrator like any other turn.
  if (!result.ok) return result;
  return {
    ...result,
    estimatedTokens: input.estimator.request(result.messages, input.tools),
    sections: requestSections(result.messages, input.tools, window, reserve, input.estimator),
  };
}
