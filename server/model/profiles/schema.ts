/**
 * The shape of a model profile (one YAML file per family), validated with zod: context length,
 * tool-call style, thinking tags and switch, stop sequences, temperature, weaknesses, name patterns,
 * and size/variant overrides. Pure schema; loading and matching live in their own files.
 */
import { z } from 'zod';

export const TOOL_CALL_STYLES = ['native', 'hermes', 'json', 'xml', 'pythonic', 'text'] as const;

const Pattern = z.string().min(1).refine((p) => {
  try {
    new RegExp(p, 'i');
    return true;
  } catch (err) {
    void err;
    return false;
  }
}, 'must be a valid regular expression');

/** How thinking is switched off for this family when SMALLCODE_THINKING_DISABLE=true. */
export const ThinkingSwitch = z.object({
  /** Appended to the system message (Qwen3's soft switch `/no_think`). */
  systemSuffix: z.string().optional(),
  /** Sent as `chat_template_kwargs` (llama.cpp --jinja, vLLM, SGLang). */
  templateKwargs: z.record(z.string(), z.unknown()).optional(),
  /** Sent as `reasoning_effort` (GPT-OSS: the lowest effort; it cannot be switched off). */
  reasoningEffort: z.enum(['low', 'medium', 'high']).optional(),
}).strict();

export const Thinking = z.object({
  /** Tag names of inline reasoning blocks (`think` for `<think>...</think>`). */
  tags: z.array(z.string().min(1)).default(['think']),
  /** Whether the model reasons by default. */
  default: z.enum(['on', 'off', 'always']).default('on'),
  /** Absent: the family has no switch (thinking stays as it is). */
  disable: ThinkingSwitch.optional(),
}).strict();

const ProfileFields = {
  name: z.string().min(1),
  /** Context window the model was trained for (servers often run less; the server's number wins). */
  contextWindow: z.number().int().min(512),
  /** How tools are offered: `native` = OpenAI `tools`; the others describe the protocol in the prompt in that format. */
  toolCallStyle: z.enum(TOOL_CALL_STYLES),
  /** The format the model falls back to when it writes a call as text (a hint for the forgiving parser). */
  textToolFormat: z.enum(TOOL_CALL_STYLES).optional(),
  thinking: Thinking.optional(),
  stop: z.array(z.string()).default([]),
  /** Agent temperature we recommend for this family (coding wants low; some vendors insist on their own). */
  temperature: z.number().min(0).max(2),
  topP: z.number().min(0).max(1).optional(),
  weaknesses: z.array(z.string()).default([]),
  /** Constrain tool calls with a JSON schema where the server supports it: auto = when the style is not native. */
  structuredOutput: z.enum(['auto', 'on', 'off']).default('auto'),
  /** The model mishandles a system message (fold it into the first user message). */
  noSystemRole: z.boolean().default(false),
  notes: z.string().optional(),
};

/** A size or release within a family whose numbers differ (e.g. `gemma3:1b` has a 32k window). */
export const Variant = z.object({
  pattern: Pattern,
  contextWindow: ProfileFields.contextWindow.optional(),
  toolCallStyle: ProfileFields.toolCallStyle.optional(),
  textToolFormat: ProfileFields.textToolFormat,
  thinking: Thinking.nullable().optional(),
  temperature: ProfileFields.temperature.optional(),
  weaknesses: z.array(z.string()).optional(),
  structuredOutput: z.enum(['auto', 'on', 'off']).optional(),
  noSystemRole: z.boolean().optional(),
  notes: z.string().optional(),
}).strict();

export const ModelProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
  /** Case-insensitive regular expressions tried against the model name as the server lists it. */
  patterns: z.array(Pattern).default([]),
  /** Higher wins when several profiles match (families whose names contain another's: qwen3-coder > qwen3). */
  priority: z.number().int().default(0),
  ...ProfileFields,
  variants: z.array(Variant).default([]),
}).strict();

export type ModelProfile = z.infer<typeof ModelProfileSchema>;
export type ThinkingSwitchT = z.infer<typeof ThinkingSwitch>;
export type ThinkingT = z.infer<typeof Thinking>;
export type VariantT = z.infer<typeof Variant>;
