/**
 * The task loop: plan → act → validate until the model says it is done and the project's own tests
 * agree, or a limit is reached. It wires the model turn, the tools, the governor, approval, the
 * changeset, validation and traces; it never talks LSP (events and edits leave through hooks).
 */
import { toBudgetResult } from '../model/budget/budget-split.js';
import type { RunResultT, TaskEventT, ToolCallRecordT } from '../../protocol-ext/agent.js';
import type { Config } from '../config/variables.js';
import { errorMessage, isSmallCodeError, SmallCodeError } from '../core/errors.js';
import { Changeset } from '../edit/changeset.js';
import { WriteGuard } from '../edit/write-guard.js';
import { Calibrator } from '../model/budget/calibrator.js';
import { createEstimator, familyOf } from '../model/budget/token-estimate.js';
import type { ChatMessage, ToolCall } from '../model/messages.js';
import { decomposeTask } from '../model/prompt-fn/functions.js';
import { modelSummariser } from '../model/prompt-fn/summariser.js';
import type { Summariser } from '../model/budget/compact.js';
import { TraceWriter } from '../observe/trace-writer.js';
import { secretValues } from '../observe/redact.js';
import { detectProject, projectSummary, type ProjectDetection } from '../shell/project-detect.js';
import { createShell, type Shell } from '../shell/shell-session.js';
import { runValidation, type ValidationResult } from '../shell/validation-run.js';
import type { ToolContext } from '../tools/define-tool.js';
import { ToolRegistry } from '../tools/registry.js';
import { taskTools } from '../tools/task-tools.js';
import { TaskEditService } from './edit-service.js';
import { Governor, type Intervention } from './governor.js';
import { FINISH_TOOL, modelTurn, wireCalls } from './model-turn.js';
import { chooseStructuredOutput } from '../model/structured-output.js';
import { PlanState, taskNeedsPlan } from './plan-state.js';
import { systemPrompt, taskMessage, taskNeedsEdits } from './task-prompt.js';
import { isWorse, testOutputDigest, testRunnerMissing } from './test-tally.js';
import { filesShownBy, noteShownFiles } from './seen-files.js';
import { ReadsInView } from './reads-in-view.js';
import { cutOffMessage, looksLikeCall, runSyntaxChecks } from './turn-checks.js';

export type { ApprovalRequest, TaskHooks, TaskServices, TaskLimits, TaskRunOptions } from './task-types.js';
export { DEFAULT_LIMITS, newTaskId } from './task-types.js';
import { DEFAULT_LIMITS, newTaskId, type ApprovalRequest, type TaskLimits, type TaskRunOptions } from './task-types.js';

const WRITE_TOOLS = new Set(['patch', 'write_file']);

function argSummary(args: Record<string, unknown>): string {
  const s = JSON.stringify(args);
  return s.length > 200 ? s.slice(0, 197) + '...' : s;
}

export class TaskRun {
  readonly taskId: string;
  private readonly p: TaskRunOptions;
  private readonly config: Config;
  private readonly started = Date.now();
  private readonly limits: TaskLimits;
  private readonly changeset: Changeset;
  private readonly guard: WriteGuard;
  private readonly registry: ToolRegistry;
  private readonly governor: Governor;
  private readonly trace: TraceWriter;
  private readonly plan: PlanState;
  private shell: Shell | null = null;
  private project: ProjectDetection | null = null;
  private history: ChatMessage[] = [];
  /** This turn's tool results (reset before its calls run): with history, what the model sees next. */
  private turnResults: ChatMessage[] = [];
  private readonly reads = new ReadsInView(() => [...this.history, ...this.turnResults]);
  private readonly records: ToolCallRecordT[] = [];
  private tokens = { prompt: 0, completion: 0 };
  private modelCalls = 0;
  private auxCalls = 0;
  private editsMade = 0;
  private editsSinceValidation = 0;
  private validations = 0;
  private lastValidation: ValidationResult = { ran: false, passed: null };
  /** The tests' state before the current turn: a turn is reverted only when it makes this worse. */
  private baseline: ValidationResult | null = null;
  private doneRejections = 0;
  /** Files changed in the current turn (auto-rollback looks only at turns that changed something). */
  private turnEdits = 0;
  /** The detected test command cannot start here (runner not installed): validation is off. */
  private runnerMissing = false;
  private lastText = '';
  private turn = 0;
  private approvedAll: boolean;
  private readonly structured: ReturnType<typeof chooseStructuredOutput>;

