/**
 * The generation counter and bounded log of changed paths every GraphStore keeps, so caches
 * (repo map, file graph) refresh only what changed. In memory only; pure bookkeeping.
 */

export class ChangeLog {
  private gen = 0;
  private readonly entries: Array<{ gen: number; path: string }> = [];
  private floor = 0; // generations <= floor are no longer fully covered by `entries`

  constructor(private readonly capacity = 20_000) {}

  generation(): number {
    return this.gen;
  }

  record(path: string): void {
    this.gen++;
    this.entries.push({ gen: this.gen, path });
    if (this.entries.length > this.capacity) {
      const dropped = this.entries.splice(0, this.entries.length - this.capacity);
      this.floor = dropped[dropped.length - 1]!.gen;
    }
  }

  /** Forget history (e.g. after a bulk rewrite): every older generation must reload. */
  reset(): void {
    this.gen++;
    this.entries.length = 0;
    this.floor = this.gen;
  }

  changedSince(generation: number): string[] | null {
    if (generation > this.gen) return null;
    if (generation < this.floor) return null;
    const out = new Set<string>();
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.gen <= generation) break;
      out.add(e.path);
    }
    return [...out];
  }
}
