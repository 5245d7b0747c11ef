import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { BUGGY_MATH, FIXED_MATH, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

const fixScript = () => [
  { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
  { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
  { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
  { content: 'Fixed.' },
];

describe('end to end: approval of writes and commands', () => {
  it('fails fast without --yes when nobody can be asked: exit 1, a message naming --yes, no model turn, nothing written', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: fixScript() }));
    const { run, result } = await runTaskCli({ root: ws.root, server, yes: false });
    expect(run.code).toBe(1);
    expect(result.success).toBe(false);
    expect(result.error?.code).toBe('ApprovalRequired');
    expect(run.stderr).toContain('--yes');
    expect(server.chatRequests.length).toBe(0);
    expect(readText(ws.root, 'src/math.js')).toBe(BUGGY_MATH);
  });

  it('proceeds with --yes and fixes the file', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: fixScript() }));
    const { run, result } = await runTaskCli({ root: ws.root, server, yes: true });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });
});