  constructor(opts: TaskRunOptions) {
    this.p = opts;
    this.taskId = opts.taskId ?? newTaskId();
    this.config = opts.services.config;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.approvedAll = Boolean(this.config.autoApprove || opts.params.autoApprove);
    const { services, hooks } = opts;
    this.changeset = new Changeset({
      workspace: services.workspace,
      taskId: this.taskId,
      mode: opts.params.mode,
      snapshots: this.config.snapshot ? services.snapshots : null,
      ...(hooks.applyEdit ? { applyEdit: hooks.applyEdit } : {}),
      ...(hooks.editCapabilities ? { capabilities: hooks.editCapabilities } : {}),
    });
    this.guard = new WriteGuard({ enabled: this.config.writeGuard });
    this.registry = new ToolRegistry(taskTools(this.config, { window: opts.setup.contextWindow, graph: Boolean(services.graph), memory: Boolean(services.memory), scratchpad: Boolean(services.scratchpad) }));
    this.governor = new Governor({ task: opts.params.task, baseTemperature: opts.setup.profile.temperature, tempAdapt: this.config.tempAdapt, trustDecay: this.config.trustDecay });
    this.trace = new TraceWriter(services.root, this.taskId, { secrets: secretValues(this.config, process.env) });
    this.structured = chooseStructuredOutput(opts.setup.profile, opts.setup.serverKind);
    this.plan = new PlanState(services.root, this.taskId, (md) => this.emit({ kind: 'plan', text: md }));
  }

  private emit(e: Omit<TaskEventT, 'taskId'>): void {
    this.p.hooks.onEvent?.({ taskId: this.taskId, ...e });
  }

  private checkLimits(): string | null {
    if (this.p.signal.aborted) throw new SmallCodeError('TaskCancelled', 'The task was cancelled.');
    if (Date.now() - this.started > this.limits.wallClockMs) return `wall-clock limit of ${Math.round(this.limits.wallClockMs / 1000)} s reached`;
    if (this.turn >= this.limits.maxTurns) return `turn limit of ${this.limits.maxTurns} reached`;
    if (this.records.length >= this.limits.maxToolCalls) return `tool-call limit of ${this.limits.maxToolCalls} reached`;
    return null;
  }

  /** Runs the task to its end; the RunResult says whether it succeeded. Throws only for cancellation and setup failures. */
  async run(): Promise<RunResultT> {
    const { params, setup, services } = this.p;
    if (params.mode === 'apply' && !this.approvedAll && !this.p.hooks.approve) {
      throw new SmallCodeError('ApprovalRequired', 'This task may write files and run commands, but nobody can approve them here.', {
        tried: 'smallcode/runTask in apply mode without approval',
        next: 'Re-run with --yes (or SMALLCODE_AUTO_APPROVE=true) to approve, or use --mode propose to only see the changes.',
      });
    }
    this.trace.write({ type: 'task', taskId: this.taskId, task: params.task, model: setup.model, baseUrl: setup.baseUrl, mode: params.mode, at: new Date().toISOString() });
    try {
      this.shell = createShell(this.config.shellPersist, { cwd: services.root, timeoutSec: this.config.bashTimeout, maxOutputChars: this.config.maxToolResultChars });
      this.project = await detectProject(services.root, this.config);
      await this.prepare();
      // The tests' state before any edit: hard-fail protection and step validation compare against it.
      if ((this.config.autoRollback || this.plan.all.length > 0) && params.mode === 'apply') this.baseline = await this.validate('baseline', false);
      const stop = await this.loop();
      return this.finish(stop);
    } finally {
      await this.shell?.dispose().catch(() => undefined);
    }
  }

