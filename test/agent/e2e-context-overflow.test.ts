import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { overflowBody, type ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, readText, readTrace, runTaskCli } from './agent-harness.js';

const open = openedResources();

function bigModule(name: string): string {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) lines.push(`export function ${name}Helper${i}(value) {\n  return value * ${i} + ${name.length};\n}`);
  return lines.join('\n') + '\n';
}

describe('end to end: a context-overflow answer mid-task', () => {
  it('retries once with a compacted conversation, fits later turns to the window the server revealed, and the task completes', async () => {
    const ws = open.workspace(buggyNodeProject());
    ws.write('src/alpha.js', bigModule('alpha'));
    ws.write('src/beta.js', bigModule('beta'));
    ws.write('src/gamma.js', bigModule('gamma'));
    let overflowedAt = -1;
    const script: ScriptItem[] = [
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/alpha.js' } }] },
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/beta.js' } }] },
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/gamma.js' } }] },
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
      { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
      { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
      { content: 'Fixed add.' },
    ];
    let cursor = 0;
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: (req, i) => {
        // The profile assumes 32k, but the server runs 8k (an Ollama default): the fifth request, after
        // three big reads and the math.js read, is over it.
        const prompt = Math.ceil(req.raw.length / 3.5);
        if (prompt > 8192) {
          if (overflowedAt < 0) overflowedAt = i;
          const o = overflowBody('llamacpp', prompt, 8192);
          return { fault: 'error', status: o.status, body: o.body };
        }
        return script[cursor++] ?? { content: 'Fixed add.' };
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, env: { SMALLCODE_MAX_TOOL_RESULT_CHARS: '12000' } });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(overflowedAt).toBeGreaterThanOrEqual(2);
    const rejected = server.chatRequests[overflowedAt]!.raw.length;
    const retried = server.chatRequests[overflowedAt + 1]!.raw.length;
    expect(retried).toBeLessThan(rejected * 0.7);
    // Later turns fit the 8k window the server revealed: no second overflow.
    expect(server.chatRequests.length).toBe(8);
    expect(server.chatRequests.slice(overflowedAt + 1).every((r) => r.raw.length / 3.5 <= 8192)).toBe(true);
    // The retry kept the system prompt first and the task in view.
    const msgs = server.chatRequests[overflowedAt + 1]!.body!['messages'] as { role: string; content: string | null }[];
    expect(msgs[0]!.role).toBe('system');
    expect(msgs.map((m) => m.content ?? '').join('\n')).toContain('fix the add function in src/math.js');
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });

  it('after an overflow answer without numbers, assumes a smaller window for the rest of the task', async () => {
    const ws = open.workspace(buggyNodeProject());
    let overflows = 0;
    const script: ScriptItem[] = [
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
      { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
      { content: 'Fixed add.' },
    ];
    let cursor = 0;
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: (_req, i) => {
        if (i === 1) {
          overflows++;
          return { fault: 'error', status: 400, body: { error: { message: 'context window exceeded', type: 'invalid_request_error' } } };
        }
        return script[cursor++] ?? { content: 'Fixed add.' };
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(overflows).toBe(1);
    const decisions = readTrace(ws.root, result.taskId).filter((l) => l.type === 'governor' && l.kind === 'context_window');
    // qwen2.5-coder's profile assumes 32768; 85% of it from now on.
    expect(decisions.map((d) => d.reason)).toEqual(['the server overflowed: fitting to a 27852-token window from now on']);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });
});
