import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: bash calls with wrong or missing arguments', () => {
  it('answers {"cmd": "ls"} and {} with a validation error naming command, and the task goes on to success', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'bash', arguments: { cmd: 'ls' } }] },
        { toolCalls: [{ name: 'bash', arguments: {} }] },
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
        { content: 'Fixed and tested.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);

    const afterCmd = lastMessage(server.chatRequests[1]);
    expect(afterCmd?.role).toBe('tool');
    expect(afterCmd?.content).toMatch(/bash needs/);
    expect(afterCmd?.content).toMatch(/missing command/);
    expect(afterCmd?.content).toMatch(/unknown parameter cmd/);
    // The suggested call moves the misnamed value to the right name.
    expect(afterCmd?.content).toContain('{"command":"ls"}');

    const afterEmpty = lastMessage(server.chatRequests[2]);
    expect(afterEmpty?.role).toBe('tool');
    expect(afterEmpty?.content).toMatch(/missing command/);

    expect(result.toolCalls.slice(0, 2).map((c) => c.ok)).toEqual([false, false]);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });
});
