/**
 * Structured output: a JSON schema constraining an answer to exactly one call of one offered tool
 * (`anyOf` a branch per tool: `{name: enum[tool], arguments: tool.parameters}`), the request fields
 * that ask a server to decode under it, and when to use it. Pure; off unless the server kind is known.
 */
import type { JsonSchema, ToolCall, ToolDefinition } from './messages.js';
import type { ModelProfile } from './profiles/schema.js';

export type ServerKindLike = 'ollama' | 'lmstudio' | 'llamacpp' | 'vllm' | 'unknown';

/** `response_format` json_schema (llama.cpp, LM Studio, Ollama's /v1, vLLM) or vLLM's older `guided_json`. */
export type StructuredOutputMode = 'response_format' | 'guided_json';

export interface StructuredOutputChoice {
  mode: StructuredOutputMode | null;
  reason: string;
}

/** The union of the tools' call shapes. Tools without a usable parameters object accept any object. */
export function toolCallJsonSchema(tools: readonly ToolDefinition[]): JsonSchema {
  const branches = tools.map((t) => {
    const params = t.parameters && typeof t.parameters === 'object' && Object.keys(t.parameters).length > 0 ? t.parameters : { type: 'object' };
    return {
      type: 'object',
      properties: { name: { type: 'string', enum: [t.name] }, arguments: params },
      required: ['name', 'arguments'],
      additionalProperties: false,
    };
  });
  if (branches.length === 1) return branches[0]!;
  return { type: 'object', anyOf: branches };
}

/** Request fields for the chosen mode; merge them into the request's extra body. */
export function structuredOutputBody(mode: StructuredOutputMode, schema: JsonSchema, name = 'tool_call'): Record<string, unknown> {
  if (mode === 'guided_json') return { guided_json: schema };
  return { response_format: { type: 'json_schema', json_schema: { name, strict: true, schema } } };
}

/**
 * On when the server kind is known and the profile asks for it (`on`), or leaves it to us (`auto`)
 * and does not trust the model with native tools. Unknown servers: off (a cloud or proxy may reject it).
 */
export function chooseStructuredOutput(profile: Pick<ModelProfile, 'structuredOutput' | 'toolCallStyle' | 'id'>, serverKind: ServerKindLike): StructuredOutputChoice {
  if (profile.structuredOutput === 'off') return { mode: null, reason: `profile ${profile.id} turns structured output off` };
  if (serverKind === 'unknown') return { mode: null, reason: 'server kind unknown; structured output stays off' };
  if (profile.structuredOutput === 'auto' && profile.toolCallStyle === 'native') {
    return { mode: null, reason: `profile ${profile.id} uses native tool calls` };
  }
  return { mode: 'response_format', reason: `${serverKind} supports response_format json_schema; profile ${profile.id} (${profile.toolCallStyle}) is constrained to the tool schemas` };
}

/** Reads a constrained answer (`{"name": ..., "arguments": {...}}`), tolerating a fence or text around it. */
export function readStructuredToolCall(content: string, tools: readonly ToolDefinition[]): ToolCall | null {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let v: unknown;
  try {
    v = JSON.parse(content.slice(start, end + 1));
  } catch (err) {
    void err; // a constrained decoder should never produce this; the forgiving parser gets the text
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as { name?: unknown; arguments?: unknown };
  if (typeof o.name !== 'string' || !tools.some((t) => t.name === o.name)) return null;
  const args = o.arguments && typeof o.arguments === 'object' && !Array.isArray(o.arguments) ? (o.arguments as Record<string, unknown>) : {};
  return { name: o.name, arguments: args };
}
