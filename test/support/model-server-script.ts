/**
 * The script language of the scripted model server: answers, faults, and the context-overflow
 * bodies each real server sends (llama.cpp, LM Studio, vLLM, Ollama, OpenAI). Data shapes and
 * pure builders only; the HTTP side is model-server.ts.
 */

/** One scripted tool call; `arguments` may be an object (serialised) or a raw string sent verbatim. */
export interface ScriptToolCall {
  id?: string;
  name: string;
  arguments: Record<string, unknown> | string;
}

export interface ScriptUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
}

/** A normal answer. Every field is optional; an empty object answers an empty assistant message. */
export interface ScriptAnswer {
  content?: string;
  /** Reasoning text; sent in the field named by `reasoningField` (default `reasoning_content`). */
  reasoning?: string;
  /** `think` inlines the reasoning into content as `<think>...</think>` (as Ollama without a parser does). */
  reasoningField?: 'reasoning_content' | 'reasoning' | 'think';
  toolCalls?: ScriptToolCall[];
  usage?: ScriptUsage;
  finishReason?: string;
  /** Characters per streamed content delta (default 8). */
  chunkSize?: number;
  /** Number of string fragments each tool call's arguments are split into when streamed (default 3). */
  argFragments?: number;
  /** Wait this long before answering at all. */
  delayMs?: number;
  /** Wait this long between streamed chunks. */
  chunkDelayMs?: number;
  /** Streamed only: after this many chunks stop writing and keep the connection open (a stall mid-stream). */
  stallAfterChunks?: number;
  /** Omit the final `data: [DONE]` line (some servers do). */
  omitDone?: boolean;
}

export type OverflowFlavor = 'llamacpp' | 'lmstudio' | 'vllm' | 'ollama' | 'openai';

export type ScriptFault =
  | { fault: 'http500'; message?: string }
  | { fault: 'http503'; message?: string }
  /** HTTP 429 with `Retry-After: <retryAfter>` seconds (default 0) and optionally `retry-after-ms`. */
  | { fault: 'http429'; retryAfter?: number | string; retryAfterMs?: number }
  /** Never answers (or answers `then` after `ms` milliseconds). */
  | { fault: 'stall'; ms?: number; then?: ScriptAnswer }
  /** Streams `afterChunks` chunks of `answer` (default 2), then resets the TCP connection. 0 = reset before any byte. */
  | { fault: 'drop'; afterChunks?: number; answer?: ScriptAnswer }
  /** The HTTP 400 a server sends for a prompt larger than its context window, in that server's wording. */
  | { fault: 'overflow'; flavor?: OverflowFlavor; nPromptTokens?: number; nCtx?: number }
  /** Any status with any JSON (or text) body. */
  | { fault: 'error'; status: number; body: unknown; headers?: Record<string, string> };

export type ScriptItem = ScriptAnswer | ScriptFault;

export function overflowBody(flavor: OverflowFlavor, nPrompt: number, nCtx: number): { status: number; body: unknown } {
  switch (flavor) {
    case 'llamacpp':
      return {
        status: 400,
        body: {
          error: {
            code: 400,
            message: 'the request exceeds the available context size, try increasing it',
            type: 'exceed_context_size_error',
            n_prompt_tokens: nPrompt,
            n_ctx: nCtx,
          },
        },
      };
    case 'lmstudio':
      return {
        status: 400,
        body: {
          error: `Trying to keep the first ${nPrompt} tokens when context the overflows. However, the model is loaded with context length of only ${nCtx} tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input`,
        },
      };
    case 'vllm':
      return {
        status: 400,
        body: {
          object: 'error',
          message: `This model's maximum context length is ${nCtx} tokens. However, you requested ${nPrompt} tokens (${nPrompt - 16} in the messages, 16 in the completion). Please reduce the length of the messages or completion.`,
          type: 'BadRequestError',
          param: null,
          code: 400,
        },
      };
    case 'ollama':
      return {
        status: 400,
        body: { error: { message: `prompt too long; exceeded max context length by ${nPrompt - nCtx} tokens`, type: 'invalid_request_error', param: null, code: null } },
      };
    case 'openai':
      return {
        status: 400,
        body: {
          error: {
            message: `This model's maximum context length is ${nCtx} tokens. However, your messages resulted in ${nPrompt} tokens. Please reduce the length of the messages.`,
            type: 'invalid_request_error',
            param: 'messages',
            code: 'context_length_exceeded',
          },
        },
      };
  }
}