  private async prepare(): Promise<void> {
    const { params, setup, services } = this.p;
    const project = this.project!;
    const system = systemPrompt({
      root: services.root,
      project: projectSummary(project),
      testCommand: project.testDisabled ? null : project.testCommand,
      format: setup.profile.toolCallStyle === 'native' ? 'native' : setup.profile.toolCallStyle,
      // A constrained decoder gets the schemas, the model does not: describe the tools in the prompt.
      ...(this.structured.mode ? { format: 'json' as const, promptTools: [...this.registry.definitions(), FINISH_TOOL] } : {}),
    });
    let planText: string | null = null;
    if (this.config.plan || this.p.forcePlan || taskNeedsPlan(params.task)) {
      this.p.hooks.onProgress?.('planning');
      // A repair retry is a second hidden request: count every attempt.
      let attempts = 1;
      const r = await decomposeTask.run(setup.provider, { task: params.task }, { signal: this.p.signal, onSpan: (span) => (attempts = span.attempts) });
      this.auxCalls += attempts;
      if (r.ok) {
        this.plan.add(r.value.steps.map((s) => s.text));
        planText = this.plan.list();
      }
    }
    this.plan.validateStep = async () => {
      // A step that changed nothing since the last check (reading, searching) has nothing new to validate.
      if (this.editsSinceValidation === 0) return null;
      const before = this.baseline;
      const v = await this.validate('step');
      if (!v.ran || v.passed !== false) {
        this.baseline = v;
        return null;
      }
      const blocking = before !== null && isWorse(before, v);
      if (!blocking) this.baseline = v;
      return { blocking, text: `${v.command}:\n${testOutputDigest(v.output ?? '')}` };
    };
    const pointedAt: { path: string; text: string }[] = [];
    for (const c of params.context ?? []) {
      try {
        const r = await services.workspace.readText(c.uri);
        const lines = r.text.split('\n');
        const text = c.range ? lines.slice(c.range.start.line, c.range.end.line + 1).join('\n') : lines.slice(0, 80).join('\n');
        pointedAt.push({ path: r.path, text });
        this.guard.noteRead(r.path);
      } catch (err) {
        this.emit({ kind: 'error', text: `cannot read ${c.uri}: ${errorMessage(err)}` });
      }
    }
    const mapTokens = setup.contextWindow >= 8192 ? Math.min(2048, Math.floor(setup.contextWindow / 12)) : 0;
    const repoMap = mapTokens && services.repoMap ? await services.repoMap(params.task, mapTokens).catch(() => null) : null;
    const memory = services.memory && setup.contextWindow >= 16384 ? await services.memory.load(params.task, 5).catch(() => null) : null;
    const task = taskMessage({ task: params.task, pointedAt, repoMap, memory: memory && !/^no /i.test(memory) ? memory : null, plan: planText });
    this.history = [
      { role: 'system', content: system },
      { role: 'user', content: task },
    ];
  }

