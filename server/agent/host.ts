/**
 * The core of one workspace, usable without LSP: configuration with provenance, the workspace view
 * (disk + open buffers), snapshots, the code graph and memory (opened lazily), and the running
 * tasks. The LSP adapter, the CLI's offline commands and the programmatic API all drive it; it
 * never imports the LSP connection.
 */
import { loadConfig } from '../config/load.js';
import type { ConfigProblem, ResolvedConfig } from '../config/resolve.js';
import type { Config } from '../config/variables.js';
import { errorMessage, SmallCodeError } from '../core/errors.js';
import { SnapshotStore } from '../edit/snapshots.js';
import { GraphService } from '../graph/graph-service.js';
import { GraphIndexer } from '../graph/indexer/graph-indexer.js';
import { MemoryService } from '../memory/memory-service.js';
import { Workspace } from '../workspace/workspace.js';
import type { BudgetResultT } from '../../protocol-ext/stats.js';
import type { RunResultT, RunTaskParamsT, RollbackResultT, PlanResultT } from '../../protocol-ext/agent.js';
import { setupModel, type ModelSetup } from './model-setup.js';
import { readPlanFile } from './plan-state.js';
import { graphToolService, memoryToolService } from './service-adapters.js';
import { TaskRun, newTaskId, DEFAULT_LIMITS, type TaskHooks, type TaskLimits } from './task-runner.js';
import { chooseModel, readRoutingStats, recordOutcome, writeRoutingStats } from './routing.js';
import { cloudTarget, EscalationLedger } from './escalation.js';
import { Scratchpad } from './scratchpad.js';

export interface HostOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
  /** Log lines for the editor's output panel (never stdout). */
  log?: (line: string) => void;
}

interface RunningTask {
  controller: AbortController;
  started: number;
  task: string;
}

export class Host {
  readonly root: string;
  readonly workspace: Workspace;
  readonly snapshots: SnapshotStore;
  private readonly env: NodeJS.ProcessEnv;
  private readonly initializationOptions: unknown;
  private clientSettings: unknown;
  private resolved: ResolvedConfig;
  private readonly running = new Map<string, RunningTask>();
  private graphState: { graph: GraphService; indexer: GraphIndexer; indexed: Promise<void> } | null | undefined;
  private memoryState: MemoryService | null | undefined;
  private readonly indexAbort = new AbortController();
  private modelOverride: string | undefined;
  lastSetup: ModelSetup | undefined;
  private lastBudget: BudgetResultT | undefined;
  private readonly escalations = new EscalationLedger();
  private pad: Scratchpad | undefined;
  readonly log: (line: string) => void;

  constructor(opts: HostOptions) {
    this.root = opts.root;
    this.env = opts.env ?? process.env;
    this.initializationOptions = opts.initializationOptions;
    this.resolved = loadConfig({ cwd: this.root, env: this.env, initializationOptions: this.initializationOptions });
    this.workspace = new Workspace(this.root);
    this.snapshots = new SnapshotStore(this.workspace);
    this.log = opts.log ?? (() => undefined);
  }

  get config(): Config {
    return this.resolved.config;
  }

  get configResolution(): ResolvedConfig {
    return this.resolved;
  }

  get configProblems(): ConfigProblem[] {
    return this.resolved.problems;
  }

  /** Applies `workspace/didChangeConfiguration` settings (highest precedence); returns the problems now in force. */
  updateClientSettings(settings: unknown): ConfigProblem[] {
    this.clientSettings = settings;
    this.resolved = loadConfig({ cwd: this.root, env: this.env, initializationOptions: this.initializationOptions, clientSettings: this.clientSettings });
    return this.resolved.problems;
  }

