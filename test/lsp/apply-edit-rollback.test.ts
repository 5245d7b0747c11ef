import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { RunTask, Rollback, type RunResultT } from '../../protocol-ext/agent.js';
import { EditorBuffers, applyWireEdits } from '../support/editor-buffers.js';
import { LspTestClient } from '../support/lsp-client.js';
import { startModelServer, type ModelServer, type ScriptItem } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-dir.js';

// Each test spawns the real server; on a loaded shared machine that alone can take many seconds.
vi.setConfig({ testTimeout: 120_000 });

let ws: TempWorkspace | undefined;
let server: ModelServer | undefined;
let client: LspTestClient | undefined;
const open = openedResources();

// The disk has CRLF line endings and no final newline, so "restored byte-exact" is a real check.
const DISK = Buffer.from('export function greet(name: string) {\r\n  return "hi " + name;\r\n}', 'utf8');
// The unsaved buffer differs from the disk: the typo `nmae` exists only here.
const BUFFER = 'export function greet(name: string) {\n  const text = "Hello, " + nmae;\n  return text;\n}\n';
const FIXED = 'export function greet(name: string) {\n  const text = "Hello, " + name;\n  return text;\n}\n';

function scriptFixingTheTypo(): ScriptItem[] {
  return [
    { toolCalls: [{ name: 'read_file', arguments: { path: 'src/greet.ts' } }] },
    { toolCalls: [{ name: 'patch', arguments: { path: 'src/greet.ts', search: '  const text = "Hello, " + nmae;', replace: '  const text = "Hello, " + name;' } }] },
    { content: 'Fixed the typo nmae -> name in greet.' },
  ];
}

async function startClient(editor: EditorBuffers): Promise<LspTestClient> {
  const c = LspTestClient.start({
    cwd: ws!.root,
    initializationOptions: { smallcode: { SMALLCODE_BASE_URL: server!.url, SMALLCODE_MODEL: 'qwen2.5-coder:7b', SMALLCODE_AUTO_APPROVE: true, SMALLCODE_TEST_DISABLE: true } },
    applyEdit: editor.applyEdit,
  });
  await c.initialize();
  return c;
}

describe('apply mode on an unsaved buffer, then rollback, through the real server', () => {
  it('patches the buffer text (not the disk), sends a versioned applyEdit that yields the fixed text, and rollback restores the original bytes', async () => {
    ws = open.workspace(makeTempWorkspace({ 'src/greet.ts': DISK.toString('utf8') }));
    server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: scriptFixingTheTypo() }));
    const editor = new EditorBuffers(ws.root);
    client = open.client(await startClient(editor));
    await editor.open(client, 'src/greet.ts', BUFFER, 7);

    const result = await client.request(RunTask, { task: 'fix the typo in greet in src/greet.ts', mode: 'apply' });
    expect(result.success, result.summary).toBe(true);
    expect(result.filesEdited).toEqual(['src/greet.ts']);
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['read_file:true', 'patch:true']);

    // The model was shown the buffer, not the disk.
    const secondRequest = JSON.stringify(server.chatRequests[1]?.body);
    expect(secondRequest).toContain('nmae');
    expect(secondRequest).not.toContain('hi \\" + name');

    // Exactly one applyEdit, versioned against the buffer's version, turning the buffer into the fixed text.
    expect(editor.received).toHaveLength(1);
    const edit = editor.received[0] as { documentChanges: { textDocument: { uri: string; version: number }; edits: Parameters<typeof applyWireEdits>[1] }[] };
    expect(edit.documentChanges).toHaveLength(1);
    const [docEdit] = edit.documentChanges;
    expect(docEdit!.textDocument).toEqual({ uri: editor.uri('src/greet.ts'), version: 7 });
    expect(applyWireEdits(BUFFER, docEdit!.edits)).toBe(FIXED);
    // Minimal: one line changed, so one small edit rather than a whole-file replacement.
    expect(docEdit!.edits.length).toBe(1);
    expect(editor.text('src/greet.ts')).toBe(FIXED);
    expect(readFileSync(join(ws.root, 'src/greet.ts'), 'utf8')).toBe(FIXED);

    const rolled = await client.request(Rollback, { taskId: result.taskId });
    expect(rolled.restored).toEqual(['src/greet.ts']);
    expect(readFileSync(join(ws.root, 'src/greet.ts')).equals(DISK)).toBe(true);
    // The open buffer was brought back in line with the disk, against the buffer's new version.
    expect(editor.received).toHaveLength(2);
    const back = editor.received[1] as { documentChanges: { textDocument: { version: number } }[] };
    expect(back.documentChanges[0]!.textDocument.version).toBe(8);
    expect(editor.text('src/greet.ts')).toBe(DISK.toString('utf8'));
  });

  it('when the editor answers applied:false, the task reports the rejection and the file on disk is left untouched', async () => {
    ws = open.workspace(makeTempWorkspace({ 'src/greet.ts': DISK.toString('utf8') }));
    server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      // After the rejected patch the model gives up; any further nudges get the same answer.
      script: (_req, i) => scriptFixingTheTypo().slice(0, 2)[i] ?? { content: 'I could not apply the change.' },
    }));
    const editor = new EditorBuffers(ws.root);
    editor.refuse = { failureReason: 'user cancelled the edit' };
    client = open.client(await startClient(editor));
    await editor.open(client, 'src/greet.ts', BUFFER, 3);

    const result = await client.request(RunTask, { task: 'fix the typo in greet in src/greet.ts', mode: 'apply' });
    expect(editor.received).toHaveLength(1);
    const patch = result.toolCalls.find((c) => c.name === 'patch');
    expect(patch?.ok).toBe(false);
    expect(result.filesEdited).toEqual([]);
    expect(result.success).toBe(false);
    // The model was told why, with the editor's reason.
    const afterPatch = JSON.stringify(server.chatRequests[2]?.body);
    expect(afterPatch).toMatch(/rejected/i);
    expect(afterPatch).toContain('user cancelled the edit');
    // Nothing half-applied: the disk has its original bytes and the buffer its unsaved text.
    expect(readFileSync(join(ws.root, 'src/greet.ts')).equals(DISK)).toBe(true);
    expect(editor.text('src/greet.ts')).toBe(BUFFER);
  });
});

