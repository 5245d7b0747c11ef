import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { runCli } from '../support/run-cli.js';

const open = openedResources();

describe('smallcode run --mode propose', () => {
  it('writes nothing and returns a WorkspaceEdit with the edit and the created file', async () => {
    const ws = open.workspace(buggyNodeProject());
    const before = readFileSync(join(ws.root, 'src/math.js'), 'utf8');
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: '    return a - b;', replace: '    return a + b;' } }] },
        { toolCalls: [{ name: 'write_file', arguments: { path: 'src/sub.js', content: 'export const sub = (a, b) => a - b;\n' } }] },
        { content: 'Proposed the fix and a sub helper.' },
      ],
    }));
    const r = await runCli(['run', 'fix add and add a sub helper', '--cwd', ws.root, '--base-url', server.url, '--model', 'qwen2.5-coder:7b', '--mode', 'propose', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout.trim()) as { success: boolean; filesCreated: string[]; filesEdited: string[]; edit: { documentChanges: { kind?: string; uri?: string; textDocument?: { uri: string } }[] } };
    expect(result.filesCreated).toEqual(['src/sub.js']);
    expect(result.filesEdited).toEqual(['src/math.js']);
    const ops = result.edit.documentChanges;
    expect(ops.some((o) => o.kind === 'create' && o.uri?.endsWith('/src/sub.js'))).toBe(true);
    expect(ops.some((o) => o.textDocument?.uri.endsWith('/src/math.js'))).toBe(true);
    expect(existsSync(join(ws.root, 'src/sub.js'))).toBe(false);
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(before);
  });
});
