/**
 * Runs the detected test (or type-check / lint) command in a task's shell and reports the outcome
 * in the shape of protocol-ext's ValidationOutcome. Never decides what to run (project-rules.ts
 * does) and never runs anything when tests are disabled or none was found.
 */
import type { ProjectDetection } from './project-rules.js';
import type { Shell } from './shell-session.js';

export interface ValidationResult {
  ran: boolean;
  /** null when nothing ran. */
  passed: boolean | null;
  command?: string;
  output?: string;
}

export interface ValidationOptions {
  kind?: 'test' | 'typecheck' | 'lint';
  /** Workspace root: the command runs there whatever the shell's current directory is. */
  root?: string;
  timeoutSec?: number;
  signal?: AbortSignal;
  maxOutputChars?: number;
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function runValidation(shell: Shell, detection: ProjectDetection, opts: ValidationOptions = {}): Promise<ValidationResult> {
  const kind = opts.kind ?? 'test';
  if (kind === 'test' && detection.testDisabled) return { ran: false, passed: null, output: 'tests are disabled (SMALLCODE_TEST_DISABLE)' };
  const command = kind === 'test' ? detection.testCommand : kind === 'typecheck' ? detection.typecheckCommand : detection.lintCommand;
  if (!command) return { ran: false, passed: null, output: `no ${kind} command was found for this project` };
  // A subshell so the model's persistent cwd is not moved by validation.
  const line = opts.root ? `(cd ${q(opts.root)} && ${command})` : command;
  const r = await shell.run(line, { timeoutSec: opts.timeoutSec, signal: opts.signal, maxOutputChars: opts.maxOutputChars ?? 4000 });
  const passed = r.exitCode === 0;
  return { ran: true, passed, command, output: r.output };
}
