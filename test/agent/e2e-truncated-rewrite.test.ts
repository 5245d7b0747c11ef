import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { BUGGY_MATH, FIXED_MATH, lastMessage, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: a truncated whole-file rewrite', () => {
  it('refuses write_file content with "// rest of file unchanged", keeps the file intact, and the task completes with a patch', async () => {
    const ws = open.workspace(buggyNodeProject());
    const seen: string[] = [];
    const script: ScriptItem[] = [
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
      { toolCalls: [{ name: 'write_file', arguments: { path: 'src/math.js', content: 'export function add(a, b) {\n    return a + b;\n}\n\n// rest of file unchanged\n' } }] },
      { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
      { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
      { content: 'Fixed.' },
    ];
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: (_req, i) => {
        seen.push(readFileSync(join(ws.root, 'src/math.js'), 'utf8'));
        return script[i] ?? { content: 'Fixed.' };
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(seen[2]).toBe(BUGGY_MATH);
    const refusal = lastMessage(server.chatRequests[2]);
    expect(refusal?.role).toBe('tool');
    expect(refusal?.content).toMatch(/write_file src\/math\.js was refused/);
    expect(refusal?.content).toContain('patch');
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['read_file:true', 'write_file:false', 'patch:true', 'bash:true']);
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(FIXED_MATH);
  });
});
