/**
 * The task's TODO plan: steps with a status, rendered as Markdown into `.smallcode/plan.md` (so
 * `smallcode/plan` and the user can read it) and shown to the model. Whether a task needs a plan is
 * a cheap heuristic; the decomposition itself is a prompt function the runner calls.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanResultT } from '../../protocol-ext/agent.js';
import type { PlanService } from '../tools/define-tool.js';

type StepStatus = 'pending' | 'active' | 'done' | 'failed';

export interface StepCheck {
  blocking: boolean;
  text: string;
}

export interface PlanStepState {
  id: number;
  text: string;
  status: StepStatus;
  note?: string;
}

/** Multi-step tasks: several sentences or list items, "and then", renames across files, many files named. */
export function taskNeedsPlan(task: string): boolean {
  const t = task.trim();
  const listItems = (t.match(/^\s*(?:[-*]|\d+[.)])\s+/gm) ?? []).length;
  const sentences = t.split(/[.!?]\s+(?=[A-Z])/).filter((s) => s.trim().length > 12).length;
  const files = new Set(t.match(/\b[\w./-]+\.(?:ts|tsx|js|jsx|py|go|rs|java|rb|c|cpp|h|md|json|css)\b/g) ?? []).size;
  return listItems >= 2 || sentences >= 3 || files >= 3 || /\b(and then|after that|across (all|the|every)|everywhere|all (files|callers|call sites|usages))\b/i.test(t) || t.length > 400;
}

export class PlanState implements PlanService {
  private steps: PlanStepState[] = [];
  /**
   * Called when a step is marked done: null when validation passed or had nothing new to check; a
   * failure that is `blocking` (the step made things worse) keeps the step open, otherwise the step is
   * done and the failure is reported as a note (an intermediate step may leave tests red on purpose).
   */
  validateStep: ((step: PlanStepState) => Promise<StepCheck | null>) | null = null;

  constructor(
    private readonly root: string,
    readonly taskId: string,
    private readonly onChange: (markdown: string) => void = () => undefined,
  ) {}

  get all(): readonly PlanStepState[] {
    return this.steps;
  }

  add(steps: readonly string[]): string {
    let next = this.steps.length ? Math.max(...this.steps.map((s) => s.id)) + 1 : 1;
    for (const text of steps) this.steps.push({ id: next++, text: text.trim(), status: 'pending' });
    this.activateNext();
    this.persist();
    return this.list();
  }

  private markDone(id: number, note?: string): string {
    const step = this.steps.find((s) => s.id === id);
    if (!step) return `There is no step ${id}. ${this.list()}`;
    step.status = 'done';
    if (note) step.note = note;
    this.activateNext();
    this.persist();
    return `Step ${id} done.\n${this.list()}`;
  }

  /** Marks a step done only after validation passes; otherwise the step stays active with the failure. */
  async done(id: number, note?: string): Promise<string> {
    const step = this.steps.find((s) => s.id === id);
    if (!step) return `There is no step ${id}. ${this.list()}`;
    let warning = '';
    if (this.validateStep) {
      const check = await this.validateStep(step);
      if (check?.blocking) {
        step.status = 'active';
        this.persist();
        return `Step ${id} is not done yet: your changes made validation worse.\n${check.text}\nFix it, then mark the step done again.`;
      }
      if (check) warning = `\nNote: validation still fails (expected if later steps fix it):\n${check.text}`;
    }
    return this.markDone(id, note) + warning;
  }

  fail(id: number, note: string): void {
    const step = this.steps.find((s) => s.id === id);
    if (step) {
      step.status = 'failed';
      step.note = note;
      this.persist();
    }
  }

  list(): string {
    if (this.steps.length === 0) return 'The TODO list is empty.';
    return this.steps.map((s) => `${s.status === 'done' ? '[x]' : s.status === 'active' ? '[>]' : s.status === 'failed' ? '[!]' : '[ ]'} ${s.id}. ${s.text}`).join('\n');
  }

  get active(): PlanStepState | undefined {
    return this.steps.find((s) => s.status === 'active');
  }

  get complete(): boolean {
    return this.steps.length > 0 && this.steps.every((s) => s.status === 'done');
  }

  markdown(): string {
    return `# Plan for task ${this.taskId}\n\n${this.steps.map((s) => `- [${s.status === 'done' ? 'x' : ' '}] ${s.id}. ${s.text}${s.status === 'active' ? ' (in progress)' : s.status === 'failed' ? ` (failed: ${s.note ?? ''})` : ''}`).join('\n')}\n`;
  }

  toResult(): PlanResultT {
    return { taskId: this.taskId, steps: this.steps.map((s) => ({ id: s.id, text: s.text, status: s.status })), markdown: this.markdown() };
  }

  private activateNext(): void {
    if (this.steps.some((s) => s.status === 'active')) return;
    const next = this.steps.find((s) => s.status === 'pending');
    if (next) next.status = 'active';
  }

  private persist(): void {
    const dir = join(this.root, '.smallcode');
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `plan.md.${process.pid}.tmp`);
    writeFileSync(tmp, this.markdown());
    renameSync(tmp, join(dir, 'plan.md'));
    this.onChange(this.markdown());
  }
}

/** Reads `.smallcode/plan.md` back for `smallcode/plan` when no task is running. */
export function readPlanFile(root: string): PlanResultT {
  let markdown = '';
  try {
    markdown = readFileSync(join(root, '.smallcode', 'plan.md'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const taskId = /^# Plan for task (\S+)/m.exec(markdown)?.[1] ?? null;
  const steps = [...markdown.matchAll(/^- \[( |x)\] (\d+)\. (.*?)(?: \((in progress|failed: .*)\))?$/gm)].map((m) => ({
    id: Number(m[2]),
    text: m[3]!,
    status: (m[1] === 'x' ? 'done' : m[4]?.startsWith('failed') ? 'failed' : m[4] ? 'active' : 'pending') as StepStatus,
  }));
  return { taskId, steps, markdown };
}