describe('approval through window/showMessageRequest (Neovim, VS Code)', () => {
  async function runAsking(answer: 'Allow' | 'Deny'): Promise<{ result: RunResultT; asked: { message: string; actions: { title: string }[] }[] }> {
    ws = open.workspace(makeTempWorkspace({ 'src/greet.ts': BUFFER }));
    server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: (_req, i) => scriptFixingTheTypo()[i] ?? { content: 'Stopping here.' } }));
    const asked: { message: string; actions: { title: string }[] }[] = [];
    client = open.client(LspTestClient.start({
      cwd: ws.root,
      // No SMALLCODE_AUTO_APPROVE: the editor must be asked.
      initializationOptions: { smallcode: { SMALLCODE_BASE_URL: server.url, SMALLCODE_MODEL: 'qwen2.5-coder:7b', SMALLCODE_TEST_DISABLE: true } },
      showMessageRequest: (params) => {
        const p = params as { message: string; actions: { title: string }[] };
        asked.push(p);
        return p.actions.find((a) => a.title === answer) ?? null;
      },
    }));
    await client.initialize();
    const result = await client.request(RunTask, { task: 'fix the typo in greet in src/greet.ts', mode: 'apply' });
    return { result, asked };
  }

  it('asks before the write, naming the file, and writes when the user allows', async () => {
    const { result, asked } = await runAsking('Allow');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.message).toContain('src/greet.ts');
    // The user sees the diff of the change, not the tool's raw arguments.
    expect(asked[0]!.message).toMatch(/^@@ .* @@$/m);
    expect(asked[0]!.message).toMatch(/^-.*\n\+/m);
    expect(asked[0]!.actions.map((a) => a.title)).toEqual(['Allow', 'Deny']);
    expect(result.success).toBe(true);
    expect(readFileSync(join(ws!.root, 'src/greet.ts'), 'utf8')).toBe(FIXED);
  });

  it('writes nothing when the user denies, and the model is told it was declined', async () => {
    const { result, asked } = await runAsking('Deny');
    expect(asked.length).toBeGreaterThanOrEqual(1);
    const r = result;
    expect(r.filesEdited).toEqual([]);
    expect(r.toolCalls.find((c) => c.name === 'patch')?.ok).toBe(false);
    expect(JSON.stringify(server!.chatRequests[2]?.body)).toMatch(/declined/);
    expect(readFileSync(join(ws!.root, 'src/greet.ts'), 'utf8')).toBe(BUFFER);
  });
});
