/**
 * Calibrated token estimates per model family and content kind (code, prose, JSON), including the
 * per-message overhead of chat templates and the cost of tool schemas. Pure: no tokenizer data, no I/O;
 * the server's reported usage corrects the estimate through a Calibrator.
 */
import type { ChatMessage, ToolDefinition } from '../messages.js';

export type ModelFamily =
  | 'qwen'
  | 'llama'
  | 'gemma'
  | 'mistral'
  | 'deepseek'
  | 'phi'
  | 'granite'
  | 'gpt-oss'
  | 'generic';

export type ContentKind = 'code' | 'prose' | 'json';

interface FamilyRatios {
  /** ASCII characters per token for each content kind. */
  prose: number;
  code: number;
  json: number;
  /** Tokens per non-ASCII code unit (CJK, accents, emoji halves). */
  nonAscii: number;
  /** Template tokens around every message (role header, end marker, newline). */
  perMessage: number;
  /** Template tokens around one tool call or one tool result. */
  perToolCall: number;
  /** Fixed text a template adds when tools are offered ("# Tools ... <tools></tools>"). */
  toolsPreamble: number;
  /** Tokens wrapping each tool schema. */
  perTool: number;
  /** Tokens that open the assistant's reply (generation prompt). */
  replyPriming: number;
}

// Ratios measured informally against the families' tokenizers on mixed TypeScript/Python sources,
// English prose and tool-call JSON; they lean low (more tokens) so the budget errs on the safe side.
const RATIOS: Record<ModelFamily, FamilyRatios> = {
  'gpt-oss': { prose: 4.3, code: 3.5, json: 3.1, nonAscii: 0.7, perMessage: 5, perToolCall: 10, toolsPreamble: 60, perTool: 10, replyPriming: 4 },
  qwen: { prose: 4.1, code: 3.3, json: 2.9, nonAscii: 0.75, perMessage: 5, perToolCall: 12, toolsPreamble: 110, perTool: 6, replyPriming: 3 },
  llama: { prose: 4.1, code: 3.3, json: 2.9, nonAscii: 0.8, perMessage: 5, perToolCall: 10, toolsPreamble: 90, perTool: 6, replyPriming: 4 },
  gemma: { prose: 4.2, code: 3.2, json: 2.9, nonAscii: 0.7, perMessage: 5, perToolCall: 12, toolsPreamble: 90, perTool: 6, replyPriming: 3 },
  mistral: { prose: 3.9, code: 3.1, json: 2.8, nonAscii: 0.85, perMessage: 4, perToolCall: 12, toolsPreamble: 20, perTool: 6, replyPriming: 2 },
  deepseek: { prose: 4.0, code: 3.2, json: 2.9, nonAscii: 0.8, perMessage: 5, perToolCall: 12, toolsPreamble: 100, perTool: 6, replyPriming: 4 },
  phi: { prose: 4.1, code: 3.3, json: 2.9, nonAscii: 0.9, perMessage: 5, perToolCall: 12, toolsPreamble: 90, perTool: 6, replyPriming: 3 },
  granite: { prose: 3.7, code: 2.9, json: 2.6, nonAscii: 1.0, perMessage: 6, perToolCall: 12, toolsPreamble: 100, perTool: 6, replyPriming: 4 },
  generic: { prose: 3.6, code: 2.9, json: 2.6, nonAscii: 1.0, perMessage: 6, perToolCall: 12, toolsPreamble: 120, perTool: 8, replyPriming: 4 },
};

const FAMILY_PATTERNS: [RegExp, ModelFamily][] = [
  [/gpt-?oss|o200k|gpt-4o|gpt-4\.1|gpt-5|\bo[134]\b/i, 'gpt-oss'],
  [/qwen|qwq/i, 'qwen'],
  [/gemma/i, 'gemma'],
  [/mistral|devstral|codestral|mixtral|ministral|magistral/i, 'mistral'],
  [/deepseek-r1-distill-qwen|r1-distill-qwen/i, 'qwen'],
  [/deepseek-r1-distill-llama|r1-distill-llama/i, 'llama'],
  [/deepseek/i, 'deepseek'],
  [/llama|hermes-3/i, 'llama'],
  [/phi-?[34]/i, 'phi'],
  [/granite/i, 'granite'],
];

/** The tokenizer family of a model name such as `qwen2.5-coder:14b` or `bartowski/Llama-3.1-8B-GGUF`. */
export function familyOf(modelName: string | null | undefined): ModelFamily {
  if (!modelName) return 'generic';
  for (const [re, family] of FAMILY_PATTERNS) if (re.test(modelName)) return family;
  return 'generic';
}

