/**
 * The short note that answers an identical repeat of a read-only call whose earlier result the model
 * still has in view: what was done, when, and the call that moves on. Pure text; no I/O, no cache here.
 */
import type { AnyTool } from './define-tool.js';

export interface EarlierResult {
  /** Turn of the call whose result is still in view. */
  turn: number;
}

function generic(tool: AnyTool): { did: string; next: string } {
  return { did: `called ${tool.name} with these same arguments`, next: `use that result, or call ${tool.name} with different arguments` };
}

/** The note for a repeat of `tool(args)` at `turn`, first answered at `earlier.turn`. */
export function repeatNote(tool: AnyTool, args: Record<string, unknown>, earlier: EarlierResult, turn: number): string {
  let text = generic(tool);
  if (tool.repeat) {
    try {
      text = { did: tool.repeat.did(args), next: tool.repeat.next(args) };
    } catch (err) {
      // A tool's wording must never cost the model its answer: keep the generic one.
      void err;
    }
  }
  const when = earlier.turn === turn ? 'earlier in this turn' : `at turn ${earlier.turn}`;
  return `You already ${text.did} ${when} and nothing has been changed since: the same result is in the conversation above. Next: ${text.next}.`;
}

/** `src/x.ts lines 40-80` / `src/x.ts from line 40` / `src/x.ts`, for read_file's note. */
export function describeRange(path: string, start: number | undefined, end: number | undefined): string {
  if (start === undefined && end === undefined) return path;
  if (end === undefined) return `${path} from line ${start}`;
  return `${path} lines ${start ?? 1}-${end}`;
}
