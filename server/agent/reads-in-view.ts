/**
 * Knows which read-only results the model can still see: the registry asks it (through a CallSite)
 * before it answers a repeated read with a short note, and the runner asks it before counting a
 * repeat as a loop. It only looks at the conversation it is given; it never changes messages.
 */
import type { ChatMessage } from '../model/messages.js';
import type { CallSite } from '../tools/define-tool.js';

/**
 * True while the result of call `id` is in `messages` and still holds `output` whole. Every way the
 * budget drops a result fails this check: an evicted result is a one-line stub, a compacted one is
 * gone (folded into the summary), a cut one lost its middle.
 */
export function resultInView(messages: readonly ChatMessage[], id: string, output: string): boolean {
  return messages.some((m) => m.role === 'tool' && m.tool_call_id === id && m.content.includes(output));
}

export class ReadsInView {
  /** Per exact call (`name args-json`, the governor's key): the last call whose result showed it in full. */
  private readonly full = new Map<string, { id: string; output: string }>();

  /** `view` returns the conversation the model will be sent next (history plus this turn's results so far). */
  constructor(private readonly view: () => readonly ChatMessage[]) {}

  site(id: string, turn: number): CallSite {
    return { id, turn, shownInView: (earlier, output) => resultInView(this.view(), earlier, output) };
  }

  /** The last full answer to this exact call has left the view: calling it again is re-reading, not a loop. */
  leftView(key: string): boolean {
    const f = this.full.get(key);
    return f !== undefined && !resultInView(this.view(), f.id, f.output);
  }

  /** Records a read-only result; a short note (repeatOf) points at an earlier full one and is not recorded. */
  noteResult(key: string, id: string, r: { ok: boolean; output: string; repeatOf?: unknown }): void {
    if (r.ok && !r.repeatOf) this.full.set(key, { id, output: r.output });
  }
}
