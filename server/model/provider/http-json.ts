/**
 * A small JSON-over-HTTP helper for discovery probes (server kind, context length, base-URL
 * auto-detection): a hard timeout, the caller's AbortSignal, and never a throw — a probe that
 * fails is just "no answer" with the reason.
 */
import type { FetchFn } from './normalizing-fetch.js';

export type JsonAnswer = { ok: true; status: number; json: unknown } | { ok: false; status?: number; reason: string };

export async function getJson(
  url: string,
  opts: { timeoutMs: number; signal?: AbortSignal; method?: 'GET' | 'POST'; body?: unknown; fetch?: FetchFn },
): Promise<JsonAnswer> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs);
  const onAbort = (): void => ctl.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const doFetch: FetchFn = opts.fetch ?? ((i, init) => fetch(i, init));
  try {
    const res = await doFetch(url, {
      method: opts.method ?? 'GET',
      signal: ctl.signal,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const text = await res.text();
    if (!res.ok) return { ok: false, status: res.status, reason: `HTTP ${res.status}` };
    try {
      return { ok: true, status: res.status, json: JSON.parse(text) as unknown };
    } catch (err) {
      void err;
      return { ok: false, status: res.status, reason: 'the answer is not JSON' };
    }
  } catch (err) {
    if (ctl.signal.aborted) return { ok: false, reason: opts.signal?.aborted ? 'cancelled' : `no answer within ${opts.timeoutMs} ms` };
    return { ok: false, reason: describeFetchError(err) };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

function describeFetchError(err: unknown): string {
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
    if (typeof code === 'string') return code;
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((e) => (e as { code?: unknown })?.code === 'ECONNREFUSED')) return 'connection refused';
    cur = (cur as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.message : String(err);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
