/**
 * A fetch wrapper for the openai SDK that rewrites every non-2xx body into `{"error": {"message", ...}}`.
 * Servers disagree (vLLM puts `message` at the top, LM Studio sends `error` as a string, proxies send
 * text); the SDK keeps only an `error` object, so without this their words would be lost. It changes
 * nothing on success.
 */

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function normalizeErrorBody(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    void err; // not JSON: the text itself is the message
    return { error: { message: text.trim().slice(0, 2000) || 'empty error body' } };
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const p = parsed as Record<string, unknown>;
    if (p.error && typeof p.error === 'object') {
      const e = p.error as Record<string, unknown>;
      return { ...p, error: { ...e, message: typeof e.message === 'string' ? e.message : JSON.stringify(e) } };
    }
    if (typeof p.error === 'string') return { ...p, error: { ...p, error: undefined, message: p.error } };
    if (typeof p.message === 'string' || typeof p.detail === 'string') return { error: { ...p, message: (p.message ?? p.detail) as string } };
    return { error: { ...p, message: JSON.stringify(p).slice(0, 2000) } };
  }
  return { error: { message: String(parsed) } };
}

export function normalizingFetch(inner: FetchFn = (i, init) => fetch(i, init)): FetchFn {
  return async (input, init) => {
    const res = await inner(input, init);
    if (res.ok) return res;
    const text = await res.text();
    const headers = new Headers(res.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(JSON.stringify(normalizeErrorBody(text)), { status: res.status, statusText: res.statusText, headers });
  };
}
