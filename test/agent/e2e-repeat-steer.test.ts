import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, readText, readTrace, runTaskCli } from './agent-harness.js';

const open = openedResources();

const readMath = { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] };

describe('end to end: the governor catches a repeated identical call', () => {
  it('steers the third identical read_file with the task, records the decision in the trace, and the task still completes', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        readMath,
        readMath,
        readMath,
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
        { content: 'Done: add returns a + b.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);

    // The answer to the third call is the steering text, not the file again.
    const steered = lastMessage(server.chatRequests[3]);
    expect(steered?.role).toBe('tool');
    expect(steered?.content).toMatch(/called read_file with exactly these arguments 3 times/);
    expect(steered?.content).toContain('fix the add function in src/math.js');
    expect(steered?.content).not.toContain('return a - b;');

    const trace = readTrace(ws.root, result.taskId);
    const decisions = trace.filter((l) => l.type === 'governor');
    expect(decisions).toEqual([expect.objectContaining({ kind: 'repeat', reason: expect.stringContaining('read_file called 3 times') })]);
  });
});
