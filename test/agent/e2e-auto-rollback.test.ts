import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, readTrace, runTaskCli } from './agent-harness.js';

const open = openedResources();

const COMMENTED = 'export function add(a, b) {\n    return a - b;\n}\n\n// multiplies two numbers\nexport function mul(a, b) {\n  return a * b;\n}\n';

describe('end to end: auto-rollback (SMALLCODE_AUTO_ROLLBACK=true)', () => {
  it('reverts a turn that makes the tests worse, tells the model with the test output, keeps a harmless edit, and still completes', async () => {
    const ws = open.workspace(buggyNodeProject());
    const seen: string[] = [];
    const script: ScriptItem[] = [
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
      // Harmless: the tests fail as much as before (the add bug), so this is kept.
      { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'export function mul(a, b) {', replace: '// multiplies two numbers\nexport function mul(a, b) {' } }] },
      // Breaks mul as well: more tests fail than before, so the turn is reverted.
      { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a * b;', replace: 'return a / b;' } }] },
      { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
      { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
      { content: 'Fixed add.' },
    ];
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: (_req, i) => {
        seen.push(readFileSync(join(ws.root, 'src/math.js'), 'utf8'));
        return script[i] ?? { content: 'Fixed add.' };
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, env: { SMALLCODE_AUTO_ROLLBACK: 'true' } });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);

    // Before request 3 the harmless comment is on disk; before request 4 the breaking change has been reverted to it.
    expect(seen[2]).toBe(COMMENTED);
    expect(seen[3]).toBe(COMMENTED);
    const told = lastMessage(server.chatRequests[3]);
    expect(told?.role).toBe('user');
    expect(told?.content).toMatch(/reverted \(src\/math\.js\)/);
    expect(told?.content).toMatch(/# fail 2/);
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(FIXED_MATH.replace('export function mul', '// multiplies two numbers\nexport function mul'));

    const decisions = readTrace(ws.root, result.taskId).filter((l) => l.type === 'governor');
    expect(decisions.map((d) => String(d.reason))).toEqual([expect.stringMatching(/^auto-rollback/)]);
  });
});
