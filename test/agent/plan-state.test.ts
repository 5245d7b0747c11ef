import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanState, readPlanFile, taskNeedsPlan } from '../../server/agent/plan-state.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const open = openedResources();

describe('taskNeedsPlan', () => {
  it.each([
    ['fix the add function in src/math.js', false],
    ['rename getUser to fetchUser across all files', true],
    ['Add a limit parameter to search. Then pass it from the CLI. Finally document it in the README.', true],
    ['- add the route\n- add the handler\n- add a test', true],
    ['update a.ts, b.ts and c.ts to use the new logger', true],
    ['what does parseArgs return?', false],
  ])('%j → %s', (task, expected) => {
    expect(taskNeedsPlan(task)).toBe(expected);
  });
});

describe('PlanState', () => {
  it('activates the first step, persists Markdown to .smallcode/plan.md and reads it back', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const changes: string[] = [];
    const plan = new PlanState(ws.root, 'task-1', (md) => changes.push(md));
    expect(plan.add(['Read src/a.ts', 'Change f', 'Run the tests'])).toBe('[>] 1. Read src/a.ts\n[ ] 2. Change f\n[ ] 3. Run the tests');
    expect(await plan.done(1)).toBe('Step 1 done.\n[x] 1. Read src/a.ts\n[>] 2. Change f\n[ ] 3. Run the tests');
    plan.fail(3, 'no test runner');
    const md = readFileSync(join(ws.root, '.smallcode', 'plan.md'), 'utf8');
    expect(md).toBe('# Plan for task task-1\n\n- [x] 1. Read src/a.ts\n- [ ] 2. Change f (in progress)\n- [ ] 3. Run the tests (failed: no test runner)\n');
    expect(changes.at(-1)).toBe(md);
    expect(readPlanFile(ws.root)).toEqual({
      taskId: 'task-1',
      steps: [
        { id: 1, text: 'Read src/a.ts', status: 'done' },
        { id: 2, text: 'Change f', status: 'active' },
        { id: 3, text: 'Run the tests', status: 'failed' },
      ],
      markdown: md,
    });
    expect(plan.toResult()).toEqual(readPlanFile(ws.root));
  });

  it('keeps a step open when validation says it made things worse', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const plan = new PlanState(ws.root, 't');
    plan.add(['Change f']);
    plan.validateStep = async () => ({ blocking: true, text: 'npm test:\n# fail 2' });
    const out = await plan.done(1);
    expect(out).toMatch(/^Step 1 is not done yet/);
    expect(out).toContain('# fail 2');
    expect(plan.active?.id).toBe(1);
    expect(plan.complete).toBe(false);
  });

  it('marks a step done with a note when validation fails but not because of it', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const plan = new PlanState(ws.root, 't');
    plan.add(['Add the parameter', 'Update the callers']);
    plan.validateStep = async () => ({ blocking: false, text: 'tsc:\nFound 2 errors' });
    const out = await plan.done(1);
    expect(out).toMatch(/^Step 1 done/);
    expect(out).toMatch(/Note: validation still fails/);
    expect(plan.active?.id).toBe(2);
  });

  it('answers an unknown step id with the list instead of failing', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const plan = new PlanState(ws.root, 't');
    plan.add(['Only step']);
    expect(await plan.done(7)).toBe('There is no step 7. [>] 1. Only step');
    expect(await plan.done(1)).toMatch(/^Step 1 done/);
    expect(plan.complete).toBe(true);
  });

  it('reads an absent plan file as an empty plan', () => {
    const ws = open.workspace(makeTempWorkspace());
    expect(readPlanFile(ws.root)).toEqual({ taskId: null, steps: [], markdown: '' });
  });
});
