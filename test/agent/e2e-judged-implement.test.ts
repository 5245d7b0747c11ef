import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

const HELPERS = ['capitalize', 'reverse', 'countVowels', 'isBlank'].map(
  (name, i) => `export function ${name}(text) {\n  // helper ${i}\n  return ${['text.charAt(0).toUpperCase() + text.slice(1)', "text.split('').reverse().join('')", '(text.match(/[aeiou]/g) || []).length', 'text.trim() === \'\''][i]};\n}`,
);
const STUB = "export function slugify(text) {\n  throw new Error('not implemented');\n}";
const IMPL = "export function slugify(text) {\n  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');\n}";
const source = (body: string): string => [...HELPERS.slice(0, 2), body, ...HELPERS.slice(2)].join('\n\n') + '\n';

describe('end to end (judged): implementing a stub, by a model that rewrites the module with only its new function', () => {
  it('refuses the rewrite that drops the other functions, and the model patches the stub instead; the tests pass', async () => {
    const ws = open.workspace(makeTempWorkspace({
      'package.json': JSON.stringify({ name: 'text', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }) + '\n',
      'src/text.js': source(STUB),
      'test/text.test.js':
        "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { slugify, reverse, isBlank } from '../src/text.js';\n\n" +
        "test('slugify', () => assert.strictEqual(slugify('  Hello, World! '), 'hello-world'));\ntest('others', () => { assert.strictEqual(reverse('ab'), 'ba'); assert.ok(isBlank(' ')); });\n",
    }));
    const seen: string[] = [];
    let refusal = '';
    const steps: ((last: string) => ScriptItem)[] = [
      () => ({ content: '[read_file(path="src/text.js")]' }),
      // The whole module "rewritten": only the new function, no placeholder comment.
      () => ({ content: '```json\n' + JSON.stringify({ name: 'write_file', arguments: { file_path: 'src/text.js', text: IMPL + '\n' } }) + '\n```' }),
      (last) => {
        refusal = last;
        return { content: '{"name": "patch", "arguments": {"file": "src/text.js", "search": "' + JSON.stringify(STUB).slice(1, -1) + '", "replace": "' + JSON.stringify(IMPL).slice(1, -1) + '"}}' };
      },
      () => ({ content: 'slugify is implemented.' }),
    ];
    const server = open.server(await startModelServer({
      models: ['sim-7b'],
      script: (req, i) => {
        const last = String(lastMessage(req)?.content ?? '');
        seen.push(last);
        return (steps[i] ?? steps[steps.length - 1]!)(last);
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b', task: 'implement slugify in src/text.js: lower case, runs of other characters become one dash, no dash at either end' });
    expect(run.code, `${run.stderr}\n${seen.join('\n=====\n')}`).toBe(0);
    expect(result.success).toBe(true);
    expect(refusal).toMatch(/capitalize|reverse|countVowels|isBlank/);
    expect(readText(ws.root, 'src/text.js')).toBe(source(IMPL));
    expect(result.validation).toMatchObject({ ran: true, passed: true });
    expect(server.chatRequests.length).toBe(4);
  });
});
