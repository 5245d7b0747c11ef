import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

/** About 3,000 lines: 600 small rate functions, one of them (taxRate417) wrong. */
function generated(): string {
  const parts: string[] = [];
  for (let i = 0; i < 600; i++) {
    const value = i === 417 ? '0.71' : `0.${String(i % 90 + 10)}`;
    parts.push(`// rate table entry ${i}\nexport function taxRate${i}() {\n  return ${value};\n}`);
  }
  return parts.join('\n\n') + '\n';
}

describe('end to end (judged): one line inside a generated 3,000-line file, by a model that first rewrites the whole file', () => {
  it('refuses the truncated rewrite, then the model searches, reads a range and patches one line; the tests pass', async () => {
    const source = generated();
    expect(source.split('\n').length).toBeGreaterThan(2900);
    const ws = open.workspace(makeTempWorkspace({
      'package.json': JSON.stringify({ name: 'rates', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }) + '\n',
      'src/rates.js': source,
      'test/rates.test.js': "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { taxRate417, taxRate3 } from '../src/rates.js';\n\ntest('417', () => assert.strictEqual(taxRate417(), 0.17));\ntest('3', () => assert.strictEqual(taxRate3(), 0.13));\n",
    }));
    const seen: string[] = [];
    let foundLine = 0;
    let rangeRead = '';
    const script: ((last: string) => ScriptItem)[] = [
      () => ({ content: '{"name": "read_file", "arguments": {"file_path": "src/rates.js"}}' }),
      // The whole-file rewrite a 7B model attempts after seeing only the head: it is cut short.
      (last) => ({
        content:
          'I will rewrite the file with the fix.\n```json\n' +
          JSON.stringify({ name: 'write_file', arguments: { path: 'src/rates.js', content: last.split('\n').slice(0, 40).join('\n') + '\n// ... rest of the file unchanged\nexport function taxRate417() {\n  return 0.17;\n}\n' } }) +
          '\n```',
      }),
      // Sloppy search text: extra spaces and the wrong case.
      () => ({ content: '<tool_call>\n{"name": "search", "arguments": {"query": "function  TaxRate417"}}\n</tool_call>' }),
      (last) => {
        foundLine = Number(/rates\.js:(\d+)/.exec(last)?.[1] ?? 0);
        return { content: `{"name": "read_file", "arguments": {"path": "src/rates.js", "lines": "${foundLine}-${foundLine + 3}"}}` };
      },
      (last) => {
        rangeRead = last;
        return { content: '{"name": "patch", "arguments": {"path": "src/rates.js", "old_str": "export function taxRate417() {\\n  return 0.71;", "new_str": "export function taxRate417() {\\n  return 0.17;"}}' };
      },
      () => ({ content: 'Fixed taxRate417.' }),
    ];
    const server = open.server(await startModelServer({
      models: ['sim-7b'],
      script: (req, i) => {
        const last = String(lastMessage(req)?.content ?? '');
        seen.push(last);
        return (script[i] ?? script[script.length - 1]!)(last);
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b', task: 'taxRate417 in src/rates.js returns 0.71 but must return 0.17; fix it' });
    expect(run.code, `${run.stderr}\n${seen.join('\n=====\n')}`).toBe(0);
    expect(result.success).toBe(true);
    // The sloppy search text was answered with the real line, not "no matches".
    expect(seen[3]).toMatch(/when case and spacing are ignored/);
    expect(foundLine).toBeGreaterThan(2000);
    expect(rangeRead).toContain('return 0.71;');
    // Exactly one line changed: the truncated rewrite never landed.
    expect(readText(ws.root, 'src/rates.js')).toBe(source.replace('export function taxRate417() {\n  return 0.71;', 'export function taxRate417() {\n  return 0.17;'));
    expect(result.validation).toMatchObject({ ran: true, passed: true });
    expect(server.chatRequests.length).toBe(6);
    expect(Math.max(...server.chatRequests.map((r) => r.raw.length))).toBeLessThan(8192 * 3);
  });
});