  private async loop(): Promise<string> {
    const { setup, params } = this.p;
    const calibrator = new Calibrator();
    const calibrated = createEstimator(familyOf(setup.model), { scale: () => calibrator.scale() });
    // An overflow answer can reveal that the server runs a smaller window than assumed (Ollama's default).
    let window = setup.contextWindow;
    let reserve = Math.min(4096, Math.max(512, Math.floor(window / 6)));
    const needsEdits = taskNeedsEdits(params.task);
    const modelSummary = modelSummariser(setup.provider, { signal: this.p.signal });
    // Compaction summaries are hidden model calls: counted, so the user sees what they cost.
    const summarise: Summariser = (messages, o) => {
      this.auxCalls++;
      return modelSummary(messages, o);
    };
    let parseErrors = 0;
    const structured = this.structured;
    if (structured.mode) this.trace.write({ type: 'governor', taskId: this.taskId, turn: 0, kind: 'structured_output', reason: structured.reason, at: new Date().toISOString() });
    for (;;) {
      const limit = this.checkLimits();
      if (limit) return limit;
      this.turn++;
      this.changeset.beginTurn();
      this.turnEdits = 0;
      this.p.hooks.onProgress?.(`turn ${this.turn}: asking ${setup.model}`);
      const started = Date.now();
      const mt = await modelTurn({
        provider: setup.provider,
        history: this.history,
        tools: this.registry.definitions(),
        window,
        reserve,
        estimator: calibrated,
        calibrator,
        fit: { maxToolResultChars: this.config.maxToolResultChars, thinkingBudget: this.config.thinkingBudget, summarise },
        temperature: this.governor.temperature(),
        structured: structured.mode,
        signal: this.p.signal,
      });
      this.modelCalls++;
      if (mt.overflowRetried) this.modelCalls++;
      if (mt.serverWindow && mt.serverWindow < window) {
        window = mt.serverWindow;
        reserve = Math.min(4096, Math.max(512, Math.floor(window / 6)));
        this.trace.write({ type: 'governor', taskId: this.taskId, turn: this.turn, kind: 'context_window', reason: `the server overflowed: fitting to a ${window}-token window from now on`, at: new Date().toISOString() });
      }
      const usage = mt.result.usage;
      this.tokens.prompt += usage?.prompt ?? mt.estimatedPrompt;
      this.tokens.completion += usage?.completion ?? calibrated.text(mt.result.content);
      this.trace.write({
        type: 'model', taskId: this.taskId, turn: this.turn, model: mt.result.model, purpose: 'act', prompt: usage?.prompt ?? mt.estimatedPrompt,
        completion: usage?.completion ?? 0, estimated: !usage, ms: Date.now() - started, messages: mt.history.length, finishReason: mt.result.finishReason,
        calls: mt.calls.length, fromText: mt.fromText, repairs: mt.repairs, at: new Date().toISOString(),
      });
      this.history = mt.history;
      this.p.hooks.onBudget?.(toBudgetResult(setup.model, window, mt.fitted.sections));
      if (mt.result.content.trim()) {
        this.lastText = mt.result.content.trim();
        this.emit({ kind: 'message', text: this.lastText });
      }

      if (mt.calls.length === 0) {
        this.history.push({ role: 'assistant', content: mt.result.content || '' });
        const cutOff = mt.cutOff && looksLikeCall(mt.result.content + (mt.result.toolCalls.length || mt.result.invalidToolCalls.length ? ' "name":' : ''));
        if (mt.parseError || cutOff) {
          parseErrors++;
          if (parseErrors > 4) return 'the model kept sending tool calls that could not be read';
          // An answer cut at the output limit cannot be repaired by retrying it whole: ask for a smaller call.
          const message = cutOff
            ? cutOffMessage(reserve)
            : `Your tool call could not be used: ${mt.parseError}`;
          this.steer({ kind: 'no_tool', reason: cutOff ? 'answer cut off at the output limit' : 'unreadable tool call', message });
          continue;
        }
        const iv = this.governor.afterTextOnly(mt.result.content, { editsMade: this.editsMade > 0, needsEdits });
        if (iv?.message) {
          this.steer(iv);
          continue;
        }
        // Steering is used up: with edits made, the tests still decide whether the work is done.
        if (iv) this.steer(iv);
        if (iv && this.editsMade === 0) return `the model stopped working on the task (${iv.reason})`;
        // The model says it is done: the project's own tests decide.
        const verdict = await this.checkDone();
        if (verdict === null) return 'done';
        if (++this.doneRejections >= this.limits.maxValidations) return 'validation kept failing';
        this.steer({ kind: 'no_tool', reason: 'validation failed after the model said it was done', message: verdict });
        continue;
      }

      this.history.push({ role: 'assistant', content: mt.fromText ? null : mt.result.content || null, tool_calls: wireCalls(mt.calls) });
      const results: ChatMessage[] = (this.turnResults = []);
      for (const call of mt.calls) {
        const output = await this.runCall(call);
        results.push({ role: 'tool', tool_call_id: call.id!, content: output });
        if (this.p.signal.aborted) break;
      }
      // The plan is shown every turn, after the newest tool result (older messages stay byte-identical).
      const lastResult = results[results.length - 1];
      if (lastResult && lastResult.role === 'tool' && this.plan.all.length > 0 && !mt.calls.some((c) => c.name === 'todo')) {
        lastResult.content += `\n\n[Plan]\n${this.plan.list()}`;
      }
      if (mt.cutOff && lastResult) lastResult.content += `\n\n${cutOffMessage(reserve)}`;
      this.history.push(...results);
      await this.afterTurnChecks();
    }
  }

