import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { messagesOf, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

const patch = (path: string, search: string, replace: string): ScriptItem => ({ toolCalls: [{ name: 'patch', arguments: { path, search, replace } }] });
const read = (path: string): ScriptItem => ({ toolCalls: [{ name: 'read_file', arguments: { path } }] });

describe('end to end: a multi-file rename whose plan request the model answers badly', () => {
  it('goes on without a plan, counts the hidden planning requests, and renames in every file', async () => {
    const ws = open.workspace(makeTempWorkspace({
      'package.json': JSON.stringify({ name: 'calc', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }) + '\n',
      'src/math.js': 'export function add(a, b) {\n  return a + b;\n}\n',
      'src/total.js': "import { add } from './math.js';\n\nexport function total(xs) {\n  return xs.reduce((s, x) => add(s, x), 0);\n}\n",
      'test/math.test.js': "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { sum } from '../src/math.js';\nimport { total } from '../src/total.js';\n\ntest('sum', () => assert.strictEqual(sum(2, 3), 5));\ntest('total', () => assert.strictEqual(total([1, 2, 3]), 6));\n",
    }));
    const work: ScriptItem[] = [
      read('src/math.js'),
      patch('src/math.js', 'export function add(a, b) {', 'export function sum(a, b) {'),
      { toolCalls: [{ name: 'search', arguments: { pattern: 'add' } }] },
      read('src/total.js'),
      patch('src/total.js', "import { add } from './math.js';", "import { sum } from './math.js';"),
      patch('src/total.js', 'add(s, x)', 'sum(s, x)'),
      { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] },
      { content: 'Renamed add to sum in src/math.js and src/total.js; the tests pass.' },
    ];
    let planRequests = 0;
    let step = 0;
    const server = open.server(await startModelServer({
      models: ['sim-7b'],
      script: (req) => {
        if (/TODO list/.test(String(messagesOf(req)[0]?.content ?? ''))) {
          planRequests++;
          // A sloppy model ignores the planning instructions and answers with a tool call.
          return { content: '{"name": "read_file", "arguments": {"path": "src/math.js"}}' };
        }
        return work[step++] ?? { content: 'Done.' };
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b', task: 'rename the function add to sum across all files' });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(planRequests).toBeGreaterThanOrEqual(1);
    expect((result as { auxModelCalls?: number }).auxModelCalls).toBe(planRequests);
    expect(result.filesEdited).toEqual(['src/math.js', 'src/total.js']);
    expect(readText(ws.root, 'src/total.js')).toBe("import { sum } from './math.js';\n\nexport function total(xs) {\n  return xs.reduce((s, x) => sum(s, x), 0);\n}\n");
    expect(server.chatRequests.length).toBe(planRequests + work.length);
  });
});
