/**
 * The `bash` tool: runs a command in the task's shell (persistent when SMALLCODE_SHELL_PERSIST, so
 * cd and export carry over) and reports output, exit code, time and cwd. Timeouts and interactive
 * prompts stop the command, not the shell. Must not parse or judge the command's output.
 */
import { relative } from 'node:path';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { OneShotShell } from '../shell/shell-session.js';

const BashArgs = z.object({
  command: z.string().min(1).describe('shell command to run'),
  timeout: z.number().positive().optional().describe('seconds before the command is killed'),
});

const MAX_TIMEOUT_SEC = 1800;

function seconds(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

export const bashTool = defineTool({
  name: 'bash',
  description: 'Run a shell command in the workspace. Non-interactive; cwd and exported variables persist between calls.',
  category: 'run',
  readOnly: false,
  args: BashArgs,
  moreHint: 're-run with `| tail -n 50`, `| head -n 50` or `| grep PATTERN`',
  async run(args, ctx) {
    const shell = ctx.shell ?? new OneShotShell({ cwd: ctx.root, timeoutSec: ctx.config.bashTimeout ?? 120 });
    // More than an hour was almost surely meant in milliseconds (timeout: 60000).
    const asked = args.timeout !== undefined && args.timeout > 3600 ? args.timeout / 1000 : args.timeout;
    const timeoutSec = Math.min(MAX_TIMEOUT_SEC, Math.max(1, Math.round(asked ?? ctx.config.bashTimeout ?? 120)));
    // Leave room for the status line so the registry's cap does not cut the output a second time.
    const maxOutputChars = Math.max(200, (ctx.config.maxToolResultChars ?? 4000) - 200);
    const r = await shell.run(args.command, { timeoutSec, signal: ctx.signal, maxOutputChars });
    const rel = relative(ctx.root, r.cwd);
    const cwd = rel === '' ? '.' : rel.startsWith('..') ? r.cwd : rel;
    const status = r.timedOut
      ? `timed out after ${timeoutSec}s (killed; pass timeout to allow longer)`
      : r.interactive
        ? 'stopped: waited for interactive input'
        : r.cancelled
          ? 'cancelled'
          : r.exitCode === null
            ? 'killed'
            : r.exitCode === 127
              ? 'exit code 127: command not found (check the name, or install it)'
              : r.exitCode === 126
                ? 'exit code 126: not executable (chmod +x it or run it with its interpreter)'
                : `exit code ${r.exitCode}`;
    const body = r.output.trim() === '' ? '(no output)' : r.output.replace(/\n+$/, '');
    return {
      ok: r.exitCode === 0,
      output: `${body}\n[${status} · ${seconds(r.durationMs)} · cwd ${cwd}]`,
      data: { exitCode: r.exitCode, timedOut: r.timedOut, interactive: r.interactive, cancelled: r.cancelled, cwd: r.cwd, durationMs: r.durationMs, truncated: r.truncated },
    };
  },
});
