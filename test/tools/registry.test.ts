import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bashTool } from '../../server/tools/bash.js';
import { defineTool, type AnyTool } from '../../server/tools/define-tool.js';
import { ToolRegistry, toolDefinitions } from '../../server/tools/registry.js';
import { signatureText } from '../../server/tools/tool-schema.js';
import { findFilesTool } from '../../server/tools/find-files.js';
import { searchTool } from '../../server/tools/search.js';
import { tempWorkspace, toolContext } from './tool-test-context.js';

function counterTools(): { tools: AnyTool[]; runs: { read: number } } {
  const runs = { read: 0 };
  const read = defineTool({
    name: 'read_thing',
    description: 'reads',
    category: 'read',
    readOnly: true,
    args: z.object({ path: z.string(), start: z.number().int().optional() }),
    async run(args) {
      runs.read++;
      return { ok: true, output: `content of ${args.path} #${runs.read}` };
    },
  });
  const write = defineTool({
    name: 'write_thing',
    description: 'writes',
    category: 'write',
    readOnly: false,
    args: z.object({ path: z.string() }),
    async run() {
      return { ok: true, output: 'written' };
    },
  });
  const boom = defineTool({
    name: 'boom',
    description: 'throws',
    category: 'run',
    readOnly: false,
    args: z.object({}),
    async run(): Promise<never> {
      throw new Error('kaput');
    },
  });
  const big = defineTool({
    name: 'big',
    description: 'long output',
    category: 'read',
    readOnly: true,
    args: z.object({ n: z.number() }),
    moreHint: 'read a smaller range',
    async run(args) {
      return { ok: true, output: Array.from({ length: args.n }, (_, i) => `line ${i + 1}`).join('\n') };
    },
  });
  return { tools: [read, write, boom, big], runs };
}

describe('tool definitions', () => {
  it('produce small JSON Schemas without $schema or additionalProperties', () => {
    const [def] = toolDefinitions([bashTool]);
    expect(def?.name).toBe('bash');
    expect(def?.parameters).toEqual({
      type: 'object',
      properties: {
        command: { type: 'string', description: 'shell command to run' },
        timeout: { type: 'number', description: 'seconds before the command is killed' },
      },
      required: ['command'],
    });
    const text = JSON.stringify(toolDefinitions([bashTool, searchTool, findFilesTool]));
    expect(text).not.toContain('$schema');
    expect(text).not.toContain('additionalProperties');
    expect(text).not.toContain('9007199254740991');
  });

  it('carry their categories for two-stage routing', () => {
    const reg = new ToolRegistry([bashTool, searchTool, findFilesTool]);
    expect(reg.categorised().map((c) => `${c.category}:${c.definition.name}`)).toEqual(['run:bash', 'search:search', 'search:find_files']);
  });

  it('render a readable signature', () => {
    expect(signatureText(bashTool)).toBe('{command: string, timeout?: number}');
    expect(signatureText(searchTool)).toBe('{pattern: string, path?: string, glob?: string, ignore_case?: boolean, max_results?: number}');
  });
});

