import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: a model that gets the folder of a file wrong', () => {
  it('questions a new file named like an existing one, points a patch of a missing path at the real file, and completes', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'write_file', arguments: { path: 'math.js', content: FIXED_MATH } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'lib/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        { content: 'Fixed.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(String(lastMessage(server.chatRequests[1])?.content)).toMatch(/math\.js does not exist, but "src\/math\.js" does\. Nothing was written/);
    expect(String(lastMessage(server.chatRequests[2])?.content)).toMatch(/lib\/math\.js does not exist\. Did you mean "src\/math\.js"\?/);
    expect(existsSync(join(ws.root, 'math.js'))).toBe(false);
    expect(result.filesCreated).toEqual([]);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });

  it('creates the new file when the model asks a second time', async () => {
    const ws = open.workspace(buggyNodeProject());
    const write = { toolCalls: [{ name: 'write_file', arguments: { path: 'lib/math.js', content: 'export const ok = true;\n' } }] };
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: [write, write, { content: 'Created lib/math.js.' }] }));
    const { run, result } = await runTaskCli({ root: ws.root, server, task: 'create lib/math.js exporting ok = true', env: { SMALLCODE_TEST_DISABLE: 'true' } });
    expect(run.code, run.stderr).toBe(0);
    expect(result.filesCreated).toEqual(['lib/math.js']);
    expect(readText(ws.root, 'lib/math.js')).toBe('export const ok = true;\n');
  });
});
