/**
 * Frees the native memory of dead tree-sitter Trees on demand. A Tree's C memory is released by its
 * JS wrapper's finalizer, which runs only after V8 collects the wrapper and the event loop turns;
 * V8 does not count that memory, so a loop that parses much and allocates little JS lets dead Trees
 * pile up (hundreds of MB on a large workspace). A young-generation collection costs about a
 * millisecond. Without `gc` (flag refused) the callers simply rely on V8's own collections.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (opts?: { type: 'minor' | 'major'; execution?: 'sync' }) => void;

let gc: Gc | null | undefined;

function loadGc(): Gc | null {
  if (gc !== undefined) return gc;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Gc;
  } catch (err) {
    process.stderr.write(`smallcode graph: no explicit gc (${String(err)}); tree memory relies on V8's own collections\n`);
    gc = null;
  }
  return gc;
}

/** Collects the young generation, where the wrappers of just-used Trees live; their memory is freed once the event loop turns. */
export function collectDeadTrees(): void {
  loadGc()?.({ type: 'minor' });
}

/**
 * Counts parsed source bytes and says when to collect: after `everyBytes` of source (a Tree costs
 * roughly 10–20 bytes per source byte), so memory stays bounded whatever the file sizes.
 */
export class TreeBudget {
  private since = 0;
  constructor(private readonly everyBytes: number) {}

  /** Adds a parsed file's length; true when a collection is due (the counter restarts). */
  add(chars: number): boolean {
    this.since += chars;
    if (this.since < this.everyBytes) return false;
    this.since = 0;
    return true;
  }
}
