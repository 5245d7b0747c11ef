/**
 * The provider's request and result shapes: what the agent sends to one model call and what comes
 * back (content, reasoning kept apart, assembled tool calls, usage, attempts). Pure types; no I/O.
 */
import type { ChatMessage, ToolCall, ToolDefinition, WireToolCall } from '../messages.js';

/** Token usage as the server reported it (the truth the budget engine recalibrates against). */
export interface Usage {
  prompt: number;
  completion: number;
  total: number;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Offered natively as OpenAI `tools`; omit for a text-only answer. */
  tools?: ToolDefinition[];
  toolChoice?: 'auto' | 'none' | 'required';
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  /** Overrides the provider's model for this call. */
  model?: string;
  /** Extra top-level body fields (structured output, chat_template_kwargs, ...), merged last. */
  extraBody?: Record<string, unknown>;
  /** Stream the answer (default true). Tool calls and usage are assembled either way. */
  stream?: boolean;
}

/** A native tool call whose `arguments` string did not parse as a JSON object (left to the forgiving parser). */
export interface InvalidToolCall {
  id: string;
  name: string;
  raw: string;
  error: string;
}

export interface ChatResult {
  model: string;
  /** Answer text with reasoning blocks removed. */
  content: string;
  /** Reasoning text from `reasoning_content` / `reasoning` fields or inline `<think>` blocks. */
  reasoning: string;
  /** Native tool calls with arguments parsed to objects. */
  toolCalls: ToolCall[];
  /** The same calls as sent on the wire (for the assistant message in history). */
  wireToolCalls: WireToolCall[];
  invalidToolCalls: InvalidToolCall[];
  finishReason: string | null;
  usage: Usage | null;
  /** HTTP attempts made (1 when the first try succeeded). */
  attempts: number;
  durationMs: number;
}

export type StreamDelta = { content?: string; reasoning?: string; toolCall?: { index: number; name?: string; argumentsFragment?: string } };

export type ProviderEvent =
  | { type: 'retry'; attempt: number; waitMs: number; reason: string }
  | { type: 'attempt'; attempt: number };

export interface CallOptions {
  signal?: AbortSignal;
  /** Streamed pieces as they arrive. After a `retry` event the deltas start again from the beginning. */
  onDelta?: (delta: StreamDelta) => void;
  onEvent?: (event: ProviderEvent) => void;
}
