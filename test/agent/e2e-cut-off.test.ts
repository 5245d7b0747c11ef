import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { BUGGY_MATH, FIXED_MATH, lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: an answer cut off at the output limit', () => {
  it('runs nothing from the cut call, asks for a smaller call naming the limit, and completes', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { content: '<tool_call>\n{"name": "write_file", "arguments": {"path": "src/math.js", "content": "export function add(a, b) {\\n    return a + b;\\n}\\n\\nexport function mul(a, b) {\\n  ret', finishReason: 'length' },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        { content: 'Fixed.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    const told = lastMessage(server.chatRequests[2]);
    expect(told?.role).toBe('user');
    expect(told?.content).toMatch(/cut off at the output limit \(about \d+ tokens\)/);
    expect(told?.content).toContain('patch only the lines that change');
    expect(result.toolCalls.map((c) => c.name)).toEqual(['read_file', 'patch']);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
    expect(readText(ws.root, 'src/math.js')).not.toBe(BUGGY_MATH);
  });

  it('never runs a native write_file whose arguments were cut mid-string', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'write_file', arguments: '{"path": "src/math.js", "content": "export function add(a, b) {\\n    return a + b;\\n}\\n\\nexport function mul(a' }], finishReason: 'length' },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        { content: 'Fixed.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(lastMessage(server.chatRequests[2])?.content).toMatch(/cut off at the output limit/);
    expect(result.toolCalls.map((c) => c.name)).toEqual(['read_file', 'patch']);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });
});
