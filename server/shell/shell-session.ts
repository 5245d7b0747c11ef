/**
 * A persistent bash session for one task: cwd, exported variables and functions survive between
 * commands; each command runs as its own process group so a timeout, an interactive prompt or a
 * cancellation kills that command (and its children) but never the shell. Must not interpret
 * command output beyond its own sentinels.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { errorMessage } from '../core/errors.js';
import { scrubEnv } from './env-scrub.js';
import { capHeadTail, HeadTailBuffer } from './output-cap.js';
import { INTERACTIVE_MESSAGE, looksInteractive } from './interactive-detect.js';

export interface ShellRunOptions {
  /** Seconds before the command is killed; defaults to the session's timeout. */
  timeoutSec?: number;
  signal?: AbortSignal;
  /** Output longer than this is cut to head + tail. */
  maxOutputChars?: number;
}

export interface ShellResult {
  /** The command's exit code; null when it was killed (timeout, interactive prompt, cancellation) or the shell died. */
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  interactive: boolean;
  cancelled: boolean;
  truncated: boolean;
  /** The shell's working directory after the command. */
  cwd: string;
  durationMs: number;
}

/** What the bash tool and the validation runner need; both the persistent and the one-shot shell provide it. */
export interface Shell {
  readonly cwd: string;
  run(command: string, opts?: ShellRunOptions): Promise<ShellResult>;
  dispose(): Promise<void>;
}

export interface ShellOptions {
  cwd: string;
  /** Base environment (default: process.env); secrets are removed from it. */
  env?: Readonly<Record<string, string | undefined>>;
  extraSecretNames?: readonly string[];
  timeoutSec?: number;
  maxOutputChars?: number;
  /** Silence after a prompt-looking line before the command counts as waiting for input. */
  interactiveIdleMs?: number;
  /** Grace between SIGTERM and SIGKILL when stopping a command. */
  killGraceMs?: number;
}

const HOLD_BACK = 8192;
const KEEP_WHILE_STREAMING = 200_000;
const CUT_HINT = 're-run with `| tail -n 50`, `| head -n 50` or `| grep PATTERN` to see it';

// Sessions alive in this process: killed synchronously if Node exits, so no shell outlives us.
const LIVE = new Set<ShellSession>();
process.once('exit', () => killAllShells());

/**
 * Kills every live shell and its running command at once (synchronous). Node's 'exit' event calls
 * it; a server that handles SIGTERM/SIGINT itself should call it too before exiting.
 */
export function killAllShells(): void {
  for (const s of LIVE) s.killNow();
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `alsoPid`: only while the job is known to be running (after it exits its pid may belong to someone else). */
function killGroup(pgid: number, signal: NodeJS.Signals, alsoPid = false): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    // ESRCH: the group is already gone, which is the outcome we want.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') process.stderr.write(`[shell] kill -${pgid} failed: ${errorMessage(err)}\n`);
  }
  // Should job control ever not have made the pid a group leader, still stop the process itself.
  if (!alsoPid) return false;
  try {
    process.kill(pgid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') process.stderr.write(`[shell] kill ${pgid} failed: ${errorMessage(err)}\n`);
    return false;
  }
}

// Defined once per shell. Each command runs in a subshell job (its own process group thanks to
// `set -m`); on exit the subshell dumps cwd, exported variables and functions, which the parent
// applies at top level (declare inside a function would make variables local).
const PRELUDE = `set -m
__sc_dump() { export -p > "$1.env"; compgen -e > "$1.names"; declare -f > "$1.fn"; builtin pwd > "$1.cwd"; }
__sc_prune() { local n; declare -A __sc_keep=(); while IFS= read -r n; do __sc_keep[$n]=1; done < "$1.names"; for n in "\${!__sc_prev[@]}"; do [[ -n \${__sc_keep[$n]} ]] || unset "$n" 2>/dev/null; done; __sc_prev=(); for n in "\${!__sc_keep[@]}"; do __sc_prev[$n]=1; done; }
declare -A __sc_prev=()
while IFS= read -r __sc_n; do __sc_prev[$__sc_n]=1; done < <(compgen -e)
__sc_run() {
  ( set +m; __sc_state=$3; __sc_file=$2; set --; trap '__sc_dump "$__sc_state"' EXIT; builtin source "$__sc_file" ) </dev/null 2>&1 &
  __sc_pid=$!
  printf '__SC_PGID_%s %s\\n' "$1" "$__sc_pid" >&2
  wait "$__sc_pid"; __sc_rc=$?
}
`;

