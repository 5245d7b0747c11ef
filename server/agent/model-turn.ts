/**
 * One model step of a task: fit the conversation into the window, call the model, retry once with a
 * compacted conversation after a context overflow, and recover the tool calls — native ones as sent,
 * text ones through the forgiving parser. Returns data; the runner decides what to do with it.
 */
import { SmallCodeError } from '../core/errors.js';
import type { ChatMessage, ToolCall, ToolDefinition, WireToolCall } from '../model/messages.js';
import { fitConversation, type FitOptions, type FitSuccess } from '../model/budget/fit-conversation.js';
import { shrinkAfterOverflow } from '../model/budget/overflow.js';
import type { Calibrator } from '../model/budget/calibrator.js';
import type { TokenEstimator } from '../model/budget/token-estimate.js';
import { isContextOverflow, type ModelProvider } from '../model/provider/provider.js';
import type { ChatResult } from '../model/provider/types.js';
import { parseToolCalls } from '../model/tool-calls/parse-tool-calls.js';
import { readStructuredToolCall, structuredOutputBody, toolCallJsonSchema, type StructuredOutputMode } from '../model/structured-output.js';

export interface ModelTurnInput {
  provider: ModelProvider;
  history: ChatMessage[];
  tools: ToolDefinition[];
  window: number;
  reserve: number;
  estimator: TokenEstimator;
  calibrator?: Calibrator;
  fit: FitOptions;
  temperature: number;
  signal: AbortSignal;
  model?: string;
  /** Constrain the answer to one tool call (or `finish`) where the server supports JSON-schema decoding. */
  structured?: StructuredOutputMode | null;
}

/** The way out of a constrained answer: without it a JSON-schema decoder could never say "done". */
export const FINISH_TOOL: ToolDefinition = {
  name: 'finish',
  description: 'The task is done: give a short summary.',
  parameters: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] },
};

export interface ModelTurn {
  /** The fitted history the request was built from (the runner keeps it as its history). */
  history: ChatMessage[];
  result: ChatResult;
  calls: ToolCall[];
  /** Calls came as text and were recovered by the parser. */
  fromText: boolean;
  repairs: string[];
  parseError?: string;
  fitted: FitSuccess;
  /** The answer hit the output limit; its last (incomplete) tool call was dropped. */
  cutOff: boolean;
  /** An overflow answer was followed by a compacted retry. */
  overflowRetried: boolean;
  /** The context size to assume from now on after an overflow: the one the server revealed, or a smaller guess. */
  serverWindow?: number;
  estimatedPrompt: number;
}

let callSeq = 0;
export function newCallId(): string {
  callSeq = (callSeq + 1) % 1_000_000;
  return `call_${Date.now().toString(36)}_${callSeq}`;
}

export function wireCalls(calls: readonly ToolCall[]): WireToolCall[] {
  return calls.map((c) => ({ id: c.id ?? newCallId(), type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } }));
}

async function fitOrFail(input: ModelTurnInput, messages: readonly ChatMessage[]): Promise<FitSuccess> {
  const fitted = await fitConversation({ messages, tools: input.tools, window: input.window, reserve: input.reserve, estimator: input.estimator, options: input.fit });
  if (!fitted.ok) {
    throw new SmallCodeError('ContextOverflow', `The task does not fit the model's context window even after compaction: ${fitted.reason}`, {
      tried: `window ${input.window} tokens, smallest request ${fitted.estimatedTokens} tokens`,
      next: 'Load the model with a larger context (Ollama: OLLAMA_CONTEXT_LENGTH or num_ctx; llama.cpp: -c) or set SMALLCODE_CONTEXT_WINDOW to the real window.',
    });
  }
  return fitted;
}

