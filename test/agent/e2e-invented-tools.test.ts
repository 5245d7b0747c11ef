import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, readText, readTrace, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: native calls to tools that do not exist', () => {
  it('answers an unknown tool with the real names, maps edit_file(old_string, new_string) onto patch, and completes', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'frobnicate_workspace', arguments: { level: 3 } }] },
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a - b;', new_string: 'return a + b;' } }] },
        { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
        { content: 'Fixed.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    const unknown = String(lastMessage(server.chatRequests[1])?.content);
    expect(unknown).toContain('frobnicate_workspace');
    for (const real of ['read_file', 'patch', 'bash']) expect(unknown).toContain(real);
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['frobnicate_workspace:false', 'read_file:true', 'patch:true', 'bash:true']);
    // The history the model sees names the real tool it was mapped to.
    const assistant = (server.chatRequests[3]!.body!['messages'] as { role: string; tool_calls?: { function: { name: string } }[] }[]).filter((m) => m.role === 'assistant');
    expect(assistant.at(-1)?.tool_calls?.[0]?.function.name).toBe('patch');
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
    const decisions = readTrace(ws.root, result.taskId).filter((l) => l.type === 'governor');
    expect(decisions.map((d) => d.kind)).toEqual(['unknown_tool']);
  });
});
