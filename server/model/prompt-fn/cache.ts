/**
 * The prompt-function cache: answers keyed by a SHA-256 of (function, model, system, rendered input),
 * each kept for the function's TTL, bounded in size (oldest first out). In memory only: a restart
 * forgets, so a stale answer never outlives the session.
 */
import { createHash } from 'node:crypto';

export function contentKey(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(String(p.length)).update(':').update(p);
  return h.digest('hex');
}

export class PromptCache {
  private readonly entries = new Map<string, { value: unknown; expires: number }>();

  constructor(private readonly maxEntries = 1000, private readonly now: () => number = Date.now) {}

  get(key: string): { hit: true; value: unknown } | { hit: false } {
    const e = this.entries.get(key);
    if (!e) return { hit: false };
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return { hit: false };
    }
    return { hit: true, value: e.value };
  }

  set(key: string, value: unknown, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
