/**
 * Recognises a server's "prompt larger than the context window" answer in the wordings of llama.cpp,
 * LM Studio, vLLM, Ollama and OpenAI-style clouds, and pulls out the token numbers when given.
 * Pure string matching; it must not match ordinary 400s (bad template, unknown field).
 */

export interface OverflowInfo {
  /** Tokens the prompt needed, when the server said. */
  promptTokens?: number;
  /** The window the server runs with, when the server said. */
  contextWindow?: number;
  /** The server's own words. */
  serverMessage: string;
}

const WORDINGS: RegExp[] = [
  /exceeds? the available context size/i, // llama.cpp server
  /exceed_context_size_error/i, // llama.cpp error type
  /context_length_exceeded/i, // OpenAI / DeepSeek code
  /maximum context length is \d+/i, // vLLM, OpenAI
  /when context the overflows|context overflow|context length of only \d+/i, // LM Studio
  /tokens to keep from the initial prompt is greater than the context length/i, // llama.cpp in LM Studio (older)
  /prompt too long; exceeded (max )?context length/i, // Ollama runner
  /input length exceeds (the )?maximum context length|exceeds the context length/i, // Ollama
  /(prompt|input) (is )?too long for (the )?context/i,
  /context (window|length|size) (has been |was )?exceeded/i,
  /prompt_too_long|prompt is too long/i, // Anthropic-compatible
];

function num(re: RegExp, text: string): number | undefined {
  const m = re.exec(text);
  if (!m?.[1]) return undefined;
  const n = Number(m[1].replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

function pickNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * `status` is the HTTP status (undefined for an error event inside a stream); `body` the parsed error
 * object (the `error` member or the whole JSON); `message` the message text.
 */
export function recognizeContextOverflow(status: number | undefined, message: string, body?: unknown): OverflowInfo | null {
  if (status !== undefined && status !== 400 && status !== 413 && status !== 422 && status !== 500) return null;
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const text = [message, typeof b.message === 'string' ? b.message : '', typeof b.type === 'string' ? b.type : '', typeof b.code === 'string' ? b.code : ''].join(' \n ');
  if (!WORDINGS.some((re) => re.test(text))) return null;
  const info: OverflowInfo = { serverMessage: (typeof b.message === 'string' && b.message) || message };
  const promptTokens =
    pickNumber(b.n_prompt_tokens) ??
    num(/keep the first ([\d,]+) tokens/i, text) ??
    num(/you requested ([\d,]+) tokens/i, text) ??
    num(/your (?:messages resulted in|request has|prompt contains) ([\d,]+)/i, text) ??
    num(/prompt (?:has|is|of) ([\d,]+) tokens/i, text);
  const contextWindow =
    pickNumber(b.n_ctx) ??
    num(/maximum context length is ([\d,]+)/i, text) ??
    num(/context length of only ([\d,]+)/i, text) ??
    num(/context (?:size|length|window) (?:is |of )?([\d,]+)/i, text);
  if (promptTokens !== undefined) info.promptTokens = promptTokens;
  if (contextWindow !== undefined) info.contextWindow = contextWindow;
  // Ollama says only by how much it overflowed; that plus nothing else is still useful.
  const by = num(/exceeded (?:max )?context length by ([\d,]+) tokens/i, text);
  if (by !== undefined && info.promptTokens === undefined && info.contextWindow !== undefined) info.promptTokens = info.contextWindow + by;
  return info;
}