interface TextStats {
  ascii: number;
  nonAscii: number;
  kind: ContentKind;
}

function scanText(text: string): TextStats {
  let nonAscii = 0;
  let symbols = 0;
  let quotes = 0;
  let indented = 0;
  let lines = 1;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) {
      nonAscii++;
      atLineStart = false;
      continue;
    }
    if (c === 10) {
      lines++;
      atLineStart = true;
      continue;
    }
    if (atLineStart) {
      if (c === 32 || c === 9) indented++;
      atLineStart = false;
    }
    switch (c) {
      case 123: case 125: case 40: case 41: case 91: case 93: case 59: case 61: case 60: case 62:
        symbols++;
        break;
      case 34:
        quotes++;
        break;
      default:
        break;
    }
  }
  const ascii = text.length - nonAscii;
  const n = Math.max(1, text.length);
  let kind: ContentKind = 'prose';
  const first = text.trimStart().charCodeAt(0);
  if ((first === 123 || first === 91) && quotes / n > 0.04) kind = 'json';
  else if (symbols / n > 0.035 || (lines > 3 && indented / lines > 0.3 && symbols / n > 0.015)) kind = 'code';
  return { ascii, nonAscii, kind };
}

/** Which kind a text looks like (drives the chars-per-token ratio). */
export function contentKind(text: string): ContentKind {
  return scanText(text).kind;
}

/** Raw (uncalibrated) token estimate of a text for a family. */
export function estimateTokens(text: string, family: ModelFamily = 'generic', kind?: ContentKind): number {
  if (text.length === 0) return 0;
  const r = RATIOS[family];
  const s = scanText(text);
  const ratio = r[kind ?? s.kind];
  return Math.ceil(s.ascii / ratio + s.nonAscii * r.nonAscii);
}

/** What the budgeter needs from a token counter; swap in a real tokenizer by implementing this. */
export interface TokenEstimator {
  readonly family: ModelFamily;
  /** Multiplier applied to every raw estimate (from a Calibrator; 1 when uncalibrated). */
  scale(): number;
  text(text: string, kind?: ContentKind): number;
  /** One message including its template overhead, tool calls and reasoning. */
  message(message: ChatMessage): number;
  /** A whole request: messages, tool schemas and the reply priming. */
  request(messages: readonly ChatMessage[], tools: readonly ToolDefinition[]): number;
  tools(tools: readonly ToolDefinition[]): number;
}

export interface EstimatorOptions {
  /** A source of the current calibration multiplier (see Calibrator.scale). */
  scale?: () => number;
}

/**
 * Builds an estimator for a family. Raw per-message counts are cached by object identity (messages
 * are treated as immutable), so re-estimating a 100-turn history each turn costs a map lookup per message.
 */
export function createEstimator(family: ModelFamily = 'generic', options: EstimatorOptions = {}): TokenEstimator {
  const r = RATIOS[family];
  const scaleOf = options.scale ?? (() => 1);
  const messageCache = new WeakMap<object, number>();
  const toolsCache = new WeakMap<object, number>();

  const rawMessage = (m: ChatMessage): number => {
    const hit = messageCache.get(m);
    if (hit !== undefined) return hit;
    let n = r.perMessage;
    if (m.role === 'assistant') {
      if (m.content) n += estimateTokens(m.content, family);
      if (m.reasoning_content) n += estimateTokens(m.reasoning_content, family, 'prose') + 2;
      for (const call of m.tool_calls ?? []) {
        n += r.perToolCall + estimateTokens(call.function.name, family, 'code') + estimateTokens(call.function.arguments, family, 'json');
      }
    } else if (m.role === 'tool') {
      n += r.perToolCall + estimateTokens(m.content, family);
    } else {
      n += estimateTokens(m.content, family);
    }
    messageCache.set(m, n);
    return n;
  };

  const rawTools = (tools: readonly ToolDefinition[]): number => {
    if (tools.length === 0) return 0;
    const hit = toolsCache.get(tools);
    if (hit !== undefined) return hit;
    let n = r.toolsPreamble;
    for (const t of tools) n += r.perTool + estimateTokens(JSON.stringify({ type: 'function', function: t }), family, 'json');
    toolsCache.set(tools, n);
    return n;
  };

  const scaled = (n: number): number => Math.ceil(n * scaleOf());

  return {
    family,
    scale: scaleOf,
    text: (text, kind) => scaled(estimateTokens(text, family, kind)),
    message: (m) => scaled(rawMessage(m)),
    tools: (tools) => scaled(rawTools(tools)),
    request: (messages, tools) => {
      let n = r.replyPriming + rawTools(tools);
      for (const m of messages) n += rawMessage(m);
      return scaled(n);
    },
  };
}
