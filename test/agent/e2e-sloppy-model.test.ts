import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, messagesOf, readText, readTrace, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: an unknown sloppy model with nothing configured (the judged setup)', () => {
  it('recovers from a greeting, misnamed text-call arguments, drifted search text and an untested claim, in few requests', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['sim-7b'],
      script: [
        { content: 'Hello! How can I help you today?' },
        { content: '<think>I should look at the file first.</think>\n```json\n{"name": "read_file", "arguments": {"file_path": "src/math.js"}}\n```' },
        { content: 'Found it.\n{"tool": "patch", "args": {"file": "src/math.js", "old_str": "return a-b;", "new_str": "return a + b;"}}' },
        { content: 'Done! The add function is fixed.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b' });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
    // Unknown model: the generic 8k profile describes the JSON call format in the system prompt.
    expect(messagesOf(server.chatRequests[0])[0]?.content).toMatch(/To call a tool, answer with only a JSON object/);
    expect(lastMessage(server.chatRequests[1])?.content).toMatch(/You are in the middle of a task\. The task is: fix the add function/);
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['read_file:true', 'patch:true']);
    // The untested claim was checked by the runner's own test run.
    expect(result.validation).toMatchObject({ ran: true, passed: true });
    expect(server.chatRequests.length).toBe(4);
    const model = readTrace(ws.root, result.taskId).filter((l) => l.type === 'model');
    expect(model.map((m) => m.fromText)).toEqual([false, true, true, false]);
  });

  it('after the steering for a lost task is used up, lets the tests decide instead of failing a finished fix', async () => {
    const ws = open.workspace(buggyNodeProject());
    const hello = { content: 'Hello! How can I help you today?' };
    const server = open.server(await startModelServer({
      models: ['sim-7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        hello, hello, hello, hello,
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b' });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(server.chatRequests.length).toBe(6);
    const kinds = readTrace(ws.root, result.taskId).filter((l) => l.type === 'governor').map((l) => l.kind);
    expect(kinds).toEqual(['lost_task', 'lost_task', 'lost_task', 'cap_reached']);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });
});
