/**
 * Cuts long text to its head and tail with a marker saying how much was cut and how to see it.
 * Shared by the shell and the tool registry. Pure; no I/O.
 */

export interface CapResult {
  text: string;
  truncated: boolean;
  /** Characters removed from the middle. */
  cutChars: number;
  cutLines: number;
}

function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Keeps about 60% of `limit` from the head and the rest from the tail (errors and summaries are
 * usually at the end), cutting at line boundaries when one is near. `hint` tells the reader how to
 * see the cut part, e.g. "re-run with | tail -n 50".
 */
export function capHeadTail(text: string, limit: number, hint = 'ask for a narrower range'): CapResult {
  if (text.length <= limit) return { text, truncated: false, cutChars: 0, cutLines: 0 };
  const markerBudget = 120 + hint.length;
  const room = Math.max(40, limit - markerBudget);
  let headEnd = Math.floor(room * 0.6);
  let tailStart = text.length - (room - headEnd);
  // Prefer whole lines when a newline is within 20% of the kept part.
  const nl = text.lastIndexOf('\n', headEnd);
  if (nl > headEnd * 0.8) headEnd = nl + 1;
  const nl2 = text.indexOf('\n', tailStart);
  if (nl2 !== -1 && nl2 - tailStart < (text.length - tailStart) * 0.2) tailStart = nl2 + 1;
  if (tailStart < headEnd) tailStart = headEnd;
  const cut = text.slice(headEnd, tailStart);
  const cutLines = countLines(cut);
  const marker = `\n[... ${cut.length} chars${cutLines ? ` (${cutLines} lines)` : ''} cut from the middle; ${hint} ...]\n`;
  return { text: text.slice(0, headEnd) + marker + text.slice(tailStart), truncated: true, cutChars: cut.length, cutLines };
}

/**
 * Accumulates streamed output without unbounded memory: beyond `keep` characters the middle is
 * dropped (head and tail stay), and the number of dropped characters is remembered.
 */
export class HeadTailBuffer {
  private head = '';
  private tail = '';
  private dropped = 0;
  private droppedLines = 0;
  constructor(private readonly keep: number) {}

  push(chunk: string): void {
    if (this.head.length < this.keep) {
      const take = Math.min(chunk.length, this.keep - this.head.length);
      this.head += chunk.slice(0, take);
      chunk = chunk.slice(take);
      if (!chunk) return;
    }
    this.tail += chunk;
    if (this.tail.length > this.keep * 2) {
      const drop = this.tail.length - this.keep;
      const gone = this.tail.slice(0, drop);
      this.dropped += gone.length;
      this.droppedLines += countLines(gone);
      this.tail = this.tail.slice(drop);
    }
  }

  get totalChars(): number {
    return this.head.length + this.tail.length + this.dropped;
  }

  /** The last `n` characters seen (for prompt detection). */
  last(n: number): string {
    const all = this.tail.length >= n ? this.tail : this.head.slice(-(n - this.tail.length)) + this.tail;
    return all.slice(-n);
  }

  /** The kept text, with a marker where the middle was dropped. */
  text(hint: string): string {
    if (!this.dropped) return this.head + this.tail;
    return `${this.head}\n[... ${this.dropped} chars (${this.droppedLines} lines) cut from the middle; ${hint} ...]\n${this.tail}`;
  }
}
