import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Plan, RunTask } from '../../protocol-ext/agent.js';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, FIX_TASK, lastMessage, messagesOf, startLsp } from './agent-harness.js';

const open = openedResources();

describe('end to end: plan-then-execute (SMALLCODE_PLAN=true)', () => {
  it('asks the decompose prompt first, writes .smallcode/plan.md, shows the plan, validates steps, and smallcode/plan returns it', async () => {
    const ws = open.workspace(buggyNodeProject());
    let planOnDisk = '';
    const script = [
      { content: '{"steps": [{"text": "Read src/math.js"}, {"text": "Fix add in src/math.js"}, {"text": "Run the tests"}]}' },
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
      // Reading changed nothing: marking it done needs no validation and is not blocked by the failing tests.
      { toolCalls: [{ name: 'todo', arguments: { action: 'done', id: 1 } }] },
      { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
      { toolCalls: [{ name: 'todo', arguments: { action: 'done', id: 2 } }] },
      { toolCalls: [{ name: 'todo', arguments: { action: 'done', id: 3 } }] },
      { content: 'All steps done.' },
    ];
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: (_req, i) => {
        if (i === 1) planOnDisk = existsSync(join(ws.root, '.smallcode/plan.md')) ? readFileSync(join(ws.root, '.smallcode/plan.md'), 'utf8') : '';
        return script[i] ?? { content: 'All steps done.' };
      },
    }));
    const client = open.client(await startLsp(ws.root, server.url, { env: { SMALLCODE_PLAN: 'true' } }));
    const result = await client.request(RunTask, { task: FIX_TASK, mode: 'apply', autoApprove: true });
    expect(result.success).toBe(true);

    const first = messagesOf(server.chatRequests[0]);
    expect(first[0]?.content).toMatch(/break a programming task into a TODO list/);
    expect(first.map((m) => m.content).join('\n')).toContain(FIX_TASK);
    expect(planOnDisk).toContain('1. Read src/math.js (in progress)');
    // The agent's first turn shows the plan beside the task.
    expect(messagesOf(server.chatRequests[1]).map((m) => m.content).join('\n')).toMatch(/Plan:\n\[>\] 1\. Read src\/math\.js\n\[ \] 2\. Fix add/);
    expect(lastMessage(server.chatRequests[3])?.content).toMatch(/^Step 1 done/);
    expect(lastMessage(server.chatRequests[5])?.content).toMatch(/^Step 2 done/);

    const plan = await client.request(Plan, undefined);
    expect(plan.taskId).toBe(result.taskId);
    expect(plan.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['1:done', '2:done', '3:done']);
    expect(plan.markdown).toBe(readFileSync(join(ws.root, '.smallcode/plan.md'), 'utf8'));
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(FIXED_MATH);
    // The task's events included the plan.
    expect(client.notificationsOf('smallcode/taskEvent').some((e) => (e as { kind: string }).kind === 'plan')).toBe(true);
  });
});