  /** The code graph, opened and indexed on first use; null when it cannot open (the agent works without it). */
  graph(onProgress?: (done: number, total: number, message: string) => void): { graph: GraphService; indexer: GraphIndexer; indexed: Promise<void> } | null {
    if (this.graphState !== undefined) return this.graphState;
    try {
      const graph = GraphService.open(this.root);
      const indexer = new GraphIndexer(this.root, graph.store);
      const indexed = indexer
        .indexAll({ signal: this.indexAbort.signal, ...(onProgress ? { onProgress: (d: number, t: number, m: string | undefined) => onProgress(d, t, m ?? '') } : {}) })
        .then((s) => this.log(`graph: ${s.files} files, ${s.symbols} symbols indexed in ${Math.round(s.elapsedMs)} ms`))
        .catch((err: unknown) => this.log(`graph: indexing failed: ${errorMessage(err)}`));
      this.graphState = { graph, indexer, indexed };
    } catch (err) {
      this.log(`graph: unavailable (${errorMessage(err)})`);
      this.graphState = null;
    }
    return this.graphState;
  }

  /** Leaves this session without a code graph (a root such as `/` or the home folder, where indexing would run away). */
  disableGraph(reason: string): void {
    if (this.graphState !== undefined) return;
    this.log(`graph: off (${reason})`);
    this.graphState = null;
  }

  memory(): MemoryService | null {
    if (this.memoryState !== undefined) return this.memoryState;
    try {
      this.memoryState = MemoryService.open(this.root);
    } catch (err) {
      this.log(`memory: unavailable (${errorMessage(err)})`);
      this.memoryState = null;
    }
    return this.memoryState;
  }

  /** The session's scratchpad (one per host: a server process or a SmallCode instance). */
  scratchpad(): Scratchpad {
    return (this.pad ??= new Scratchpad(this.root, newTaskId()));
  }

  setModel(model: string): void {
    this.modelOverride = model;
  }

