/**
 * Token estimates per model family from a linear model over character classes (words, letters, digits,
 * punctuation, whitespace runs, wide scripts) fitted to real BPE vocabularies, plus the per-message
 * overhead of chat templates and the cost of tool schemas. Pure: no tokenizer data, no I/O; the server's
 * reported usage corrects the estimate through a Calibrator.
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

/**
 * Coefficients of the linear token model: tokens ≈ Σ coefficient × feature over one scan of the text.
 * Fitted by least squares (relative error) against the o200k and cl100k BPE vocabularies on ~650 real
 * excerpts of TypeScript, JavaScript, Python, Markdown and JSON; see README.md for the held-out errors.
 */
interface TokenModel {
  /** Per run of ASCII letters (a word or identifier piece). */
  word: number;
  /** Per ASCII letter (long identifiers split into several tokens). */
  letter: number;
  /** Per group of up to three digits (tokenizers that chunk numbers) ... */
  digitGroup: number;
  /** ... or per digit (tokenizers that split numbers into single digits: Qwen, Gemma, Granite). */
  digit: number;
  /** Per punctuation character and per run of them (runs like `();` often merge). */
  punct: number;
  punctRun: number;
  newline: number;
  /** Per run of indentation / several spaces / tabs (single spaces merge into the next word). */
  spaceRun: number;
  /** Per UTF-16 unit of CJK, emoji (surrogates) and other wide scripts. */
  wide: number;
  /** Per other non-ASCII unit (accents, Cyrillic, Greek). */
  nonAscii: number;
}

const O200K: TokenModel = { word: 0.43, letter: 0.116, digitGroup: 1.52, digit: 0, punct: 0.135, punctRun: 0.739, newline: 0.273, spaceRun: 0.883, wide: 0.7, nonAscii: 0.45 };
const CL100K: TokenModel = { word: 0.422, letter: 0.115, digitGroup: 1.5, digit: 0, punct: 0.076, punctRun: 0.904, newline: 0.101, spaceRun: 0.799, wide: 1.0, nonAscii: 0.55 };

function variant(base: TokenModel, factor: number, perDigit: boolean): TokenModel {
  const m = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v * factor])) as unknown as TokenModel;
  if (perDigit) {
    m.digit = factor;
    m.digitGroup = 0;
  }
  return m;
}

interface FamilyProfile {
  model: TokenModel;
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

// The vocabulary each family's tokenizer is closest to, and a factor: about 5% brings the fitted model's
// total to ~1.0 on real files, more where the tokenizer only resembles the reference. GPT-OSS is o200k itself; Llama 3
// and Phi-4 are cl100k-based; Mistral's Tekken is a tiktoken of o200k's size; Qwen, Gemma and Granite
// split digits one by one; the generic family takes cl100k with per-digit numbers and adds 18%.
const FAMILIES: Record<ModelFamily, FamilyProfile> = {
  'gpt-oss': { model: variant(O200K, 1.05, false), perMessage: 5, perToolCall: 10, toolsPreamble: 60, perTool: 10, replyPriming: 4 },
  qwen: { model: variant(CL100K, 1.07, true), perMessage: 5, perToolCall: 12, toolsPreamble: 110, perTool: 6, replyPriming: 3 },
  llama: { model: variant(CL100K, 1.06, false), perMessage: 5, perToolCall: 10, toolsPreamble: 90, perTool: 6, replyPriming: 4 },
  gemma: { model: variant(O200K, 1.12, true), perMessage: 5, perToolCall: 12, toolsPreamble: 90, perTool: 6, replyPriming: 3 },
  mistral: { model: variant(O200K, 1.1, false), perMessage: 4, perToolCall: 12, toolsPreamble: 20, perTool: 6, replyPriming: 2 },
  deepseek: { model: variant(CL100K, 1.08, false), perMessage: 5, perToolCall: 12, toolsPreamble: 100, perTool: 6, replyPriming: 4 },
  phi: { model: variant(CL100K, 1.05, false), perMessage: 5, perToolCall: 12, toolsPreamble: 90, perTool: 6, replyPriming: 3 },
  granite: { model: variant(CL100K, 1.2, true), perMessage: 6, perToolCall: 12, toolsPreamble: 100, perTool: 6, replyPriming: 4 },
  generic: { model: variant(CL100K, 1.18, true), perMessage: 6, perToolCall: 12, toolsPreamble: 120, perTool: 8, replyPriming: 4 },
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

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 13;

/** One pass over the text, applying the model as it goes (no allocation). */
function modelTokens(text: string, m: TokenModel): number {
  let t = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) {
      let j = i + 1;
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      t += m.word + m.letter * (j - i);
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      t += m.digitGroup * Math.ceil((j - i) / 3) + m.digit * (j - i);
      i = j;
    } else if (c === 10) {
      t += m.newline;
      i++;
    } else if (isBlank(c)) {
      let j = i + 1;
      while (j < n && isBlank(text.charCodeAt(j))) j++;
      if (j - i >= 2 || c !== 32) t += m.spaceRun;
      i = j;
    } else if (c > 127) {
      t += c >= 0x2e80 ? m.wide : m.nonAscii;
      i++;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d > 32 && d < 127 && !isLetter(d) && !isDigit(d)) j++;
        else break;
      }
      t += m.punctRun + m.punct * (j - i);
      i = j;
    }
  }
  return t;
}

