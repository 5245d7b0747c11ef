/**
 * `definePromptFunction`: a typed structured sub-call to the model (system prompt, rendered input,
 * zod output schema, token budget, TTL). `run` answers from the cache when it can, validates the
 * model's JSON, retries once with a repair prompt, records stats and a span, and returns data —
 * invalid output is a result, not an exception; model failures (unavailable, overflow) still throw.
 */
import { z } from 'zod';
import type { ChatMessage } from '../messages.js';
import type { CallOptions, ChatRequest, ChatResult } from '../provider/types.js';
import { contentKey, PromptCache } from './cache.js';
import { extractJson } from './json-extract.js';
import { CognitionStats } from './stats.js';

/** Anything that answers a chat request like ModelProvider does. */
export interface ChatProvider {
  readonly model: string;
  chat(req: ChatRequest, opts?: CallOptions): Promise<ChatResult>;
}

export interface PromptFunctionSpec<I, O> {
  name: string;
  system: string;
  render: (input: I) => string;
  output: z.ZodType<O>;
  /** Answer budget (max_tokens). */
  maxTokens: number;
  /** How long an answer is reused for the same input; 0 disables the cache. */
  ttlMs: number;
  temperature?: number;
  /** Rendered inputs longer than this are cut in the middle (a crude input budget). */
  maxInputChars?: number;
  /** Checks that need the input (e.g. a tool name must be one offered); returns a problem or null. */
  check?: (output: O, input: I) => string | null;
}

export interface PromptSpan {
  name: string;
  cached: boolean;
  ok: boolean;
  repaired: boolean;
  latencyMs: number;
  tokens: number;
  attempts: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  cache?: PromptCache;
  stats?: CognitionStats;
  /** Ask the server to decode under the output's JSON schema (only where the server supports it). */
  responseFormat?: boolean;
  onSpan?: (span: PromptSpan) => void;
}

export type PromptResult<O> =
  | { ok: true; value: O; cached: boolean; repaired: boolean; tokens: number; latencyMs: number }
  | { ok: false; error: string; raw: string; tokens: number; latencyMs: number };

export interface PromptFunction<I, O> {
  readonly spec: PromptFunctionSpec<I, O>;
  run(provider: ChatProvider, input: I, opts?: RunOptions): Promise<PromptResult<O>>;
}

/** Process-wide defaults so `smallcode/cognition` sees every call unless a caller brings its own. */
export const defaultPromptCache = new PromptCache();
export const defaultCognitionStats = new CognitionStats();

function cutMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.6);
  const tail = max - head;
  return `${text.slice(0, head)}\n[... ${text.length - max} characters cut ...]\n${text.slice(text.length - tail)}`;
}

function issuesText(err: z.ZodError): string {
  return err.issues.slice(0, 6).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

function schemaHint(schema: z.ZodType): string {
  try {
    return JSON.stringify(z.toJSONSchema(schema));
  } catch (err) {
    void err; // schemas with transforms have no JSON form; the system prompt describes the shape
    return '';
  }
}

export function definePromptFunction<I, O>(spec: PromptFunctionSpec<I, O>): PromptFunction<I, O> {
  const validate = (answer: string, input: I): { ok: true; value: O } | { ok: false; error: string } => {
    const ex = extractJson(answer);
    if (!ex.ok) return ex;
    const parsed = spec.output.safeParse(ex.value);
    if (!parsed.success) return { ok: false, error: issuesText(parsed.error) };
    const problem = spec.check?.(parsed.data, input);
    return problem ? { ok: false, error: problem } : { ok: true, value: parsed.data };
  };

  return {
    spec,
    async run(provider, input, opts = {}) {
      const cache = opts.cache ?? defaultPromptCache;
      const stats = opts.stats ?? defaultCognitionStats;
      const started = Date.now();
      const user = cutMiddle(spec.render(input), spec.maxInputChars ?? 24_000);
      const key = contentKey([spec.name, provider.model, spec.system, user]);
      const finish = <R extends PromptResult<O>>(r: R, cached: boolean, repaired: boolean, attempts: number): R => {
        stats.record(spec.name, { cached, ok: r.ok, repaired, latencyMs: r.latencyMs, tokens: r.tokens });
        opts.onSpan?.({ name: spec.name, cached, ok: r.ok, repaired, latencyMs: r.latencyMs, tokens: r.tokens, attempts });
        return r;
      };
      const hit = cache.get(key);
      if (hit.hit) return finish({ ok: true, value: hit.value as O, cached: true, repaired: false, tokens: 0, latencyMs: Date.now() - started }, true, false, 0);

      const extraBody = opts.responseFormat
        ? { response_format: { type: 'json_schema', json_schema: { name: spec.name.replace(/[^a-zA-Z0-9_-]/g, '_'), schema: z.toJSONSchema(spec.output) } } }
        : undefined;
      const messages: ChatMessage[] = [{ role: 'system', content: spec.system }, { role: 'user', content: user }];
      let tokens = 0;
      const ask = async (msgs: ChatMessage[]): Promise<string> => {
        try {
          const r = await provider.chat(
            { messages: msgs, maxTokens: spec.maxTokens, temperature: spec.temperature ?? 0, ...(extraBody ? { extraBody } : {}) },
            opts.signal ? { signal: opts.signal } : {},
          );
          tokens += r.usage?.total ?? 0;
          // Some reasoning models put the whole answer in the reasoning field.
          return r.content.trim() !== '' ? r.content : r.reasoning;
        } catch (err) {
          stats.record(spec.name, { cached: false, ok: false, repaired: false, latencyMs: Date.now() - started, tokens });
          throw err;
        }
      };

      const first = await ask(messages);
      let v = validate(first, input);
      if (v.ok) {
        cache.set(key, v.value, spec.ttlMs);
        return finish({ ok: true, value: v.value, cached: false, repaired: false, tokens, latencyMs: Date.now() - started }, false, false, 1);
      }
      const hint = schemaHint(spec.output);
      const repairPrompt = [
        `Your answer could not be used: ${v.error}.`,
        'Answer again with only one JSON object, no prose and no code fence' + (hint ? `, matching this JSON Schema:\n${hint}` : '.'),
      ].join('\n');
      const second = await ask([...messages, { role: 'assistant', content: first }, { role: 'user', content: repairPrompt }]);
      v = validate(second, input);
      if (v.ok) {
        cache.set(key, v.value, spec.ttlMs);
        return finish({ ok: true, value: v.value, cached: false, repaired: true, tokens, latencyMs: Date.now() - started }, false, true, 2);
      }
      return finish({ ok: false, error: `${spec.name}: invalid output after one repair: ${v.error}`, raw: second, tokens, latencyMs: Date.now() - started }, false, true, 2);
    },
  };
}