  async modelSetup(opts: { model?: string; signal?: AbortSignal } = {}): Promise<ModelSetup> {
    const setup = await setupModel(this.config, { root: this.root, ...(opts.model ?? this.modelOverride ? { modelOverride: (opts.model ?? this.modelOverride)! } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
    this.lastSetup = setup;
    return setup;
  }

  /**
   * Runs one task to its end: routes to a stronger model when the default one keeps failing, retries
   * once with a plan after a failed attempt (the first attempt's edits are rolled back), then — only
   * with a cloud key, and with approval unless SMALLCODE_ESCALATE_AUTO — escalates to the cloud.
   * Cancellation through `signal` (or cancelTask) stops the model request and any command.
   */
  async runTask(params: RunTaskParamsT, hooks: TaskHooks, signal: AbortSignal, opts: { taskId?: string; limits?: Partial<TaskLimits> } = {}): Promise<RunResultT> {
    const taskId = opts.taskId ?? newTaskId();
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', onAbort, { once: true });
    this.running.set(taskId, { controller, started: Date.now(), task: params.task });
    const say = (text: string): void => hooks.onEvent?.({ taskId, kind: 'message', text });
    try {
      hooks.onProgress?.('connecting to the model server');
      let setup = await this.modelSetup({ ...(params.model ? { model: params.model } : {}), signal: controller.signal });
      if (!params.model && !this.modelOverride) {
        const route = chooseModel(readRoutingStats(this.root), setup.model, this.config.modelMedium, this.config.modelStrong);
        if (route.tier !== 'default') {
          say(`routing: ${route.reason}`);
          setup = await this.modelSetup({ model: route.model, signal: controller.signal });
        }
      }
      const attempt = (s: ModelSetup, id: string, extra: Partial<RunTaskParamsT>, forcePlan = false): Promise<RunResultT> =>
        this.attempt({ ...params, ...extra }, s, hooks, controller.signal, id, { ...(opts.limits ? { limits: opts.limits } : {}), forcePlan });
      let result = await attempt(setup, taskId, {});
      this.recordRouting(setup.model, result.success);
      const all = [result];
      const retryable = (r: RunResultT): boolean => !r.success && !controller.signal.aborted && params.mode === 'apply';
      if (retryable(result)) {
        say(`the first attempt did not succeed (${result.stopReason ?? result.summary}); retrying once with a plan`);
        await this.snapshots.rollback(result.taskId).catch((err: unknown) => this.log(`rollback before retry failed: ${errorMessage(err)}`));
        const evidence = this.memory()?.load(params.task, { memories: 0, evidence: 5 }).evidence.filter((e) => e.outcome === 'failed' && e.taskId === result.taskId) ?? [];
        const tried = evidence.length ? `\nWhat failed before:\n${evidence.map((e) => `- ${e.tool} ${e.args}: ${e.error ?? 'failed'}`).join('\n')}` : '';
        const lesson = `A previous attempt at this task failed: ${result.summary}${result.validation.output ? `\nLast test output:\n${result.validation.output.slice(-800)}` : ''}${tried}\nIts changes were undone. Work step by step this time.`;
        result = await attempt(setup, `${taskId}-r1`, { task: `${params.task}\n\n${lesson}` }, true);
        all.push(result);
      }
      if (retryable(result)) {
        const cloud = await this.escalate(params, hooks, controller.signal, taskId, result);
        if (cloud) {
          result = cloud;
          all.push(cloud);
        }
      }
      return mergeAttempts(all);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.running.delete(taskId);
    }
  }

  private async attempt(params: RunTaskParamsT, setup: ModelSetup, hooks: TaskHooks, signal: AbortSignal, taskId: string, run: { limits?: Partial<TaskLimits>; forcePlan?: boolean }): Promise<RunResultT> {
    const g = this.graph();
    if (g) await Promise.race([g.indexed, new Promise((r) => setTimeout(r, 30_000))]);
    const memory = this.memory();
    const task = new TaskRun({
      params,
      setup,
      hooks: { ...hooks, onBudget: (b) => {
        this.lastBudget = b;
        hooks.onBudget?.(b);
      } },
      signal,
      taskId,
      ...(run.limits ? { limits: run.limits } : {}),
      forcePlan: run.forcePlan ?? false,
      services: {
        root: this.root,
        config: this.config,
        workspace: this.workspace,
        snapshots: this.snapshots,
        ...(g ? { graph: graphToolService(g.graph), repoMap: async (task: string, tokens: number) => g.graph.repoMap({ tokens, identifiers: identifiersOf(task), files: filesOf(task) }).text || null } : {}),
        ...(memory ? { memory: memoryToolService(memory) } : {}),
        scratchpad: this.scratchpad(),
        afterWrite: (path: string) => {
          if (g) void g.indexer.applyFileEvents([{ path, type: 'changed' }]).catch((err: unknown) => this.log(`graph: update of ${path} failed: ${errorMessage(err)}`));
        },
      },
    });
    const result = await task.run();
    await this.snapshots.prune(taskId).catch((err: unknown) => this.log(`snapshots: prune failed: ${errorMessage(err)}`));
    return result;
  }

  private recordRouting(model: string, ok: boolean): void {
    try {
      writeRoutingStats(this.root, recordOutcome(readRoutingStats(this.root), model, ok));
    } catch (err) {
      this.log(`routing: cannot record the outcome: ${errorMessage(err)}`);
    }
  }

  /** The cloud attempt, or null when there is no key, no approval, or the session cap is spent. */
  private async escalate(params: RunTaskParamsT, hooks: TaskHooks, signal: AbortSignal, taskId: string, failed: RunResultT): Promise<RunResultT | null> {
    const testCloud = process.env.SMALLCODE_TEST_HOOKS === '1' && process.env.SMALLCODE_TEST_CLOUD_BASE_URL
      ? { baseUrl: process.env.SMALLCODE_TEST_CLOUD_BASE_URL, model: process.env.SMALLCODE_TEST_CLOUD_MODEL ?? 'cloud-model' }
      : undefined;
    const target = cloudTarget(this.config, testCloud);
    const say = (text: string): void => hooks.onEvent?.({ taskId, kind: 'message', text });
    if (!target) return null;
    if (this.escalations.exhausted()) {
      say('escalation: the session cap on cloud calls and tokens is spent; not escalating');
      return null;
    }
    if (!this.config.escalateAuto) {
      const ok = hooks.approve ? await hooks.approve({ kind: 'command', title: `Send this task and the code it needs to ${target.provider} (${target.model})?`, detail: 'The local model could not finish the task, even after a retry with a plan.' }) : false;
      if (!ok) {
        say(`escalation to ${target.provider} needs approval (set SMALLCODE_ESCALATE_AUTO=true to allow it without asking); not escalating`);
        return null;
      }
    }
    say(`escalating to ${target.provider} ${target.model}: the local model failed twice (${failed.summary})`);
    await this.snapshots.rollback(failed.taskId).catch((err: unknown) => this.log(`rollback before escalation failed: ${errorMessage(err)}`));
    const setup = await setupModel(this.config, { root: this.root, modelOverride: target.model, baseUrlOverride: target.baseUrl, signal });
    const remaining = this.escalations.remaining();
    const result = await this.attempt(params, setup, hooks, signal, `${taskId}-cloud`, { limits: { maxTurns: Math.max(1, Math.min(DEFAULT_LIMITS.maxTurns, remaining.calls)) } });
    this.escalations.charge(result.toolCalls.length + 1, result.tokens.total);
    return { ...result, summary: `${result.summary} (escalated to ${target.provider} ${target.model})` };
  }

  cancelTask(taskId: string): boolean {
    const t = this.running.get(taskId);
    if (!t) return false;
    t.controller.abort();
    return true;
  }

  runningTasks(): string[] {
    return [...this.running.keys()];
  }

  async rollback(taskId: string): Promise<RollbackResultT> {
    if (this.running.has(taskId)) {
      throw new SmallCodeError('TaskNotFound', `Task ${taskId} is still running; cancel it before rolling it back.`, { next: 'smallcode/cancelTask, then smallcode/rollback' });
    }
    const out = await this.snapshots.rollback(taskId);
    return { taskId, restored: out.restored, deleted: out.deleted };
  }

  budget(): BudgetResultT {
    return this.lastBudget ?? { model: this.lastSetup?.model ?? null, contextWindow: this.lastSetup?.contextWindow ?? 0, used: 0, sections: [] };
  }

  plan(): PlanResultT {
    return readPlanFile(this.root);
  }

  dispose(): void {
    for (const t of this.running.values()) t.controller.abort();
    this.indexAbort.abort();
    const g = this.graphState;
    if (g) void g.indexer.dispose().catch((err: unknown) => this.log(`graph: worker shutdown failed: ${errorMessage(err)}`)).finally(() => g.graph.close());
    this.memoryState?.store.close();
  }
}

/** Identifier-looking words of a task (camelCase, snake_case, PascalCase) for the repo map's personalisation. */
/**
 * Identifiers a task names, for the repo map's focus: camelCase / PascalCase / snake_case words and
 * member forms such as `UserStore.parseUser` (kept whole, the repo map resolves them to that member;
 * file names like `user.ts` are not members).
 */
export function identifiersOf(task: string): string[] {
  const members = (task.match(/\b[A-Za-z_$][\w$]*(?:\.|#|::)[A-Za-z_$][\w$]*\b/g) ?? []).filter((m) => !/\.(?:ts|tsx|js|jsx|mjs|cjs|py|go|rs|json|md)$/.test(m));
  const words = task.match(/\b[A-Za-z_][A-Za-z0-9_]*(?:[A-Z_][A-Za-z0-9_]*)+\b|\b[a-z]+_[a-z0-9_]+\b/g) ?? [];
  return [...new Set([...members, ...words])].slice(0, 20);
}

export function filesOf(task: string): string[] {
  return [...new Set(task.match(/[\w./-]+\.(?:ts|tsx|js|jsx|mjs|cjs|py|go|rs)\b/g) ?? [])].slice(0, 10);
}

/** One RunResult for the whole task: the last attempt's outcome, with every attempt's calls, tokens and time. */
export function mergeAttempts(results: readonly RunResultT[]): RunResultT {
  const last = results[results.length - 1]!;
  if (results.length === 1) return last;
  const first = results[0]!;
  return {
    ...last,
    toolCalls: results.flatMap((r) => r.toolCalls),
    tokens: results.reduce((t, r) => ({ prompt: t.prompt + r.tokens.prompt, completion: t.completion + r.tokens.completion, total: t.total + r.tokens.total }), { prompt: 0, completion: 0, total: 0 }),
    durationMs: results.reduce((t, r) => t + r.durationMs, 0),
    modelCalls: results.reduce((t, r) => t + (r.modelCalls ?? 0), 0),
    auxModelCalls: results.reduce((t, r) => t + (r.auxModelCalls ?? 0), 0),
    summary: `${last.summary} (after ${results.length} attempts; first: ${first.summary})`,
  };
}
