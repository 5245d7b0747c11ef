/**
 * A forgiving JSON reader for model output: reads one value starting at an offset and reports where
 * it ended and which repairs it needed (trailing commas, single quotes, unquoted keys, comments,
 * Python literals, raw newlines and unescaped quotes inside strings, truncation). Hand-written
 * scanner, linear time, bounded depth; it never throws and never uses regexes over the input.
 */
import { JsonFail, JsonReader } from './json-reader.js';

export interface LooseJsonOk {
  ok: true;
  value: unknown;
  /** Offset just after the value. */
  end: number;
  repairs: string[];
  /** True when the value was cut off and had to be closed. */
  truncated: boolean;
  /** How many quotes pass 2 judged to be inside a string (each one is a guess). */
  escapedQuotes?: number;
}

export interface LooseJsonFail {
  ok: false;
  error: string;
  /** Offset where reading failed (callers resume scanning from here). */
  at: number;
}

export type LooseJsonResult = LooseJsonOk | LooseJsonFail;

export interface LooseJsonOptions {
  /** Stop reading at this offset (exclusive), e.g. a closing tag. Default: end of text. */
  limit?: number;
  /** Close strings/objects/arrays cut off at the limit. Default true. */
  allowTruncated?: boolean;
}


export type ValueContext = 'top' | 'arrayValue';

function run(src: string, start: number, limit: number, allowTruncated: boolean, smart: boolean, ctx: ValueContext = 'top'): LooseJsonResult {
  const r = new JsonReader(src, start, limit, allowTruncated, smart);
  try {
    const value = r.parseValue(ctx);
    if (value === undefined) return { ok: false, error: 'no JSON value found', at: r.pos };
    return { ok: true, value, end: r.pos, repairs: [...r.repairs], truncated: r.truncated, escapedQuotes: r.escapedQuotes };
  } catch (e) {
    if (e instanceof JsonFail) return { ok: false, error: `${e.message} at offset ${e.at - start}`, at: e.at };
    if (e instanceof RangeError) return { ok: false, error: 'input nested too deeply', at: r.pos };
    throw e;
  }
}

/**
 * Reads one JSON-ish value at `start`. Valid JSON is read exactly as JSON.parse would; only when
 * that fails are quotes judged by context (pass 2), which recovers code with unescaped quotes.
 */
export function parseLooseJson(src: string, start = 0, options: LooseJsonOptions = {}, ctx: ValueContext = 'top'): LooseJsonResult {
  const limit = Math.min(options.limit ?? src.length, src.length);
  const allowTruncated = options.allowTruncated ?? true;
  const first = run(src, start, limit, allowTruncated, false, ctx);
  if (first.ok && first.repairs.length === 0) return first;
  // Pass 1 succeeded only with repairs that an unescaped quote can fake: try the quote-aware pass.
  const second = run(src, start, limit, allowTruncated, true, ctx);
  if (!first.ok) return second.ok ? second : second.at > first.at ? second : first;
  if (!second.ok) return first;
  return score(second) < score(first) ? second : first;
}

/** Fewer and milder repairs win; a truncation or inserted comma is a sign of a misread quote. */
function score(r: LooseJsonOk): number {
  let s = r.repairs.length + (r.escapedQuotes ?? 0);
  if (r.truncated) s += 5;
  if (r.repairs.includes('inserted missing commas')) s += 2;
  if (r.repairs.includes('quoted unquoted keys')) s += 1;
  if (r.repairs.includes('quoted unquoted values')) s += 2;
  return s;
}

/** Parses a whole string as one JSON value (strict first, then loose); trailing text is an error. */
export function parseJsonText(text: string): LooseJsonResult {
  const t = text.trim();
  if (t.length === 0) return { ok: false, error: 'empty text', at: 0 };
  try {
    return { ok: true, value: JSON.parse(t) as unknown, end: text.length, repairs: [], truncated: false };
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  const lead = text.length - text.trimStart().length;
  const r = parseLooseJson(text, lead);
  if (!r.ok) return r;
  const rest = text.slice(r.end).trim();
  if (rest.length > 0 && !/^[;,]*$/.test(rest)) return { ok: false, error: `unexpected text after the JSON value: "${rest.slice(0, 30)}"`, at: r.end };
  return r;
}
