import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

function bigModule(): string {
  const parts: string[] = [];
  for (let i = 0; i < 700; i++) {
    if (i === 350) parts.push('export function clampPercent(value) {\n  if (value < 0) return 0;\n  if (value > 100) return 10;\n  return value;\n}');
    parts.push(`export function helper${i}(x) {\n  return x * ${i};\n}`);
  }
  return parts.join('\n\n') + '\n';
}

describe('end to end: one change inside a file of several thousand lines, with an 8k model', () => {
  it('reads the head and outline, finds the function, reads its lines, patches it, and the tests pass', async () => {
    const source = bigModule();
    const ws = open.workspace(makeTempWorkspace({
      'package.json': JSON.stringify({ name: 'big', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }) + '\n',
      'src/util.js': source,
      'test/util.test.js': "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { clampPercent, helper3 } from '../src/util.js';\n\ntest('clamp', () => assert.strictEqual(clampPercent(150), 100));\ntest('helper', () => assert.strictEqual(helper3(2), 6));\n",
    }));
    expect(source.split('\n').length).toBeGreaterThan(2500);
    let firstRead = '';
    let rangeRead = '';
    let foundLine = 0;
    const script: ((last: string) => ScriptItem)[] = [
      () => ({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/util.js' } }] }),
      (last) => {
        firstRead = last;
        return { toolCalls: [{ name: 'search', arguments: { pattern: 'function clampPercent', path: 'src' } }] };
      },
      (last) => {
        foundLine = Number(/util\.js:(\d+)/.exec(last)?.[1] ?? 0);
        return { toolCalls: [{ name: 'read_file', arguments: { path: 'src/util.js', start_line: foundLine, end_line: foundLine + 5 } }] };
      },
      (last) => {
        rangeRead = last;
        return { toolCalls: [{ name: 'patch', arguments: { path: 'src/util.js', search: '  if (value > 100) return 10;', replace: '  if (value > 100) return 100;' } }] };
      },
      () => ({ content: 'clampPercent now caps at 100.' }),
    ];
    const server = open.server(await startModelServer({ models: ['sim-7b'], script: (req, i) => (script[i] ?? script[4]!)(String(lastMessage(req)?.content ?? '')) }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b', task: 'fix clampPercent in src/util.js: values above 100 must give 100' });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    // The first read was cut to fit, and said how to read more.
    expect(firstRead.length).toBeLessThan(6000);
    expect(firstRead).toMatch(/start_line/);
    expect(foundLine).toBeGreaterThan(1000);
    expect(rangeRead).toContain('if (value > 100) return 10;');
    expect(readText(ws.root, 'src/util.js')).toBe(source.replace('if (value > 100) return 10;', 'if (value > 100) return 100;'));
    expect(result.validation).toMatchObject({ ran: true, passed: true });
    // Every request fitted the 8k window of the generic profile.
    expect(Math.max(...server.chatRequests.map((r) => r.raw.length))).toBeLessThan(8192 * 3);
  });
});
