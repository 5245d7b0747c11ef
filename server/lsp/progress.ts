/**
 * Work-done progress: uses the client's token when the request carried one, otherwise creates one
 * with window/workDoneProgress/create (when the client supports it). Never throws: progress is a
 * courtesy, a client that refuses it must not fail the work.
 */
import type { Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node.js';

export interface Progress {
  report(message: string, percentage?: number): void;
  done(message?: string): void;
}

const noop: Progress = { report() {}, done() {} };

export async function beginProgress(
  connection: Connection,
  title: string,
  opts: { token?: string | number; clientSupportsCreate: boolean; cancellable?: boolean },
): Promise<Progress> {
  let reporter: WorkDoneProgressReporter | undefined;
  try {
    if (opts.token !== undefined) {
      reporter = connection.window.attachWorkDoneProgress(opts.token);
    } else if (opts.clientSupportsCreate) {
      reporter = await connection.window.createWorkDoneProgress();
    }
  } catch (err) {
    connection.console.warn(`progress unavailable for "${title}": ${String(err)}`);
    return noop;
  }
  if (!reporter) return noop;
  reporter.begin(title, 0, undefined, opts.cancellable ?? false);
  let finished = false;
  return {
    report(message, percentage) {
      if (finished) return;
      if (percentage === undefined) reporter!.report(message);
      else reporter!.report(Math.max(0, Math.min(100, Math.round(percentage))), message);
    },
    done(message) {
      if (finished) return;
      finished = true;
      reporter!.done();
      if (message) connection.console.log(`${title}: ${message}`);
    },
  };
}
