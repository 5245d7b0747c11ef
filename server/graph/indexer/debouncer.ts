/**
 * Per-key debouncing for didChange bursts: the last scheduled action for a key runs once the key
 * has been quiet for `delayMs`; `flush` runs pending actions now (before a save or a query).
 * Knows nothing about documents or the graph.
 */

export class Debouncer<K = string> {
  private readonly pending = new Map<K, { timer: NodeJS.Timeout; run: () => void }>();

  constructor(private readonly delayMs: number) {}

  schedule(key: K, action: () => void): void {
    const prev = this.pending.get(key);
    if (prev) clearTimeout(prev.timer);
    const entry = {
      run: action,
      timer: setTimeout(() => {
        this.pending.delete(key);
        action();
      }, this.delayMs),
    };
    this.pending.set(key, entry);
  }

  /** Runs the pending action of `key` (or of every key) immediately. */
  flush(key?: K): void {
    const keys = key === undefined ? [...this.pending.keys()] : [key];
    for (const k of keys) {
      const e = this.pending.get(k);
      if (!e) continue;
      clearTimeout(e.timer);
      this.pending.delete(k);
      e.run();
    }
  }

  cancel(key: K): void {
    const e = this.pending.get(key);
    if (e) clearTimeout(e.timer);
    this.pending.delete(key);
  }

  has(key: K): boolean {
    return this.pending.has(key);
  }

  get size(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const e of this.pending.values()) clearTimeout(e.timer);
    this.pending.clear();
  }
}
