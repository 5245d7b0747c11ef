/**
 * Small checks and texts of the task loop: whether a cut-off answer was a tool call, the message for
 * it, and the syntax checks that stand in for tests when a project has none (run in the task's shell,
 * which is passed in; no I/O of its own).
 */
import type { Shell } from '../shell/shell-session.js';

export function looksLikeCall(text: string): boolean {
  return /<tool_call>|<function=|"(name|tool)"\s*:|```json|\b(write_file|patch|bash|read_file)\b/.test(text);
}

export function cutOffMessage(reserve: number): string {
  return `Your answer was cut off at the output limit (about ${reserve} tokens), so its last tool call was incomplete and did not run. Send a smaller call: patch only the lines that change instead of writing whole files.`;
}

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Commands that only parse the changed files (no test suite, no writes): `node --check` for
 * JavaScript, Python's own parser for .py. Files of other languages are skipped.
 */
export function syntaxCheckCommands(files: readonly string[]): { file: string; command: string }[] {
  const out: { file: string; command: string }[] = [];
  for (const f of files) {
    // node --check silently passes ES-module files it detects as such (Node 20): parse those from stdin as modules.
    let command: string | null = null;
    if (/\.mjs$/.test(f)) command = `node --input-type=module --check < ${q(f)}`;
    else if (/\.cjs$/.test(f)) command = `node --check ${q(f)}`;
    else if (/\.js$/.test(f)) command = `if grep -qE '^[[:space:]]*(import|export)[[:space:]{*]' ${q(f)}; then node --input-type=module --check < ${q(f)}; else node --check ${q(f)}; fi`;
    else if (/\.py$/.test(f)) command = `python3 -c 'import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])' ${q(f)}`;
    if (command) out.push({ file: f, command });
  }
  return out;
}

/** null when every changed JavaScript / Python file parses; otherwise the message for the model. */
export async function runSyntaxChecks(shell: Shell, root: string, files: readonly string[], signal: AbortSignal): Promise<string | null> {
  for (const { file, command } of syntaxCheckCommands(files)) {
    const r = await shell.run(`(cd ${q(root)} && ${command})`, { timeoutSec: 30, signal, maxOutputChars: 1500 });
    // 127: the checker itself is missing, which says nothing about the file.
    if (r.exitCode !== 0 && r.exitCode !== 127 && !r.timedOut && !r.cancelled) {
      return `You said the task is done, but ${file} does not parse:\n${r.output.trim()}\nFix it before you finish.`;
    }
  }
  return null;
}