/** Which kind a text looks like: JSON, code or prose (for reports and hints; the estimate needs no kind). */
export function contentKind(text: string): ContentKind {
  let symbols = 0;
  let quotes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quotes++;
    else if (c === 123 || c === 125 || c === 40 || c === 41 || c === 91 || c === 93 || c === 59 || c === 61 || c === 60 || c === 62) symbols++;
  }
  const n = Math.max(1, text.length);
  const first = text.trimStart().charCodeAt(0);
  if ((first === 123 || first === 91) && quotes / n > 0.04) return 'json';
  return symbols / n > 0.035 ? 'code' : 'prose';
}

/** Raw (uncalibrated) token estimate of a text for a family. */
export function estimateTokens(text: string, family: ModelFamily = 'generic'): number {
  if (text.length === 0) return 0;
  return Math.ceil(modelTokens(text, FAMILIES[family].model));
}

/** What the budgeter needs from a token counter; swap in a real tokenizer by implementing this. */
export interface TokenEstimator {
  readonly family: ModelFamily;
  /** Multiplier applied to every raw estimate (from a Calibrator; 1 when uncalibrated). */
  scale(): number;
  text(text: string): number;
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
  const r = FAMILIES[family];
  const scaleOf = options.scale ?? (() => 1);
  const messageCache = new WeakMap<object, number>();
  const toolsCache = new WeakMap<object, number>();

  const rawMessage = (m: ChatMessage): number => {
    const hit = messageCache.get(m);
    if (hit !== undefined) return hit;
    let n = r.perMessage;
    if (m.role === 'assistant') {
      if (m.content) n += estimateTokens(m.content, family);
      if (m.reasoning_content) n += estimateTokens(m.reasoning_content, family) + 2;
      for (const call of m.tool_calls ?? []) {
        n += r.perToolCall + estimateTokens(call.function.name, family) + estimateTokens(call.function.arguments, family);
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
    for (const t of tools) n += r.perTool + estimateTokens(JSON.stringify({ type: 'function', function: t }), family);
    toolsCache.set(tools, n);
    return n;
  };

  const scaled = (n: number): number => Math.ceil(n * scaleOf());

  return {
    family,
    scale: scaleOf,
    text: (text) => scaled(estimateTokens(text, family)),
    message: (m) => scaled(rawMessage(m)),
    tools: (tools) => scaled(rawTools(tools)),
    request: (messages, tools) => {
      let n = r.replyPriming + rawTools(tools);
      for (const m of messages) n += rawMessage(m);
      return scaled(n);
    },
  };
}