  private steer(iv: Intervention): void {
    this.trace.write({ type: 'governor', taskId: this.taskId, turn: this.turn, kind: iv.kind, reason: iv.reason, at: new Date().toISOString() });
    if (iv.message) this.history.push({ role: 'user', content: iv.message });
  }

  private toolContext(call?: ToolCall): ToolContext {
    const { services } = this.p;
    const edit = new TaskEditService(services.workspace, this.changeset, this.guard, {
      onWrite: (path) => {
        this.editsMade++;
        this.editsSinceValidation++;
        this.turnEdits++;
        this.registry.invalidate();
        services.afterWrite?.(path);
      },
      ...(!this.approvedAll && this.p.hooks.approve && this.p.params.mode === 'apply'
        ? { approveChange: (path: string, diff: string) => this.p.hooks.approve!({ kind: 'write', title: `SmallCode wants to change ${path}`, detail: diff.length > 3000 ? diff.slice(0, 3000) + '\n[... diff cut ...]' : diff }) }
        : {}),
    });
    return {
      root: services.root,
      signal: this.p.signal,
      config: this.config,
      taskId: this.taskId,
      ...(this.shell ? { shell: this.shell } : {}),
      workspace: services.workspace,
      edit,
      ...(services.graph ? { graph: services.graph } : {}),
      ...(services.memory ? { memory: services.memory } : {}),
      plan: this.plan,
      ...(services.scratchpad ? { scratchpad: services.scratchpad } : {}),
      ...(call?.id ? { call: this.reads.site(call.id, this.turn) } : {}),
    };
  }

  private async approve(call: ToolCall): Promise<string | null> {
    if (this.approvedAll) return null;
    const isWrite = WRITE_TOOLS.has(call.name);
    const isCommand = call.name === 'bash';
    if (!isWrite && !isCommand) return null;
    if (isWrite && this.p.params.mode === 'propose') return null;
    // Writes are asked about with their diff, once the engine has computed it (see toolContext).
    if (isWrite && this.p.hooks.approve) return null;
    if (!this.p.hooks.approve) return `The user has not approved ${isWrite ? 'file changes' : 'shell commands'} for this task; continue without ${call.name}.`;
    const detail = isCommand ? String(call.arguments['command'] ?? '') : JSON.stringify(call.arguments, null, 2).slice(0, 2000);
    const ok = await this.p.hooks.approve({ kind: isWrite ? 'write' : 'command', title: `SmallCode wants to ${isCommand ? 'run' : 'change'}: ${isCommand ? detail.slice(0, 80) : String(call.arguments['path'] ?? '')}`, detail });
    return ok ? null : `The user declined this ${call.name} call. Try another way or finish with a summary.`;
  }

