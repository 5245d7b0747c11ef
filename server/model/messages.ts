/**
 * The conversation and tool shapes shared by the provider, the parser, the budgeter and the agent.
 * They mirror the OpenAI chat-completions wire format so no conversion is needed at the edge.
 * Pure types; no I/O.
 */

/** A JSON Schema object as used in OpenAI tool definitions (`{type: 'object', properties, required}`). */
export type JsonSchema = { [key: string]: unknown };

export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: JsonSchema;
}

/** A call recovered from the model (natively or by the forgiving parser). */
export interface ToolCall {
  id?: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[]; reasoning_content?: string }
  | { role: 'tool'; tool_call_id: string; content: string; name?: string };

export type ChatRole = ChatMessage['role'];
