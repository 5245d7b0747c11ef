import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import { overflowBody, type ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

/** A ~200-line module with one bug in restock(). */
function inventory(bug: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i < 30; i++) parts.push(`export function sku${i}(item) {\n  // stock keeping unit ${i}\n  return item.code + '-${i}';\n}`);
  parts.splice(15, 0, `export function restock(stock, amount) {\n  if (amount < 0) throw new Error('negative amount');\n  return stock ${bug ? '-' : '+'} amount;\n}`);
  return parts.join('\n\n') + '\n';
}

function catalog(): string {
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) lines.push(`export const product${i} = { id: ${i}, name: 'Product number ${i}', price: ${i * 3 + 1}, tags: ['catalog', 'item-${i}'] };`);
  return lines.join('\n') + '\n';
}

// What an 8k llama.cpp server accepts, in characters of the request body (JSON-escaped code is dense: about 2.4 characters a token).
const LIMIT_CHARS = 8192 * 2.4;

describe('end to end (judged): a multi-step task against a server whose window is 8k while the profile assumes 32k', () => {
  it('answers the overflow by compacting, the model still patches with text it read, and the tests pass', async () => {
    const ws = open.workspace(makeTempWorkspace({
      'package.json': JSON.stringify({ name: 'shop', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }) + '\n',
      'src/inventory.js': inventory(true),
      'src/catalog.js': catalog(),
      'test/inventory.test.js': "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { restock, sku3 } from '../src/inventory.js';\n\ntest('restock adds', () => assert.strictEqual(restock(5, 3), 8));\ntest('sku', () => assert.strictEqual(sku3({ code: 'A' }), 'A-3'));\n",
    }));
    let overflows = 0;
    const sizes: number[] = [];
    const steps: ScriptItem[] = [
      { content: '{"name": "read_file", "arguments": {"file_path": "src/catalog.js"}}' },
      { content: '{"name": "read_file", "arguments": {"file_path": "test/inventory.test.js"}}' },
      { content: '{"name": "read_file", "arguments": {"file_path": "src/inventory.js", "start_line": 1, "end_line": 200}}' },
      { content: '{"name": "read_file", "arguments": {"file_path": "src/catalog.js", "start_line": 100, "end_line": 300}}' },
      { content: '{"name": "patch", "arguments": {"path": "src/inventory.js", "old_str": "  return stock - amount;", "new_str": "  return stock + amount;"}}' },
      { content: '{"name": "bash", "arguments": {"cmd": "npm test"}}' },
      { content: 'restock now adds the amount; the tests pass.' },
    ];
    let step = 0;
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: (req) => {
        const size = JSON.stringify(req.body).length;
        sizes.push(size);
        if (size > LIMIT_CHARS) {
          overflows++;
          const o = overflowBody('llamacpp', Math.ceil(size / 2.4), 8192);
          return { fault: 'error', status: o.status, body: o.body };
        }
        const last = String(lastMessage(req)?.content ?? '');
        // A model that reacts: a bash call answered with a validation error is retried with the right name.
        if (step === 6 && /command/.test(last) && !/passed|pass |# pass/.test(last)) return { content: '{"name": "bash", "arguments": {"command": "npm test"}}' };
        return steps[step++] ?? steps[steps.length - 1]!;
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, task: 'restock in src/inventory.js subtracts the amount instead of adding it; fix it' });
    expect(run.code, `${run.stderr}\nsizes ${sizes.join(',')}`).toBe(0);
    expect(result.success).toBe(true);
    expect(overflows, `sizes ${sizes.join(",")}`).toBeGreaterThanOrEqual(1);
    expect(overflows).toBeLessThanOrEqual(2);
    expect(readText(ws.root, 'src/inventory.js')).toBe(inventory(false));
    expect(result.validation).toMatchObject({ ran: true, passed: true });
  });
});