export async function modelTurn(input: ModelTurnInput): Promise<ModelTurn> {
  let fitted = await fitOrFail(input, input.history);
  let overflowRetried = false;
  let serverWindow: number | undefined;
  const constrained = input.structured ? [...input.tools, FINISH_TOOL] : null;
  const ask = (messages: ChatMessage[]): Promise<ChatResult> =>
    input.provider.chat(
      constrained
        ? { messages, temperature: input.temperature, maxTokens: input.reserve, extraBody: structuredOutputBody(input.structured!, toolCallJsonSchema(constrained)), ...(input.model ? { model: input.model } : {}) }
        : { messages, tools: input.tools, toolChoice: 'auto', temperature: input.temperature, maxTokens: input.reserve, ...(input.model ? { model: input.model } : {}) },
      { signal: input.signal },
    );
  let result: ChatResult;
  try {
    result = await ask(fitted.messages);
  } catch (err) {
    if (!isContextOverflow(err)) throw err;
    const detail = err.detail as { promptTokens?: number; contextWindow?: number; serverMessage?: string };
    // The server's count of the rejected prompt is the truth: later turns are estimated with it.
    if (detail.promptTokens !== undefined) input.calibrator?.observeScaled(input.estimator.request(fitted.messages, input.tools), detail.promptTokens);
    const retry = await shrinkAfterOverflow({
      messages: fitted.messages,
      tools: input.tools,
      window: input.window,
      // The answer budget the loop would give the server's real window (a sixth of it), not the one
      // sized for the assumed window: on an 8k server a 32k profile's reserve leaves no room to retry.
      reserve: detail.contextWindow !== undefined && detail.contextWindow < input.window ? Math.min(input.reserve, Math.max(512, Math.floor(detail.contextWindow / 6))) : input.reserve,
      estimator: input.estimator,
      options: input.fit,
      info: { ...(detail.promptTokens !== undefined ? { promptTokens: detail.promptTokens } : {}), ...(detail.contextWindow !== undefined ? { nCtx: detail.contextWindow } : {}) },
      rejected: { messages: fitted.messages, tools: input.tools },
    });
    if (!retry.ok) throw err;
    if (detail.contextWindow !== undefined && detail.contextWindow < input.window) serverWindow = detail.contextWindow;
    // An overflow without numbers: the real window is smaller than assumed by an unknown amount, so later
    // turns assume 15% less rather than overflowing (and paying a retry) every turn.
    else if (detail.contextWindow === undefined && detail.promptTokens === undefined) serverWindow = Math.max(2048, Math.floor(input.window * 0.85));
    fitted = retry;
    overflowRetried = true;
    result = await ask(fitted.messages);
  }
  const estimatedPrompt = fitted.estimatedTokens;
  if (result.usage && input.calibrator) input.calibrator.observeScaled(estimatedPrompt, result.usage.prompt);

  const toolDefs = input.tools;
  let fromText = false;
  let repairs: string[] = [];
  const known = new Set(toolDefs.map((t) => t.name));
  // A native call to a tool we do not have (edit_file, run_command, str_replace) is mapped onto the real
  // tool with its arguments renamed, as the forgiving parser does for text calls; calls to real tools keep
  // their arguments as sent, so a wrong parameter name gets a validation error naming the right one.
  let calls: ToolCall[] = result.toolCalls.map((c) => {
    const call = { ...c, id: c.id ?? newCallId() };
    if (known.has(call.name) || toolDefs.length === 0) return call;
    const mapped = parseToolCalls(JSON.stringify({ name: call.name, arguments: call.arguments }), toolDefs).calls[0];
    if (!mapped || !known.has(mapped.name)) return call;
    repairs.push(`tool name "${call.name}" -> "${mapped.name}"`);
    return { id: call.id, name: mapped.name, arguments: mapped.arguments };
  });
  let parseError: string | undefined;
  // Native calls whose argument JSON did not parse go through the forgiving parser one by one.
  for (const bad of result.invalidToolCalls) {
    const parsed = parseToolCalls(JSON.stringify({ name: bad.name, arguments: bad.raw }), toolDefs);
    if (parsed.calls[0]) {
      calls.push({ id: bad.id, name: parsed.calls[0].name, arguments: parsed.calls[0].arguments });
      repairs.push(...parsed.repairs);
    } else {
      parseError = parsed.error ?? `the arguments of ${bad.name} are not valid JSON: ${bad.error}`;
    }
  }
  if (constrained && calls.length === 0) {
    const call = readStructuredToolCall(result.content, constrained);
    if (call?.name === FINISH_TOOL.name) {
      const summary = typeof call.arguments['summary'] === 'string' ? call.arguments['summary'] : 'Done.';
      return { cutOff: false, history: fitted.messages, result: { ...result, content: summary }, calls: [], fromText: false, repairs: [], fitted, overflowRetried, estimatedPrompt, ...(serverWindow ? { serverWindow } : {}) };
    }
    if (call) calls = [{ id: newCallId(), name: call.name, arguments: call.arguments }];
  }
  if (calls.length === 0 && toolDefs.length > 0) {
    const parsed = parseToolCalls(result.content, toolDefs, { reasoning: result.reasoning });
    if (parsed.calls.length > 0) {
      calls = parsed.calls.map((c) => ({ id: newCallId(), name: c.name, arguments: c.arguments }));
      fromText = true;
      repairs = parsed.repairs;
    }
    if (parsed.error) parseError = parsed.error;
  }
  // An answer cut at the output limit was cut inside its last call: whatever the parser made of that call
  // (a write_file whose content stops mid-line) is not what the model meant, so it never runs.
  let cutOff = false;
  if (result.finishReason === 'length' && calls.length > 0) {
    calls = calls.slice(0, -1);
    cutOff = true;
    parseError = undefined;
  } else if (result.finishReason === 'length') {
    cutOff = true;
  }
  return { cutOff, history: fitted.messages, result, calls, fromText, repairs, ...(parseError ? { parseError } : {}), fitted, overflowRetried, estimatedPrompt, ...(serverWindow ? { serverWindow } : {}) };
}
