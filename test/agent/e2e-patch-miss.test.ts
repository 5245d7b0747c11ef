import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: a patch whose search text misses', () => {
  it('answers with the exact current text of the closest candidate, which the model copies into a patch that lands', async () => {
    const ws = open.workspace(buggyNodeProject());
    let copied = '';
    const script: ((last: string) => ScriptItem)[] = [
      () => ({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] }),
      // Misremembered names and indentation: too different to apply safely.
      () => ({ toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'function add(x, y) {\n  return x - y;\n}', replace: 'function add(x, y) {\n  return x + y;\n}' } }] }),
      (last) => {
        copied = /```\n([\s\S]*?)\n```/.exec(last)?.[1] ?? '';
        return { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: copied, replace: copied.replace('a - b', 'a + b') } }] };
      },
      () => ({ toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] }),
      () => ({ content: 'Fixed.' }),
    ];
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: (req, i) => (script[i] ?? script[4]!)(String(lastMessage(req)?.content ?? '')),
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    const miss = String(lastMessage(server.chatRequests[2])?.content);
    expect(miss).toMatch(/^patch src\/math\.js was not applied/);
    expect(miss).toContain('Lines 1-3 exactly as they are now');
    expect(copied).toBe('export function add(a, b) {\n    return a - b;\n}');
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['read_file:true', 'patch:false', 'patch:true', 'bash:true']);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
  });
});
