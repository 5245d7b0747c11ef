/**
 * The programmatic API: `new SmallCode({model, baseUrl, cwd})`, `await agent.run(task)` → RunResult,
 * and an EventEmitter with `tool_start {name, args}`, `tool_end {name, ms, ok}`, `message`, `plan`,
 * `error`. Constructing the agent in code is the approval for its writes and commands unless an
 * `approve` callback is given. Runs the same core as the LSP server, in-process.
 */
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { RollbackResultT, RunResultT, TaskEventT, TaskModeT } from '../../protocol-ext/agent.js';
import { Host } from './host.js';
import type { ApprovalRequest } from './task-runner.js';

export interface SmallCodeOptions {
  /** Model name as the server lists it (default: SMALLCODE_MODEL, else the server's first). */
  model?: string;
  /** OpenAI-compatible endpoint (default: SMALLCODE_BASE_URL, else auto-detected on the usual ports). */
  baseUrl?: string;
  /** Workspace folder (default: process.cwd()). */
  cwd?: string;
  /** 'apply' writes files (default); 'propose' only returns the edit. */
  mode?: TaskModeT;
  /** Any other setting, by its variable name or config key (e.g. `{ SMALLCODE_PLAN: true }`). */
  settings?: Record<string, unknown>;
  /** Ask before each write or command; without it, constructing the agent approves them. */
  approve?: (request: ApprovalRequest) => Promise<boolean>;
  env?: NodeJS.ProcessEnv;
}

export interface SmallCodeEvents {
  tool_start: [{ name: string; args: Record<string, unknown> }];
  tool_end: [{ name: string; ms: number; ok: boolean }];
  message: [{ text: string }];
  plan: [{ text: string }];
  error: [{ text: string }];
}

export interface RunOptions {
  mode?: TaskModeT;
  signal?: AbortSignal;
  context?: { uri: string; range?: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

export class SmallCode extends EventEmitter<SmallCodeEvents> {
  readonly cwd: string;
  private readonly host: Host;
  private readonly opts: SmallCodeOptions;

  constructor(opts: SmallCodeOptions = {}) {
    super();
    this.opts = opts;
    this.cwd = resolve(opts.cwd ?? process.cwd());
    const init: Record<string, unknown> = { ...(opts.settings ?? {}) };
    if (opts.model) init['SMALLCODE_MODEL'] = opts.model;
    if (opts.baseUrl) init['SMALLCODE_BASE_URL'] = opts.baseUrl;
    if (!opts.approve) init['SMALLCODE_AUTO_APPROVE'] = true;
    this.host = new Host({ root: this.cwd, initializationOptions: init, ...(opts.env ? { env: opts.env } : {}) });
  }

  /** Configuration problems (bad values keep their defaults; nothing throws). */
  get configProblems(): { name: string; source: string; message: string }[] {
    return this.host.configProblems;
  }

  async run(task: string, opts: RunOptions = {}): Promise<RunResultT> {
    const signal = opts.signal ?? new AbortController().signal;
    const forward = (e: TaskEventT): void => {
      switch (e.kind) {
        case 'tool_start':
          this.emit('tool_start', { name: e.name ?? '', args: e.args ?? {} });
          break;
        case 'tool_end':
          this.emit('tool_end', { name: e.name ?? '', ms: e.ms ?? 0, ok: e.ok ?? false });
          break;
        case 'message':
          this.emit('message', { text: e.text ?? '' });
          break;
        case 'plan':
          this.emit('plan', { text: e.text ?? '' });
          break;
        case 'error':
          // EventEmitter throws on an unhandled 'error': only emit to listeners that asked for it.
          if (this.listenerCount('error') > 0) this.emit('error', { text: e.text ?? '' });
          break;
      }
    };
    return this.host.runTask(
      { task, mode: opts.mode ?? this.opts.mode ?? 'apply', ...(opts.context ? { context: opts.context } : {}) },
      { onEvent: forward, ...(this.opts.approve ? { approve: this.opts.approve } : {}) },
      signal,
    );
  }

  rollback(taskId: string): Promise<RollbackResultT> {
    return this.host.rollback(taskId);
  }

  /** Closes the code graph and memory databases. */
  close(): void {
    this.host.dispose();
  }
}
