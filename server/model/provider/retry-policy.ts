/**
 * When to retry a failed model call and how long to wait: exponential backoff with jitter, a server's
 * Retry-After / retry-after-ms honoured up to a cap. Pure arithmetic; the sleeping happens in the provider.
 */

export interface RetryPolicy {
  /** Total attempts including the first (default 4). */
  maxAttempts: number;
  /** First backoff (default 500 ms); doubles each retry. */
  baseDelayMs: number;
  /** Backoff ceiling (default 8 s). */
  maxDelayMs: number;
  /** The longest Retry-After we are willing to honour (default 30 s); longer answers fail at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000 };

/** Reads `retry-after-ms` (non-standard, sent by OpenAI) or `Retry-After` (seconds or an HTTP date). */
export function parseRetryAfter(get: (name: string) => string | null | undefined, now: number = Date.now()): number | undefined {
  const ms = get('retry-after-ms');
  if (ms != null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = get('retry-after');
  if (ra == null || ra.trim() === '') return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(ra);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return undefined;
}

/** Backoff before retry number `retry` (1 = first retry), with ±25% jitter from `random` in [0,1). */
export function backoffMs(retry: number, policy: RetryPolicy, random: number = Math.random()): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jitter = raw * 0.25 * (random * 2 - 1);
  return Math.max(0, Math.round(raw + jitter));
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; why: 'not-retryable' | 'attempts-exhausted' | 'retry-after-too-long' };

/** Decide after failed attempt number `attempt` (1-based). */
export function decideRetry(
  failure: { retryable: boolean; retryAfterMs?: number },
  attempt: number,
  policy: RetryPolicy,
  random?: number,
): RetryDecision {
  if (!failure.retryable) return { retry: false, why: 'not-retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, why: 'attempts-exhausted' };
  if (failure.retryAfterMs !== undefined) {
    if (failure.retryAfterMs > policy.maxRetryAfterMs) return { retry: false, why: 'retry-after-too-long' };
    return { retry: true, waitMs: failure.retryAfterMs };
  }
  return { retry: true, waitMs: backoffMs(attempt, policy, random) };
}
