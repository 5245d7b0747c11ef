import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { runCli } from '../support/run-cli.js';

const open = openedResources();

describe('end to end: a multi-step bug fix through the CLI', () => {
  it('reads, patches with whitespace-drifted search text, runs the tests and finishes with the file fixed', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        // The search text has the wrong indentation (2 spaces instead of 4): the engine must still land it.
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'export function add(a, b) {\n  return a - b;\n}', replace: 'export function add(a, b) {\n  return a + b;\n}' } }] },
        { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
        { content: 'Fixed add: it now returns a + b. The tests pass.' },
      ],
    }));
    const r = await runCli(['run', 'fix the add function in src/math.js so the tests pass', '--cwd', ws.root, '--base-url', server.url, '--model', 'qwen2.5-coder:7b', '--yes', '--json'], { timeoutMs: 120_000 });
    const result = JSON.parse(r.stdout.trim()) as { success: boolean; filesEdited: string[]; toolCalls: { name: string; ok: boolean }[]; validation: { ran: boolean; passed: boolean } };
    expect(r.code, r.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(result.filesEdited).toEqual(['src/math.js']);
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['read_file:true', 'patch:true', 'bash:true']);
    expect(result.validation).toMatchObject({ ran: true, passed: true });
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe('export function add(a, b) {\n    return a + b;\n}\n\nexport function mul(a, b) {\n  return a * b;\n}\n');
    // The re-indented replacement kept the file's own 4-space indentation.
    expect(server.chatRequests.length).toBe(4);
  });
});
