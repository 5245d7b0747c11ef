import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: the model claims success without testing', () => {
  it('runs the tests itself, sends the model back with their output, and succeeds only once they pass', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        // A wrong fix (still subtracts), then an untested claim of success.
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return b - a;' } }] },
        { content: 'I fixed the add function. All done!' },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return b - a;', replace: 'return a + b;' } }] },
        { content: 'Now add really adds. Done.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    const back = lastMessage(server.chatRequests[3]);
    expect(back?.role).toBe('user');
    expect(back?.content).toMatch(/tests fail/);
    expect(back?.content).toContain('npm test');
    expect(back?.content).toMatch(/# fail 1/);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
    // The final claim was checked by a passing run, not taken on trust.
    expect(result.validation).toMatchObject({ ran: true, passed: true, command: 'npm test' });
    expect(server.chatRequests.length).toBe(5);
  });
});