describe('ToolRegistry.dispatch', () => {
  const root = tempWorkspace();

  it('answers bash {cmd} with the expected parameters and a corrected call, without throwing', async () => {
    const reg = new ToolRegistry([bashTool]);
    const r = await reg.dispatch('bash', { cmd: 'ls' }, toolContext(root));
    expect(r.ok).toBe(false);
    expect(r.error).toBe('invalid_args');
    expect(r.output).toBe('bash needs {command: string, timeout?: number}; missing command (string); got unknown parameter cmd. Call again as bash({"command":"ls"})');
  });

  it('answers bash {} with the missing parameter and a placeholder call', async () => {
    const reg = new ToolRegistry([bashTool]);
    const r = await reg.dispatch('bash', {}, toolContext(root));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('bash needs {command: string, timeout?: number}; missing command (string)');
    expect(r.output).toContain('Call again as bash({"command":"..."})');
  });

  it('names a wrongly typed parameter and keeps the valid ones in the suggestion', async () => {
    const reg = new ToolRegistry([bashTool]);
    const r = await reg.dispatch('bash', { command: 'sleep 1', timeout: 'ten' }, toolContext(root));
    expect(r.output).toContain('timeout must be number (got string "ten")');
    expect(r.output).toContain('bash({"command":"sleep 1","timeout":1})');
  });

  it('accepts arguments as a JSON string and rejects non-objects with a message', async () => {
    const reg = new ToolRegistry([bashTool]);
    const ok = await reg.dispatch('bash', '{"command": "echo hi"}', toolContext(root));
    expect(ok.ok).toBe(true);
    expect(ok.output).toContain('hi');
    const bad = await reg.dispatch('bash', [1, 2], toolContext(root));
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain('must be a JSON object');
  });

  it('answers an unknown tool with the real names and a likely match', async () => {
    const reg = new ToolRegistry([bashTool, searchTool, findFilesTool]);
    const r = await reg.dispatch('find_file', { pattern: '*.ts' }, toolContext(root));
    expect(r.error).toBe('unknown_tool');
    expect(r.output).toBe('There is no tool named "find_file". Did you mean find_files? The tools are: bash, search, find_files. Call one of them by its exact name.');
    const r2 = await reg.dispatch('launch_rockets', {}, toolContext(root));
    expect(r2.output).not.toContain('Did you mean');
    expect(r2.output).toContain('bash, search, find_files');
  });

  it('turns a throwing tool into a failed outcome', async () => {
    const reg = new ToolRegistry(counterTools().tools);
    const r = await reg.dispatch('boom', {}, toolContext(root));
    expect(r).toMatchObject({ ok: false, error: 'failed', output: 'boom failed: kaput' });
  });

  it('notes ignored unknown parameters when the call is otherwise valid', async () => {
    const reg = new ToolRegistry(counterTools().tools);
    const r = await reg.dispatch('read_thing', { path: 'a', colour: 'red' }, toolContext(root));
    expect(r.ok).toBe(true);
    expect(r.output).toContain('(note: ignored unknown parameter colour)');
  });

  it('caps results at maxToolResultChars with head, tail and the tool hint', async () => {
    const reg = new ToolRegistry(counterTools().tools);
    const r = await reg.dispatch('big', { n: 2000 }, toolContext(root, {}, { maxToolResultChars: 600 }));
    expect(r.truncated).toBe(true);
    expect(r.output.length).toBeLessThanOrEqual(600);
    expect(r.output.startsWith('line 1\n')).toBe(true);
    expect(r.output.endsWith('line 2000')).toBe(true);
    expect(r.output).toMatch(/\[\.\.\. \d+ chars \(\d+ lines\) cut from the middle; read a smaller range \.\.\.\]/);
    const small = await reg.dispatch('big', { n: 3 }, toolContext(root, {}, { maxToolResultChars: 600 }));
    expect(small.truncated).toBe(false);
  });

  it('answers identical read-only calls from the cache until a write invalidates it', async () => {
    const { tools, runs } = counterTools();
    const reg = new ToolRegistry(tools);
    const ctx = toolContext(root);
    const a = await reg.dispatch('read_thing', { path: 'x', start: 1 }, ctx);
    const b = await reg.dispatch('read_thing', { start: 1, path: 'x' }, ctx);
    expect(b.cached).toBe(true);
    expect(b.output).toBe(a.output);
    expect(runs.read).toBe(1);
    await reg.dispatch('read_thing', { path: 'y' }, ctx);
    expect(runs.read).toBe(2);
    await reg.dispatch('write_thing', { path: 'x' }, ctx);
    const c = await reg.dispatch('read_thing', { path: 'x', start: 1 }, ctx);
    expect(c.cached).toBe(false);
    expect(c.output).toBe('content of x #3');
    expect(reg.cacheStats).toMatchObject({ hits: 1, misses: 3, invalidations: 1 });
    reg.invalidate();
    expect((await reg.dispatch('read_thing', { path: 'x', start: 1 }, ctx)).cached).toBe(false);
  });

  it('does not cache failed reads', async () => {
    let n = 0;
    const flaky = defineTool({
      name: 'flaky', description: '', category: 'read', readOnly: true, args: z.object({}),
      async run() {
        n++;
        return { ok: n > 1, output: `try ${n}` };
      },
    });
    const reg = new ToolRegistry([flaky]);
    await reg.dispatch('flaky', {}, toolContext(root));
    const second = await reg.dispatch('flaky', {}, toolContext(root));
    expect(second).toMatchObject({ ok: true, cached: false, output: 'try 2' });
  });

  it('does not run a tool when the task is already cancelled', async () => {
    const { tools, runs } = counterTools();
    const reg = new ToolRegistry(tools);
    const ac = new AbortController();
    ac.abort();
    const r = await reg.dispatch('read_thing', { path: 'x' }, toolContext(root, { signal: ac.signal }));
    expect(r.error).toBe('cancelled');
    expect(runs.read).toBe(0);
  });
});
