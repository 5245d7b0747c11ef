/**
 * The governor watches a task for the ways small models get stuck — exact-repeat calls, patch
 * spirals on one file, greeting regression / lost task, empty turns, invented tool names — and
 * answers with a steering message; it also adapts the retry temperature and keeps per-tool trust.
 * Pure state over plain data; every intervention carries its reason for the trace.
 */

export type InterventionKind = 'repeat' | 'patch_spiral' | 'lost_task' | 'empty_turn' | 'unknown_tool' | 'no_tool' | 'cap_reached';

export interface Intervention {
  kind: InterventionKind;
  reason: string;
  /** Text for the model (a user message), or null when the runner should stop instead. */
  message: string | null;
}

export interface GovernorOptions {
  task: string;
  baseTemperature: number;
  tempAdapt: boolean;
  trustDecay: boolean;
  /** Corrective re-prompts allowed per kind before the governor stops steering. */
  maxPerKind?: number;
}

const GREETING = /\b(how (can|may) i (help|assist)|what would you like|what can i do for you|what (task|code|file) (would|do|should)|which (task|file) (would|do|should)|hello!|hi there|i'?m (an ai|a language model|ready to help|here to help)|please (provide|share|tell me|specify) (the|your|more|what))/i;
/** A final answer that reports work (a polite "anything else?" after it is not a lost task). */
const REPORTS_WORK = /\b(fixed|changed|updated|implemented|added|renamed|replaced|removed|refactored|modified|corrected|created|the tests? (now )?pass|done\b|completed?)/i;

export class Governor {
  private readonly recent: string[] = [];
  private readonly repeatCounts = new Map<string, number>();
  private readonly patchFailures = new Map<string, number>();
  private readonly perKind = new Map<InterventionKind, number>();
  private readonly trust = new Map<string, number>();
  private failStreak = 0;
  readonly log: Intervention[] = [];

  constructor(private readonly opts: GovernorOptions) {}

  private emit(kind: InterventionKind, reason: string, message: string): Intervention {
    const n = (this.perKind.get(kind) ?? 0) + 1;
    this.perKind.set(kind, n);
    const max = this.opts.maxPerKind ?? 3;
    const iv: Intervention = n > max ? { kind: 'cap_reached', reason: `${kind} steered ${max} times already: ${reason}`, message: null } : { kind, reason, message };
    this.log.push(iv);
    return iv;
  }

  /** Before a call runs: an exact repeat of one of the last calls is steered instead of run again. */
  beforeCall(name: string, argsKey: string, lastOutcome?: string): Intervention | null {
    const key = `${name} ${argsKey}`;
    const count = (this.repeatCounts.get(key) ?? 0) + 1;
    this.repeatCounts.set(key, count);
    const inRecent = this.recent.slice(-4).includes(key);
    this.recent.push(key);
    if (this.recent.length > 20) this.recent.shift();
    if (inRecent && count >= 3) {
      // A model re-reading a file usually does not know how to go on from it: name the call that does.
      const hint = name === 'read_file' ? ' To change the file, call patch with "path", "search" (lines copied exactly from it) and "replace".' : '';
      return this.emit(
        'repeat',
        `${name} called ${count} times with the same arguments`,
        `You have called ${name} with exactly these arguments ${count} times${lastOutcome ? ` and got: ${lastOutcome.slice(0, 300)}` : ''}. Repeating it will not change the result.${hint} Do the next step of the task instead: ${this.opts.task}`,
      );
    }
    return null;
  }

  /** The earlier answer to this exact call left the model's view (evicted, compacted): calling it again is not a loop. */
  forgetCall(name: string, argsKey: string): void {
    const key = `${name} ${argsKey}`;
    this.repeatCounts.delete(key);
    for (let i = this.recent.length - 1; i >= 0; i--) if (this.recent[i] === key) this.recent.splice(i, 1);
  }

  /** After a write tool: a third failure in a row on one file is a spiral; steer to re-read the region. */
  afterEdit(path: string, ok: boolean): Intervention | null {
    this.noteTool('patch', ok);
    if (ok) {
      this.patchFailures.delete(path);
      this.failStreak = 0;
      this.forgetReadsAndRuns();
      return null;
    }
    this.failStreak++;
    const n = (this.patchFailures.get(path) ?? 0) + 1;
    this.patchFailures.set(path, n);
    if (n >= 3 && n % 3 === 0) {
      return this.emit(
        'patch_spiral',
        `${n} failed edits in a row on ${path}`,
        `Your last ${n} edits of ${path} did not apply. Stop guessing: call read_file on ${path} (with start_line/end_line around the place you want to change), then patch a smaller block copied exactly from that output, without line numbers. If the function is short, replace the whole function in one patch.`,
      );
    }
    return null;
  }

  /**
   * After a file changed, reading it again or re-running the tests is new work, not a loop: only the
   * history of write calls survives (an identical edit repeated is still a repeat).
   */
  private forgetReadsAndRuns(): void {
    const isWrite = (key: string): boolean => /^(patch|write_file) /.test(key);
    for (const key of [...this.repeatCounts.keys()]) if (!isWrite(key)) this.repeatCounts.delete(key);
    for (let i = this.recent.length - 1; i >= 0; i--) if (!isWrite(this.recent[i]!)) this.recent.splice(i, 1);
  }

  /** A turn with no tool call: greeting regression, empty answer, or (when edits are still needed) a nudge. */
  afterTextOnly(text: string, state: { editsMade: boolean; needsEdits: boolean }): Intervention | null {
    const t = text.trim();
    if (t === '') {
      return this.emit('empty_turn', 'the model answered nothing', `Your answer was empty. Continue with the task using a tool: ${this.opts.task}`);
    }
    if (GREETING.test(t) && t.length < 400 && !(state.editsMade && REPORTS_WORK.test(t))) {
      return this.emit('lost_task', 'the model answered like a fresh chat (greeting regression)', `You are in the middle of a task. The task is: ${this.opts.task}\nContinue it now with a tool call.`);
    }
    if (state.needsEdits && !state.editsMade) {
      return this.emit(
        'no_tool',
        'the model stopped without changing any file',
        `No file has been changed yet, so the task is not done. Task: ${this.opts.task}\nUse read_file to look at the code, then patch or write_file to change it.`,
      );
    }
    return null;
  }

  unknownTool(name: string, realNames: readonly string[]): Intervention {
    return this.emit('unknown_tool', `the model called a tool that does not exist: ${name}`, `There is no tool named ${name}. The tools are: ${realNames.join(', ')}.`);
  }

  noteTool(name: string, ok: boolean): void {
    if (!this.opts.trustDecay) return;
    const t = this.trust.get(name) ?? 1;
    this.trust.set(name, ok ? Math.min(1, t + 0.1) : Math.max(0, t - 0.25));
  }

  trustOf(name: string): number {
    return this.trust.get(name) ?? 1;
  }

  /** Low trust in the edit tools raises verification: the runner validates right after the next edit. */
  get wantsVerification(): boolean {
    return this.opts.trustDecay && Math.min(this.trustOf('patch'), this.trustOf('write_file')) < 0.6;
  }

  /** Failed edits are retried warmer so attempts vary (SMALLCODE_TEMP_ADAPT). */
  temperature(): number {
    if (!this.opts.tempAdapt || this.failStreak === 0) return this.opts.baseTemperature;
    return Math.min(0.9, this.opts.baseTemperature + 0.15 * this.failStreak);
  }
}
