import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { runCli } from '../support/run-cli.js';

const open = openedResources();

const call = (name: string, args: Record<string, unknown>): { content: string } => ({ content: JSON.stringify({ name, arguments: args }) });

describe('structured output on a server that supports it', () => {
  it('constrains a text-style model to one tool call per turn on llama.cpp, describes the tools in the prompt, and ends with finish', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      llamacpp: { nCtx: 16384 },
      script: [
        call('read_file', { path: 'src/math.js' }),
        call('patch', { path: 'src/math.js', search: '    return a - b;', replace: '    return a + b;' }),
        call('finish', { summary: 'add now adds.' }),
      ],
    }));
    const r = await runCli(['run', 'fix add in src/math.js', '--cwd', ws.root, '--base-url', server.url, '--model', 'qwen2.5-coder:7b', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout.trim()) as { success: boolean; response: string };
    expect(result.success).toBe(true);
    expect(result.response).toBe('add now adds.');
    const first = server.chatRequests[0]!.body as { tools?: unknown; response_format?: { type: string; json_schema: { schema: { anyOf: { properties: { name: { enum: string[] } } }[] } } }; messages: { role: string; content: string }[] };
    expect(first.tools).toBeUndefined();
    expect(first.response_format?.type).toBe('json_schema');
    const names = first.response_format!.json_schema.schema.anyOf.map((b) => b.properties.name.enum[0]);
    expect(names).toContain('patch');
    expect(names).toContain('finish');
    expect(first.messages[0]!.content).toContain('- patch(');
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toContain('return a + b;');
  });

  it('keeps structured output off when the server kind is unknown (native tools are offered instead)', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: [{ content: 'Nothing to do.' }] }));
    await runCli(['run', 'explain src/math.js', '--cwd', ws.root, '--base-url', server.url, '--model', 'qwen2.5-coder:7b', '--yes', '--json']);
    const first = server.chatRequests[0]!.body as { tools?: unknown[]; response_format?: unknown };
    expect(first.response_format).toBeUndefined();
    expect(Array.isArray(first.tools)).toBe(true);
  });
});
