import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { BUGGY_MATH, FIXED_MATH, lastMessage, readText, runTaskCli } from './agent-harness.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const open = openedResources();

const patchMath = { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] };

describe('end to end: the write guard', () => {
  it('refuses a patch to a file not read yet, naming read_file, and completes once the model has read it', async () => {
    const ws = open.workspace(buggyNodeProject());
    let afterRefusal = '';
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: (_req, i) => {
        if (i === 1) afterRefusal = readFileSync(join(ws.root, 'src/math.js'), 'utf8');
        return [
          patchMath,
          { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
          patchMath,
          { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
          { content: 'Fixed.' },
        ][i] ?? { content: 'Fixed.' };
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(afterRefusal).toBe(BUGGY_MATH);

    const refusal = lastMessage(server.chatRequests[1]);
    expect(refusal?.role).toBe('tool');
    expect(refusal?.content).toMatch(/not read src\/math\.js/);
    expect(refusal?.content).toContain('read_file');
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['patch:false', 'read_file:true', 'patch:true', 'bash:true']);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });

  it('counts a file the model looked at with cat or saw in search hits as read', async () => {
    const ws = open.workspace(buggyNodeProject());
    ws.write('src/extra.js', 'export const PI = 3;\n');
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'bash', arguments: { command: 'cat src/math.js' } }] },
        patchMath,
        { toolCalls: [{ name: 'search', arguments: { pattern: 'PI =' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/extra.js', search: 'export const PI = 3;', replace: 'export const PI = 3.14;' } }] },
        { content: 'Fixed.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['bash:true', 'patch:true', 'search:true', 'patch:true']);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
    expect(readText(ws.root, 'src/extra.js')).toBe('export const PI = 3.14;\n');
  });
});