  private async runCall(call: ToolCall): Promise<string> {
    const argsKey = JSON.stringify(call.arguments);
    if (this.reads.leftView(`${call.name} ${argsKey}`)) this.governor.forgetCall(call.name, argsKey);
    const repeat = this.governor.beforeCall(call.name, argsKey);
    if (repeat) {
      this.trace.write({ type: 'governor', taskId: this.taskId, turn: this.turn, kind: repeat.kind, reason: repeat.reason, at: new Date().toISOString() });
      if (repeat.message) return repeat.message;
    }
    this.emit({ kind: 'tool_start', name: call.name, args: call.arguments });
    const started = Date.now();
    const refusal = await this.approve(call);
    const ctx = this.toolContext(call);
    const r = refusal
      ? { ok: false, output: refusal, cached: false, ms: 0, error: undefined as string | undefined }
      : await this.registry.dispatch(call.name, call.arguments, ctx);
    const ms = Date.now() - started;
    let output = r.output;
    if (call.id && this.registry.get(call.name)?.readOnly) this.reads.noteResult(`${call.name} ${argsKey}`, call.id, r);
    if (r.error === 'unknown_tool') {
      const iv = this.governor.unknownTool(call.name, this.registry.names());
      this.trace.write({ type: 'governor', taskId: this.taskId, turn: this.turn, kind: iv.kind, reason: iv.reason, at: new Date().toISOString() });
    }
    if (WRITE_TOOLS.has(call.name)) {
      const path = String(call.arguments['path'] ?? '');
      const iv = this.governor.afterEdit(path, r.ok);
      if (iv?.message) {
        output += `\n\n${iv.message}`;
        this.trace.write({ type: 'governor', taskId: this.taskId, turn: this.turn, kind: iv.kind, reason: iv.reason, at: new Date().toISOString() });
      }
    } else {
      this.governor.noteTool(call.name, r.ok);
    }
    this.noteTestRun(call, r.ok, output);
    noteShownFiles(this.guard, this.p.services.workspace, filesShownBy(call.name, call.arguments, output, r.ok));
    this.records.push({ name: call.name, args: call.arguments, ok: r.ok, ms, summary: output.split('\n')[0]?.slice(0, 160) ?? '' });
    this.trace.write({ type: 'tool', taskId: this.taskId, turn: this.turn, name: call.name, args: call.arguments, ok: r.ok, ms, cached: Boolean(r.cached), output: output.slice(0, 4000), at: new Date().toISOString() });
    this.p.services.memory?.evidence?.(this.taskId, call.name, argSummary(call.arguments), r.ok, r.ok ? undefined : output.slice(0, 300));
    this.emit({ kind: 'tool_end', name: call.name, args: call.arguments, ms, ok: r.ok });
    return output;
  }

