import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits } from '../../server/edit/text-edits.js';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { RunTask } from '../../protocol-ext/agent.js';
import { BUGGY_MATH, FIXED_MATH, FIX_TASK, listFiles, readText, startLsp } from './agent-harness.js';

const open = openedResources();

interface DocChange {
  kind?: string;
  uri?: string;
  textDocument?: { uri: string };
  edits?: TextEdit[];
}

describe('end to end: propose mode', () => {
  it('over LSP, writes nothing and returns a WorkspaceEdit that turns the original text into the fixed file and creates the new one', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        // Propose mode sees its own change when it reads again.
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'write_file', arguments: { path: 'src/sub.js', content: 'export function sub(a, b) {\n  return a - b;\n}\n' } }] },
        { content: 'Proposed: add now adds; sub lives in src/sub.js.' },
      ],
    }));
    const client = open.client(await startLsp(ws.root, server.url));
    // No autoApprove: proposing changes needs no approval, since nothing is written.
    const result = await client.request(RunTask, { task: FIX_TASK, mode: 'propose' });
    expect(result.success).toBe(true);
    expect(readText(ws.root, 'src/math.js')).toBe(BUGGY_MATH);
    expect(listFiles(join(ws.root, 'src'))).toEqual(['math.js']);
    expect(client.serverRequests.filter((r) => r.method === 'workspace/applyEdit')).toEqual([]);
    expect(result.filesEdited).toEqual(['src/math.js']);
    expect(result.filesCreated).toEqual(['src/sub.js']);

    const reread = String((server.chatRequests[3]!.body!['messages'] as { role: string; content: string }[]).filter((m) => m.role === 'tool')[2]?.content);
    expect(reread).toContain('return a + b;');

    const changes = (result.edit as { documentChanges?: DocChange[] }).documentChanges ?? [];
    const mathUri = pathToFileURL(join(ws.root, 'src/math.js')).href;
    const subUri = pathToFileURL(join(ws.root, 'src/sub.js')).href;
    const mathEdit = changes.find((c) => c.textDocument?.uri === mathUri);
    expect(mathEdit?.edits?.length).toBeGreaterThan(0);
    expect(applyTextEdits(BUGGY_MATH, mathEdit!.edits!)).toBe(FIXED_MATH);
    expect(changes.some((c) => c.kind === 'create' && c.uri === subUri)).toBe(true);
    const subEdit = changes.find((c) => c.textDocument?.uri === subUri);
    expect(applyTextEdits('', subEdit!.edits!)).toBe('export function sub(a, b) {\n  return a - b;\n}\n');
    // Nothing was written, so the project's tests were not run against it.
    expect(result.validation.ran).toBe(false);
  });
});