interface Running {
  id: string;
  pgid: number | null;
  pending: string;
  buffer: HeadTailBuffer;
  started: number;
  timedOut: boolean;
  interactive: boolean;
  cancelled: boolean;
  killRequested: boolean;
  timers: NodeJS.Timeout[];
  idleTimer: NodeJS.Timeout | null;
  timeoutSec: number;
  maxOutputChars: number;
  doneRe: RegExp;
  /** Command and state files of this run, removed when it completes (by Node: no extra fork in bash). */
  files: string[];
  finish: (r: ShellResult) => void;
  onAbort: (() => void) | null;
  signal: AbortSignal | undefined;
}

export class ShellSession implements Shell {
  private proc: ChildProcessWithoutNullStreams | null = null;
  private dir: string | null = null;
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private counter = 0;
  private readonly tag = randomBytes(6).toString('hex');
  private currentCwd: string;
  private disposed = false;
  private readonly env: Record<string, string>;
  /** Names of environment variables removed as secrets (for the README's promise and for tests). */
  readonly scrubbed: readonly string[];

  constructor(private readonly opts: ShellOptions) {
    this.currentCwd = opts.cwd;
    const { env, removed } = scrubEnv(opts.env ?? process.env, opts.extraSecretNames);
    this.env = env;
    this.scrubbed = removed;
  }

  get cwd(): string {
    return this.currentCwd;
  }

