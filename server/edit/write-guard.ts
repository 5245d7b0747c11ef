/**
 * The write guard (SMALLCODE_WRITE_GUARD): within one task, the first write or patch to an existing
 * file the agent has not read is refused with a message telling it to call read_file; a second
 * attempt on the same file goes through. Pure bookkeeping over workspace-relative paths; no I/O.
 */
import { SmallCodeError } from '../core/errors.js';

export type WriteGuardDecision = { allowed: true } | { allowed: false; error: SmallCodeError };

export interface WriteGuardOptions {
  /** Config `writeGuard` (default true). */
  enabled?: boolean;
  /** Tool name the refusal tells the model to call (default read_file). */
  readTool?: string;
}

/** One per task: the runner creates it when the task starts and drops it when the task ends. */
export class WriteGuard {
  private readonly enabled: boolean;
  private readonly readTool: string;
  private readonly known = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(options: WriteGuardOptions = {}) {
    this.enabled = options.enabled ?? true;
    this.readTool = options.readTool ?? 'read_file';
  }

  /** The agent has seen this file's content (read_file, a search hit showing it, or its own write). */
  noteRead(relPath: string): void {
    this.known.add(relPath);
  }

  hasRead(relPath: string): boolean {
    return this.known.has(relPath);
  }

  /**
   * Decides whether a write to `relPath` may go ahead. `exists` is whether the file exists now (new files
   * are never guarded). A refusal is remembered, so asking again for the same file is allowed.
   */
  check(relPath: string, exists: boolean): WriteGuardDecision {
    if (!this.enabled || !exists || this.known.has(relPath) || this.warned.has(relPath)) return { allowed: true };
    this.warned.add(relPath);
    return {
      allowed: false,
      error: new SmallCodeError(
        'WriteGuard',
        `Refused: you have not read ${relPath} in this task. Call ${this.readTool} with path "${relPath}" first, then make your edit against its current content. (Retrying the same change without reading it will be allowed, but may not match the file.)`,
        { path: relPath, next: `${this.readTool} ${relPath}` },
      ),
    };
  }

  /** Like check, but throws the refusal; on success the file counts as known from now on. */
  assertWritable(relPath: string, exists: boolean): void {
    const d = this.check(relPath, exists);
    if (!d.allowed) throw d.error;
    this.known.add(relPath);
  }
}
