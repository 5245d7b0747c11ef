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

/**
 * Collects Tree wrappers: 'minor' (about a millisecond) catches those that died young; 'major' also
 * catches wrappers promoted to the old generation because collections ran while their file was
 * being extracted (V8 would not collect those before its JS heap grows, which Trees do not make it do).
 */
export function collectDeadTrees(kind: 'minor' | 'major' = 'minor'): void {
  loadGc()?.({ type: kind });
}

/**
 * Counts parsed source characters (a Tree costs about 17 bytes per character) and says which
 * collection is due, so tree memory stays bounded whatever the file sizes.
 */
export class TreeBudget {
  private sinceMinor = 0;
  private sinceMajor = 0;
  constructor(
    private readonly minorEvery: number,
    private readonly majorEvery: number,
  ) {}

  add(chars: number): 'none' | 'minor' | 'major' {
    this.sinceMinor += chars;
    this.sinceMajor += chars;
    if (this.sinceMajor >= this.majorEvery) {
      this.sinceMajor = 0;
      this.sinceMinor = 0;
      return 'major';
    }
    if (this.sinceMinor < this.minorEvery) return 'none';
    this.sinceMinor = 0;
    return 'minor';
  }
}