  /** The shell's pid (also its process group id), or null before the first command. */
  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  run(command: string, opts: ShellRunOptions = {}): Promise<ShellResult> {
    const next = this.queue.then(() => this.runNow(command, opts));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (!this.dir) this.dir = mkdtempSync(join(tmpdir(), 'smallcode-sh-'));
    // A restart after the shell died may find its last directory deleted: fall back to the root.
    if (!existsSync(this.currentCwd)) this.currentCwd = this.opts.cwd;
    const proc = spawn('bash', ['--noprofile', '--norc'], {
      cwd: this.currentCwd,
      env: this.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stdout.on('data', (d: string) => this.onStdout(d));
    let errLine = '';
    proc.stderr.on('data', (d: string) => {
      errLine += d;
      let nl: number;
      while ((nl = errLine.indexOf('\n')) !== -1) {
        this.onControl(errLine.slice(0, nl));
        errLine = errLine.slice(nl + 1);
      }
    });
    proc.stdin.on('error', (err) => process.stderr.write(`[shell] stdin: ${errorMessage(err)}\n`));
    proc.on('error', (err) => {
      process.stderr.write(`[shell] ${errorMessage(err)}\n`);
      // Spawning failed (no bash, no such directory): answer the waiting command instead of hanging.
      if (this.proc !== proc) return;
      this.proc = null;
      LIVE.delete(this);
      const run = this.running;
      if (run) this.complete(run, null, `[could not start bash in ${this.currentCwd}: ${errorMessage(err)}]`);
    });
    proc.on('exit', () => this.onShellExit(proc));
    proc.stdin.write(PRELUDE);
    this.proc = proc;
    LIVE.add(this);
    return proc;
  }

  private runNow(command: string, opts: ShellRunOptions): Promise<ShellResult> {
    if (this.disposed) {
      return Promise.resolve(this.result(null, 'the shell was disposed; no command runs', { cancelled: true }, Date.now(), false));
    }
    const proc = this.proc ?? this.start();
    const n = ++this.counter;
    const id = `${this.tag}_${n}`;
    const dir = this.dir as string;
    const file = join(dir, `cmd-${n}.sh`);
    const state = join(dir, `st-${n}`);
    writeFileSync(file, command.endsWith('\n') ? command : command + '\n');
    const timeoutSec = opts.timeoutSec ?? this.opts.timeoutSec ?? 120;
    const maxOutputChars = opts.maxOutputChars ?? this.opts.maxOutputChars ?? 20_000;

    return new Promise<ShellResult>((resolve) => {
      const run: Running = {
        id,
        pgid: null,
        pending: '',
        buffer: new HeadTailBuffer(KEEP_WHILE_STREAMING),
        started: Date.now(),
        timedOut: false,
        interactive: false,
        cancelled: false,
        killRequested: false,
        timers: [],
        idleTimer: null,
        timeoutSec,
        maxOutputChars,
        doneRe: new RegExp(`\\n__SC_DONE_${id} (-?\\d+) ([^\\n]*)\\n`),
        files: [file, ...['cwd', 'env', 'names', 'fn'].map((x) => `${state}.${x}`)],
        finish: resolve,
        onAbort: null,
        signal: opts.signal,
      };
      this.running = run;
      if (opts.signal?.aborted) {
        run.cancelled = true;
        this.running = null;
        resolve(this.result(null, 'cancelled before it started', { cancelled: true }, run.started, false));
        return;
      }
      if (opts.signal) {
        run.onAbort = () => this.stop(run, 'cancelled');
        opts.signal.addEventListener('abort', run.onAbort, { once: true });
      }
      run.timers.push(setTimeout(() => this.stop(run, 'timedOut'), timeoutSec * 1000));
      this.armIdle(run);
      const snippet =
        `__sc_run ${q(id)} ${q(file)} ${q(state)}\n` +
        `if [ -f ${q(state + '.cwd')} ] && [ "$__sc_rc" -lt 128 ]; then __sc_prune ${q(state)}; builtin source ${q(state + '.env')} 2>/dev/null; builtin source ${q(state + '.fn')} 2>/dev/null; IFS= read -r __sc_cwd < ${q(state + '.cwd')}; builtin cd -- "$__sc_cwd" 2>/dev/null; fi\n` +
        `printf '\\n__SC_DONE_%s %d %s\\n' ${q(id)} "$__sc_rc" "$PWD"\n`;
      proc.stdin.write(snippet);
    });
  }

  private armIdle(run: Running): void {
    if (run.idleTimer) clearTimeout(run.idleTimer);
    const idle = this.opts.interactiveIdleMs ?? 2000;
    run.idleTimer = setTimeout(() => {
      if (this.running !== run || run.killRequested) return;
      const tail = (run.buffer.last(400) + run.pending).slice(-400);
      if (looksInteractive(tail)) this.stop(run, 'interactive');
      else this.armIdle(run);
    }, idle);
  }

  private onControl(line: string): void {
    const run = this.running;
    if (!run) return;
    const m = /^__SC_PGID_(\S+) (\d+)$/.exec(line);
    if (m && m[1] === run.id) {
      run.pgid = Number(m[2]);
      if (run.killRequested) killGroup(run.pgid, 'SIGKILL', true);
    }
  }

  private onStdout(chunk: string): void {
    const run = this.running;
    if (!run) return; // late output of a killed background process: belongs to no command
    run.pending += chunk;
    const m = run.doneRe.exec(run.pending);
    if (m) {
      run.buffer.push(run.pending.slice(0, m.index));
      const rc = Number(m[1]);
      this.currentCwd = m[2] || this.currentCwd;
      this.complete(run, rc);
      return;
    }
    if (run.pending.length > HOLD_BACK * 2) {
      run.buffer.push(run.pending.slice(0, run.pending.length - HOLD_BACK));
      run.pending = run.pending.slice(-HOLD_BACK);
    }
    this.armIdle(run);
  }

  /** Stops the running command's process group: SIGTERM, then SIGKILL after a grace period. */
  private stop(run: Running, why: 'timedOut' | 'interactive' | 'cancelled'): void {
    if (this.running !== run || run.killRequested) return;
    run[why] = true;
    run.killRequested = true;
    if (run.pgid !== null) killGroup(run.pgid, 'SIGTERM', true);
    const grace = this.opts.killGraceMs ?? 500;
    run.timers.push(
      setTimeout(() => {
        if (this.running === run && run.pgid !== null) killGroup(run.pgid, 'SIGKILL');
      }, grace),
    );
    // If the shell itself does not answer after the kill, give up on it; the next command starts a new one.
    run.timers.push(
      setTimeout(() => {
        if (this.running !== run) return;
        this.killNow();
        this.complete(run, null, '\n[the shell did not respond after the command was stopped; a fresh shell starts with the next command]');
      }, grace + 5000),
    );
  }

  private complete(run: Running, rc: number | null, note = ''): void {
    if (this.running !== run) return;
    this.running = null;
    for (const t of run.timers) clearTimeout(t);
    if (run.idleTimer) clearTimeout(run.idleTimer);
    if (run.onAbort && run.signal) run.signal.removeEventListener('abort', run.onAbort);
    // Background children the command left behind die with its group.
    if (run.pgid !== null) killGroup(run.pgid, 'SIGKILL');
    for (const f of run.files) rmSync(f, { force: true });
    let text = run.buffer.text(CUT_HINT) + note;
    if (run.timedOut) text += `\n[timed out after ${run.timeoutSec}s; the command was killed, the shell keeps its cwd and environment; output above is partial]`;
    if (run.interactive) text += `\n[${INTERACTIVE_MESSAGE}]`;
    if (run.cancelled) text += '\n[cancelled]';
    const killed = run.timedOut || run.interactive || run.cancelled;
    run.finish(this.result(killed ? null : rc, text, run, run.started, true, run.maxOutputChars));
  }

  private result(
    exitCode: number | null,
    text: string,
    flags: { timedOut?: boolean; interactive?: boolean; cancelled?: boolean },
    started: number,
    cap: boolean,
    limit = 20_000,
  ): ShellResult {
    const capped = cap ? capHeadTail(text, limit, CUT_HINT) : { text, truncated: false };
    return {
      exitCode,
      output: capped.text,
      timedOut: flags.timedOut ?? false,
      interactive: flags.interactive ?? false,
      cancelled: flags.cancelled ?? false,
      truncated: capped.truncated,
      cwd: this.currentCwd,
      durationMs: Date.now() - started,
    };
  }

  private onShellExit(proc: ChildProcessWithoutNullStreams): void {
    if (this.proc === proc) this.proc = null;
    LIVE.delete(this);
    const run = this.running;
    if (run && !this.disposed) {
      // The shell died under a command (e.g. `kill $$`): report it; the next call starts a new shell in the last cwd.
      const wasKilled = run.killRequested;
      run.buffer.push(run.pending);
      run.pending = '';
      this.complete(run, null, wasKilled ? '' : '\n[the shell exited; a fresh shell starts with the next command, in the same directory]');
    } else if (run) {
      this.complete(run, null);
    }
  }

  /** Kills the running command's group and the shell's group at once (synchronous; used on exit). */
  killNow(): void {
    const run = this.running;
    if (run?.pgid) killGroup(run.pgid, 'SIGKILL');
    const pid = this.proc?.pid;
    if (pid) killGroup(pid, 'SIGKILL');
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const proc = this.proc;
    const run = this.running;
    if (run) {
      run.cancelled = true;
      run.killRequested = true;
    }
    this.killNow();
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 2000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    if (run && this.running === run) this.complete(run, null);
    LIVE.delete(this);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

/** A shell without memory: every command runs in a fresh bash in `cwd` (SMALLCODE_SHELL_PERSIST=false). */
export class OneShotShell implements Shell {
  constructor(private readonly opts: ShellOptions) {}

  get cwd(): string {
    return this.opts.cwd;
  }

  async run(command: string, opts: ShellRunOptions = {}): Promise<ShellResult> {
    const session = new ShellSession(this.opts);
    try {
      const r = await session.run(command, opts);
      return { ...r, cwd: this.opts.cwd };
    } finally {
      await session.dispose();
    }
  }

  async dispose(): Promise<void> {
    // Nothing lives between commands.
  }
}

/** The shell a task uses: persistent when `persist` (config.shellPersist), otherwise one bash per command. */
export function createShell(persist: boolean, opts: ShellOptions): Shell {
  return persist ? new ShellSession(opts) : new OneShotShell(opts);
}

/** The task shell from configuration: SMALLCODE_SHELL_PERSIST and SMALLCODE_BASH_TIMEOUT, rooted at the workspace. */
export function shellForTask(config: { shellPersist: boolean; bashTimeout: number | null }, root: string, opts: Omit<ShellOptions, 'cwd'> = {}): Shell {
  return createShell(config.shellPersist, { timeoutSec: config.bashTimeout ?? 120, ...opts, cwd: root });
}
