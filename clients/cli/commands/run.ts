/**
 * `smallcode run "<task>"`: starts the server for the workspace, sends smallcode/runTask, prints
 * progress lines (tool, target, time) and a final summary with the diff; `--json` prints exactly one
 * RunResult. Exit code 0 if and only if the task succeeded.
 */
import { resolve } from 'node:path';
import { RunTask, TaskEventNotification, type RunResultT } from '../../../protocol-ext/index.js';
import { ServerConnection } from '../server-connection.js';
import { askYesNo, formatMs, ProgressLine } from '../terminal.js';

export interface RunOptions {
  task: string;
  cwd: string;
  model?: string;
  baseUrl?: string;
  mode: 'apply' | 'propose';
  json: boolean;
  yes: boolean;
}

function target(args: Record<string, unknown> | undefined): string {
  if (!args) return '';
  const v = args['path'] ?? args['command'] ?? args['pattern'] ?? args['query'] ?? args['symbol'] ?? args['glob'] ?? args['url'];
  const s = typeof v === 'string' ? v : '';
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

export function renderSummary(r: RunResultT, diff: string | undefined): string {
  const lines: string[] = [];
  lines.push(`${r.success ? '✔ done' : '✘ failed'}: ${r.summary}`);
  if (r.filesCreated.length) lines.push(`created: ${r.filesCreated.join(', ')}`);
  if (r.filesEdited.length) lines.push(`edited:  ${r.filesEdited.join(', ')}`);
  if (r.validation.ran) lines.push(`tests:   ${r.validation.passed ? 'passed' : 'FAILED'} (${r.validation.command ?? ''})`);
  lines.push(`${r.toolCalls.length} tool calls, ${r.tokens.total} tokens, ${formatMs(r.durationMs)} (task ${r.taskId})`);
  if (diff) lines.push('', diff);
  return lines.join('\n');
}

export async function runCommand(opts: RunOptions): Promise<number> {
  const cwd = resolve(opts.cwd);
  const progress = new ProgressLine();
  const interactive = Boolean(process.stdin.isTTY) && !opts.json;
  const initializationOptions: Record<string, unknown> = {};
  if (opts.model) initializationOptions['SMALLCODE_MODEL'] = opts.model;
  if (opts.baseUrl) initializationOptions['SMALLCODE_BASE_URL'] = opts.baseUrl;
  if (opts.yes) initializationOptions['SMALLCODE_AUTO_APPROVE'] = true;

  const conn = await ServerConnection.open({
    cwd,
    initializationOptions,
    interactive,
    ask: interactive ? async (message, actions) => ((await askYesNo(message)) ? actions[0] ?? 'Yes' : null) : undefined,
    onLog: (type, message) => {
      if (type <= 2 && !opts.json) progress.line(`${type === 1 ? 'error' : 'warning'}: ${message}`);
    },
  });
  const started = new Map<string, number>();
  conn.onNotification(TaskEventNotification, (ev) => {
    if (opts.json) return;
    if (ev.kind === 'tool_start') {
      started.set(ev.name ?? '', Date.now());
      progress.update(`… ${ev.name} ${target(ev.args)}`);
    } else if (ev.kind === 'tool_end') {
      progress.line(`${ev.ok ? '✔' : '✘'} ${ev.name} ${target(ev.args)} (${formatMs(ev.ms ?? 0)})`);
    } else if (ev.kind === 'plan' && ev.text) {
      progress.line(ev.text);
    } else if (ev.kind === 'error' && ev.text) {
      progress.line(`! ${ev.text}`);
    }
  });
  conn.onProgress((v) => {
    if (!opts.json && v.message) progress.update(v.message);
  });

  try {
    const result = await conn.request(RunTask, { task: opts.task, mode: opts.mode, autoApprove: opts.yes || undefined });
    progress.clear();
    if (opts.json) {
      process.stdout.write(JSON.stringify(result) + '\n');
    } else {
      const diff = (result as RunResultT & { diff?: string }).diff;
      process.stdout.write(renderSummary(result, diff) + '\n');
    }
    return result.success ? 0 : 1;
  } catch (err) {
    progress.clear();
    const e = err as { message?: string; data?: { next?: string; code?: string } };
    const message = `smallcode: ${e.message ?? String(err)}${e.data?.next ? `\n  next: ${e.data.next}` : ''}`;
    if (opts.json) {
      process.stdout.write(JSON.stringify({ success: false, error: { message: e.message ?? String(err), ...(e.data ?? {}) } }) + '\n');
    }
    process.stderr.write(message + '\n');
    return 1;
  } finally {
    await conn.close();
  }
}
