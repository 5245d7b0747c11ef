/**
 * Shared steps of the agent's end-to-end tests: run `smallcode run --json` against a scripted model
 * server and read back the RunResult, the tool messages the model was sent, and the task's trace.
 * Test support only; it drives the real CLI and server processes and mocks nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResultT } from '../../protocol-ext/agent.js';
import type { CapturedRequest, ModelServer } from '../support/model-server.js';
import { runCli, type CliRun } from '../support/run-cli.js';
import { LspTestClient } from '../support/lsp-client.js';

export const MODEL = 'qwen2.5-coder:7b';
export const FIXED_MATH = 'export function add(a, b) {\n    return a + b;\n}\n\nexport function mul(a, b) {\n  return a * b;\n}\n';
export const BUGGY_MATH = 'export function add(a, b) {\n    return a - b;\n}\n\nexport function mul(a, b) {\n  return a * b;\n}\n';
export const FIX_TASK = 'fix the add function in src/math.js so the tests pass';

export interface CliTask {
  run: CliRun;
  result: RunResultT & { error?: { message: string; code?: string; next?: string } };
}

export async function runTaskCli(opts: { root: string; server?: ModelServer; baseUrl?: string; task?: string; extra?: string[]; env?: Record<string, string>; yes?: boolean; model?: string }): Promise<CliTask> {
  const args = ['run', opts.task ?? FIX_TASK, '--cwd', opts.root, '--base-url', opts.baseUrl ?? opts.server!.url, '--model', opts.model ?? MODEL, '--json'];
  if (opts.yes !== false) args.push('--yes');
  args.push(...(opts.extra ?? []));
  const run = await runCli(args, { timeoutMs: 120_000, ...(opts.env ? { env: opts.env } : {}) });
  const line = run.stdout.trim().split('\n').filter(Boolean).pop() ?? '';
  let result: CliTask['result'];
  try {
    result = JSON.parse(line) as CliTask['result'];
  } catch (err) {
    throw new Error(`no JSON result (${String(err)})\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  }
  return { run, result };
}

export interface SentMessage {
  role: string;
  content?: string | null;
  tool_call_id?: string;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
}

export function messagesOf(req: CapturedRequest | undefined): SentMessage[] {
  return ((req?.body?.['messages'] ?? []) as SentMessage[]);
}

/** The text of every tool-result message in a request, in order. */
export function toolResults(req: CapturedRequest | undefined): string[] {
  return messagesOf(req).filter((m) => m.role === 'tool').map((m) => String(m.content ?? ''));
}

/** The last message the model was sent in a request (what it is asked to react to). */
export function lastMessage(req: CapturedRequest | undefined): SentMessage | undefined {
  const ms = messagesOf(req);
  return ms[ms.length - 1];
}

export function allText(req: CapturedRequest | undefined): string {
  return messagesOf(req).map((m) => String(m.content ?? '')).join('\n----\n');
}

export interface TraceLine {
  type: string;
  [k: string]: unknown;
}

export function readTrace(root: string, taskId: string): TraceLine[] {
  const text = readFileSync(join(root, '.smallcode', 'traces', `${taskId}.jsonl`), 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as TraceLine);
}

export function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export function readText(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

/** A real server over stdio, initialized for `root` and pointed at the scripted model server. */
export async function startLsp(root: string, baseUrl: string, opts: { env?: Record<string, string>; settings?: Record<string, unknown>; capabilities?: Record<string, unknown> } = {}): Promise<LspTestClient> {
  const client = LspTestClient.start({
    cwd: root,
    initializationOptions: { SMALLCODE_BASE_URL: baseUrl, SMALLCODE_MODEL: MODEL },
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
    ...(opts.capabilities ? { capabilities: opts.capabilities } : {}),
  });
  await client.initialize();
  return client;
}