  /** The model ran the project's own test command: that run counts as validation (no second run when it says done). */
  private noteTestRun(call: ToolCall, ok: boolean, output: string): void {
    const command = this.project?.testCommand;
    if (call.name !== 'bash' || !command || this.project?.testDisabled || this.p.params.mode !== 'apply') return;
    if (String(call.arguments['command'] ?? '').trim() !== command.trim()) return;
    if (/\[(timed out|stopped|cancelled|killed)/.test(output) || testRunnerMissing(output)) return;
    this.lastValidation = { ran: true, passed: ok, command, output };
    this.editsSinceValidation = 0;
  }

  /** Hard-fail protection and raised verification after a turn that changed files. */
  private async afterTurnChecks(): Promise<void> {
    if (this.turnEdits === 0 || this.p.params.mode !== 'apply') return;
    if (!this.config.autoRollback && !this.governor.wantsVerification) return;
    // The model may have run the tests itself after its edit in this turn: judge by that run.
    const v = this.editsSinceValidation === 0 && this.lastValidation.ran ? this.lastValidation : await this.validate('turn');
    if (!v.ran) return;
    if (this.config.autoRollback && isWorse(this.baseline, v)) {
      const undone = await this.changeset.rollbackTurn();
      this.editsSinceValidation = 0;
      this.lastValidation = this.baseline ?? this.lastValidation;
      this.steer({
        kind: 'no_tool',
        reason: `auto-rollback: the turn broke ${v.command}`,
        message: `Your last change made ${v.command} worse, so it was reverted (${[...undone.restored, ...undone.deleted].join(', ') || 'no files'}). Test output:\n${testOutputDigest(v.output ?? '')}\nRead the code again and make a smaller, correct change.`,
      });
      return;
    }
    this.baseline = v;
    if (v.passed === false && this.governor.wantsVerification) {
      this.steer({ kind: 'no_tool', reason: 'verification after a low-trust edit failed', message: `The tests fail after your last change:\n${testOutputDigest(v.output ?? '')}` });
    }
  }

  /** Runs the project's tests; `record` false keeps the result out of the task's reported validation (the baseline). */
  private async validate(why: string, record = true): Promise<ValidationResult> {
    const project = this.project;
    if (!project || project.testDisabled || !project.testCommand || !this.shell || this.runnerMissing) return { ran: false, passed: null };
    this.validations++;
    this.p.hooks.onProgress?.(`validating (${why}): ${project.testCommand}`);
    this.emit({ kind: 'tool_start', name: 'validate', args: { command: project.testCommand } });
    const started = Date.now();
    const v = await runValidation(this.shell, project, { root: this.p.services.root, signal: this.p.signal, timeoutSec: Math.max(this.config.bashTimeout, 60), maxOutputChars: 3000 });
    this.emit({ kind: 'tool_end', name: 'validate', args: { command: project.testCommand }, ms: Date.now() - started, ok: v.passed === true });
    if (v.ran && v.passed === false && testRunnerMissing(v.output ?? '')) {
      // A missing test runner says nothing about the code: stop validating instead of blaming the model.
      this.runnerMissing = true;
      this.emit({ kind: 'error', text: `the test command could not run (${project.testCommand}); the task is not validated` });
      this.trace.write({ type: 'governor', taskId: this.taskId, turn: this.turn, kind: 'validation_off', reason: `test runner missing: ${project.testCommand}`, at: new Date().toISOString() });
      return { ran: false, passed: null };
    }
    if (record) {
      this.lastValidation = v;
      this.editsSinceValidation = 0;
    }
    return v;
  }

  /** null when the task may end as done; otherwise the message that sends the model back to work. */
  private async checkDone(): Promise<string | null> {
    if (this.editsMade === 0 || this.p.params.mode === 'propose') return null;
    if (this.lastValidation.ran && this.editsSinceValidation === 0) {
      return this.lastValidation.passed === false ? `The tests still fail:\n${testOutputDigest(this.lastValidation.output ?? '')}\nFix the code before you finish.` : null;
    }
    const v = await this.validate('done');
    // Without tests, the changed files must at least parse: a broken file is never left behind as "done".
    if (!v.ran) return this.shell ? runSyntaxChecks(this.shell, this.p.services.root, [...this.changeset.filesCreated(), ...this.changeset.filesEdited()], this.p.signal) : null;
    if (v.passed) return null;
    return `You said the task is done, but the tests fail (${v.command}):\n${testOutputDigest(v.output ?? '')}\nFix the code, then run the tests again.`;
  }

  private finish(stopReason: string): RunResultT {
    const needsEdits = taskNeedsEdits(this.p.params.task);
    const validationOk = !this.lastValidation.ran || this.lastValidation.passed === true;
    const success = stopReason === 'done' && validationOk && (!needsEdits || this.changeset.filesCreated().length + this.changeset.filesEdited().length > 0);
    const files = [...this.changeset.filesCreated(), ...this.changeset.filesEdited()];
    const summary = success
      ? `${files.length ? `Changed ${files.join(', ')}` : 'No files changed'}${this.lastValidation.ran ? `; ${this.lastValidation.command} passed` : ''}.`
      : `Stopped: ${stopReason}.${this.lastValidation.ran && this.lastValidation.passed === false ? ` ${this.lastValidation.command} fails.` : ''}`;
    const result: RunResultT = {
      taskId: this.taskId,
      success,
      summary,
      response: this.lastText,
      edit: this.changeset.workspaceEdit() as RunResultT["edit"],
      filesCreated: this.changeset.filesCreated(),
      filesEdited: this.changeset.filesEdited(),
      toolCalls: this.records,
      tokens: { prompt: this.tokens.prompt, completion: this.tokens.completion, total: this.tokens.prompt + this.tokens.completion },
      durationMs: Date.now() - this.started,
      validation: { ran: this.lastValidation.ran, passed: this.lastValidation.passed, ...(this.lastValidation.command ? { command: this.lastValidation.command } : {}), ...(this.lastValidation.output ? { output: this.lastValidation.output.slice(-2000) } : {}) },
      stopReason,
      modelCalls: this.modelCalls,
      auxModelCalls: this.auxCalls,
      diff: this.changeset.unifiedDiff(),
    };
    this.trace.write({
      type: 'result', taskId: this.taskId, success, summary, toolCalls: this.records.length, modelCalls: this.modelCalls, auxCalls: this.auxCalls,
      prompt: this.tokens.prompt, completion: this.tokens.completion, durationMs: result.durationMs, model: this.p.setup.model, stopReason, at: new Date().toISOString(),
    });
    return result;
  }
}

export function describeFailure(err: unknown): string {
  return isSmallCodeError(err) ? `${err.message}${err.detail.next ? ` Next: ${err.detail.next}` : ''}` : errorMessage(err);
}
