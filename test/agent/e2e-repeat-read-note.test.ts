import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-dir.js';
import { lastMessage, readText, readTrace, runTaskCli, toolResults } from './agent-harness.js';

const open = openedResources();

/** A math module long enough that reading it twice costs real context; `add` subtracts. */
function mathModule(op: '+' | '-'): string {
  const helpers = Array.from({ length: 30 }, (_, i) => `export function scale${i}(value) {\n  return value * ${i + 2};\n}\n`).join('\n');
  return `export function add(a, b) {\n  return a ${op} b;\n}\n\n${helpers}`;
}

function project(): TempWorkspace {
  return makeTempWorkspace({
    'package.json': JSON.stringify({ name: 'calc', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }, null, 2) + '\n',
    'src/math.js': mathModule('-'),
    'test/math.test.js': "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { add } from '../src/math.js';\n\ntest('add', () => assert.strictEqual(add(2, 3), 5));\n",
  });
}

function bigModule(name: string): string {
  return Array.from({ length: 300 }, (_, i) => `export function ${name}Helper${i}(value) {\n  return value * ${i} + ${name.length};\n}`).join('\n') + '\n';
}

const readMath = { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] };
const fixAdd = { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] };
const runTests = { toolCalls: [{ name: 'bash', arguments: { command: 'npm test' } }] };

describe('end to end: a repeated read is answered with a short note', () => {
  it('answers the second identical read_file with a note, reads in full again after the patch, and the task completes', async () => {
    const ws = open.workspace(project());
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: [readMath, readMath, fixAdd, readMath, runTests, { content: 'Done: add returns a + b.' }] }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(readText(ws.root, 'src/math.js')).toBe(mathModule('+'));

    // Request 3 answers the second read: the note, while the first read's content is still above it.
    const note = lastMessage(server.chatRequests[2]);
    expect(note?.role).toBe('tool');
    expect(note?.content).toBe(
      'You already read src/math.js at turn 1 and nothing has been changed since: the same result is in the conversation above. ' +
        'Next: patch src/math.js (path, search, replace) or read a different range (start_line, end_line).',
    );
    const seen = toolResults(server.chatRequests[2]);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toContain('return a - b;');
    expect(seen[0]!.length).toBeGreaterThan(note!.content!.length * 4);

    // After the patch the same read is new information: the full, changed file.
    const reread = lastMessage(server.chatRequests[4]);
    expect(reread?.content).toContain('return a + b;');
    expect(reread?.content).toContain('scale29');

    // Two reads of the same file were not a loop: the governor stayed quiet.
    const trace = readTrace(ws.root, result.taskId);
    expect(trace.filter((l) => l.type === 'governor')).toEqual([]);
    const reads = trace.filter((l) => l.type === 'tool' && l['name'] === 'read_file');
    expect(reads.map((l) => l['cached'])).toEqual([false, true, false]);
  });

  it('still steers the third identical read, naming the task', async () => {
    const ws = open.workspace(project());
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: [readMath, readMath, readMath, fixAdd, runTests, { content: 'Done.' }] }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(lastMessage(server.chatRequests[2])?.content).toMatch(/^You already read src\/math\.js at turn 1/);
    const steered = lastMessage(server.chatRequests[3])?.content ?? '';
    expect(steered).toMatch(/called read_file with exactly these arguments 3 times/);
    expect(steered).toContain('fix the add function in src/math.js');
    expect(readTrace(ws.root, result.taskId).filter((l) => l.type === 'governor')).toEqual([expect.objectContaining({ kind: 'repeat' })]);
  });

  it('reads in full again when the earlier result was evicted to fit a small window, without counting it as a loop', async () => {
    const ws = open.workspace(project());
    ws.write('src/alpha.js', bigModule('alpha'));
    ws.write('src/beta.js', bigModule('beta'));
    const read = (path: string): ScriptItem => ({ toolCalls: [{ name: 'read_file', arguments: { path } }] });
    // alpha, beta (its result pushes alpha's out of the 5k window), alpha again, alpha once more.
    const script: ScriptItem[] = [read('src/alpha.js'), read('src/beta.js'), read('src/alpha.js'), read('src/alpha.js'), readMath, fixAdd, runTests, { content: 'Done.' }];
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], llamacpp: { nCtx: 5120 }, script }));
    const { run, result } = await runTaskCli({ root: ws.root, server, env: { SMALLCODE_MAX_TOOL_RESULT_CHARS: '6000' } });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    // When alpha is asked for again, its first result is only an eviction stub: the file comes whole.
    expect(toolResults(server.chatRequests[2])[0]).toMatch(/^\[result of read_file\(path=src\/alpha\.js\) evicted/);
    expect(lastMessage(server.chatRequests[3])?.content).toMatch(/^src\/alpha\.js \(900 lines; showing 1-\d+\)\n *1│ export function alphaHelper0\(/);
    // The next repeat points at that new full result, which is in view.
    expect(lastMessage(server.chatRequests[4])?.content).toMatch(/^You already read src\/alpha\.js at turn 3 /);
    expect(readTrace(ws.root, result.taskId).filter((l) => l.type === 'governor' && l['kind'] === 'repeat')).toEqual([]);
  });
});
