import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Commands } from '../../protocol-ext/commands.js';
import { EditorBuffers, applyWireEdits } from '../support/editor-buffers.js';
import { LspTestClient } from '../support/lsp-client.js';
import { startModelServer, type ModelServer, type ScriptItem } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-dir.js';

// Each test spawns the real server; on a loaded shared machine that alone can take many seconds.
vi.setConfig({ testTimeout: 120_000 });

/** What Helix 24/25 announces that matters here: no window.showMessage (no showMessageRequest), progress and applyEdit on. */
const HELIX_CAPABILITIES = {
  general: { positionEncodings: ['utf-8', 'utf-32', 'utf-16'] },
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'abort', normalizesLineEndings: false },
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: false },
    executeCommand: { dynamicRegistration: false },
    workspaceFolders: true,
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
  textDocument: {
    synchronization: { didSave: true, willSave: false },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] } },
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit', 'command'] },
    },
  },
};

const BUGGY = 'export function add(a: number, b: number): number {\n  return a - b;\n}\n';
const FIXED = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const FIX_SCRIPT: ScriptItem[] = [
  { toolCalls: [{ name: 'read_file', arguments: { path: 'src/add.ts' } }] },
  { toolCalls: [{ name: 'patch', arguments: { path: 'src/add.ts', search: '  return a - b;', replace: '  return a + b;' } }] },
  { content: 'Fixed add: it returns a + b now.' },
];

let ws: TempWorkspace | undefined;
let server: ModelServer | undefined;
let client: LspTestClient | undefined;
const open = openedResources();

async function startHelix(editor: EditorBuffers, settings: Record<string, unknown>): Promise<LspTestClient> {
  const c = LspTestClient.start({
    cwd: ws!.root,
    capabilities: HELIX_CAPABILITIES,
    initializationOptions: { smallcode: { SMALLCODE_BASE_URL: server!.url, SMALLCODE_MODEL: 'qwen2.5-coder:7b', SMALLCODE_TEST_DISABLE: true, ...settings } },
    applyEdit: editor.applyEdit,
  });
  await c.initialize();
  return c;
}

function executeCommand(c: LspTestClient, command: string, args: unknown[]): Promise<unknown> {
  return c.requestRaw('workspace/executeCommand', { command, arguments: args });
}

function showMessages(c: LspTestClient): { type: number; message: string }[] {
  return c.notificationsOf('window/showMessage') as { type: number; message: string }[];
}

async function waitForSummary(c: LspTestClient, taskId: string): Promise<{ type: number; message: string }> {
  return (await c.waitForNotification('window/showMessage', (p) => (p as { message: string }).message.includes(taskId), 60_000)) as { type: number; message: string };
}

interface ProgressParams {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
}

/** The progress token whose begin names the task (the server may report other work, like indexing, beside it). */
function taskProgressToken(c: LspTestClient, taskId: string): string | number {
  const begins = (c.notificationsOf('$/progress') as ProgressParams[]).filter((p) => p.value.kind === 'begin' && (p.value.title ?? '').includes(taskId));
  expect(begins).toHaveLength(1);
  return begins[0]!.token;
}

describe('Helix flows: workspace/executeCommand with JSON arguments, standard progress, versioned applyEdit', () => {
  it('smallcode.runTask answers with the task id before the model has answered, then reports $/progress, applies a versioned edit and shows a summary', async () => {
    ws = open.workspace(makeTempWorkspace({ 'src/add.ts': BUGGY }));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: async (_req, i) => {
        if (i === 0) await held; // the first model answer waits until the command has been answered
        return FIX_SCRIPT[i] ?? { content: 'Done.' };
      },
    }));
    const editor = new EditorBuffers(ws.root);
    client = open.client(await startHelix(editor, { SMALLCODE_AUTO_APPROVE: true }));
    await editor.open(client, 'src/add.ts', BUGGY, 4);

    // Helix's :lsp-workspace-command passes the JSON object as the single argument.
    const answer = (await executeCommand(client, Commands.runTask, [{ task: 'fix add in src/add.ts' }])) as { taskId: string };
    expect(answer.taskId).toMatch(/\S/);
    await server.waitForChatRequests(1);
    expect(editor.received).toHaveLength(0); // nothing happened yet: the answer came first
    release();

    const summary = await waitForSummary(client, answer.taskId);
    expect(summary.type).toBe(3); // Info
    expect(summary.message).toContain('src/add.ts');

    // Progress: created with window/workDoneProgress/create, then begin … report … end on that token.
    const token = taskProgressToken(client, answer.taskId);
    const created = client.serverRequests.filter((r) => r.method === 'window/workDoneProgress/create').map((r) => (r.params as { token: string | number }).token);
    expect(created).toContain(token);
    const progress = (client.notificationsOf('$/progress') as ProgressParams[]).filter((p) => p.token === token);
    const kinds = progress.map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(progress[0]!.value.title).toContain(answer.taskId);
    expect(kinds).toContain('report');
    expect(kinds.at(-1)).toBe('end');
    expect(kinds.filter((k) => k === 'end')).toHaveLength(1);

    // The edit arrived versioned against the open buffer and turns it into the fixed text.
    expect(editor.received).toHaveLength(1);
    const edit = editor.received[0] as { documentChanges: { textDocument: { uri: string; version: number }; edits: Parameters<typeof applyWireEdits>[1] }[] };
    expect(edit.documentChanges[0]!.textDocument).toEqual({ uri: editor.uri('src/add.ts'), version: 4 });
    expect(applyWireEdits(BUGGY, edit.documentChanges[0]!.edits)).toBe(FIXED);
    expect(readFileSync(join(ws.root, 'src/add.ts'), 'utf8')).toBe(FIXED);

    // smallcode.rollback with the same task id restores the file and the buffer.
    const rolled = (await executeCommand(client, Commands.rollback, [{ taskId: answer.taskId }])) as { restored: string[] };
    expect(rolled.restored).toEqual(['src/add.ts']);
    expect(readFileSync(join(ws.root, 'src/add.ts'), 'utf8')).toBe(BUGGY);
    expect(editor.text('src/add.ts')).toBe(BUGGY);
    expect(showMessages(client).some((m) => m.message.includes(`rolled back ${answer.taskId}`))).toBe(true);
  });

  it('smallcode.cancelTask stops a running task: the progress ends, the summary says cancelled and the file is untouched', async () => {
    ws = open.workspace(makeTempWorkspace({ 'src/add.ts': BUGGY }));
    server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      // The model never answers: only cancellation can end this task.
      script: () => new Promise<ScriptItem>(() => undefined),
    }));
    const editor = new EditorBuffers(ws.root);
    client = open.client(await startHelix(editor, { SMALLCODE_AUTO_APPROVE: true }));
    const { taskId } = (await executeCommand(client, Commands.runTask, [{ task: 'fix add in src/add.ts' }])) as { taskId: string };
    await server.waitForChatRequests(1);

    expect(await executeCommand(client, Commands.cancelTask, [{ taskId }])).toEqual({ cancelled: true });
    const summary = await waitForSummary(client, taskId);
    expect(summary.message).toMatch(/cancel/i);
    const token = taskProgressToken(client, taskId);
    const ends = (client.notificationsOf('$/progress') as ProgressParams[]).filter((p) => p.token === token && p.value.kind === 'end');
    expect(ends, JSON.stringify(client.notifications)).toHaveLength(1);
    expect(readFileSync(join(ws.root, 'src/add.ts'), 'utf8')).toBe(BUGGY);
    // A task that is no longer running cannot be cancelled twice.
    expect(await executeCommand(client, Commands.cancelTask, [{ taskId }])).toEqual({ cancelled: false });
  });

  it('invalid command arguments answer InvalidParams naming the offending field', async () => {
    ws = open.workspace(makeTempWorkspace({ 'src/add.ts': BUGGY }));
    server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: [] }));
    client = open.client(await startHelix(new EditorBuffers(ws.root), { SMALLCODE_AUTO_APPROVE: true }));
    const failures: [string, unknown[], RegExp][] = [
      [Commands.runTask, [{}], /task/],
      [Commands.runTask, [{ task: 'x', mode: 'yolo' }], /mode/],
      [Commands.rollback, [{ taskId: 42 }], /taskId/],
      [Commands.cancelTask, [], /taskId/],
    ];
    for (const [command, args, field] of failures) {
      const err = (await executeCommand(client, command, args).then(
        () => null,
        (e: unknown) => e,
      )) as { code: number; message: string } | null;
      expect(err, `${command} ${JSON.stringify(args)}`).not.toBeNull();
      expect(err!.code).toBe(-32602);
      expect(err!.message).toContain(command);
      expect(err!.message).toMatch(field);
    }
    const unknown = (await executeCommand(client, 'smallcode.nope', []).catch((e: unknown) => e)) as { code: number; message: string };
    expect(unknown.code).toBe(-32602);
    expect(unknown.message).toContain(Commands.runTask);
    expect(server.chatRequests).toHaveLength(0);
  });

  it('without approval up front, an apply-mode task fails at once with a message saying how to approve', async () => {
    ws = open.workspace(makeTempWorkspace({ 'src/add.ts': BUGGY }));
    server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: FIX_SCRIPT }));
    const editor = new EditorBuffers(ws.root);
    client = open.client(await startHelix(editor, {}));
    const { taskId } = (await executeCommand(client, Commands.runTask, [{ task: 'fix add in src/add.ts' }])) as { taskId: string };
    const summary = await waitForSummary(client, taskId);
    expect(summary.type).toBe(1); // Error
    expect(summary.message).toMatch(/approv/i);
    expect(summary.message).toContain('SMALLCODE_AUTO_APPROVE');
    expect(summary.message).toContain('propose');
    expect(server.chatRequests).toHaveLength(0);
    expect(editor.received).toHaveLength(0);
    expect(readFileSync(join(ws.root, 'src/add.ts'), 'utf8')).toBe(BUGGY);
    // A window/showMessageRequest would crash Helix: none was sent.
    expect(client.serverRequests.filter((r) => r.method === 'window/showMessageRequest')).toHaveLength(0);
  });

  it('propose mode needs no approval: it writes nothing to disk and offers the proposal to the buffers with applyEdit', async () => {
    ws = open.workspace(makeTempWorkspace({ 'src/add.ts': BUGGY }));
    server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: FIX_SCRIPT }));
    const editor = new EditorBuffers(ws.root);
    client = open.client(await startHelix(editor, {}));
    await editor.open(client, 'src/add.ts', BUGGY, 2);
    const { taskId } = (await executeCommand(client, Commands.runTask, [{ task: 'fix add in src/add.ts', mode: 'propose' }])) as { taskId: string };
    const summary = await waitForSummary(client, taskId);
    expect(summary.type).toBe(3);
    expect(summary.message).toMatch(/propos/i);
    expect(readFileSync(join(ws.root, 'src/add.ts'), 'utf8')).toBe(BUGGY);
    expect(editor.received).toHaveLength(1);
    expect(editor.text('src/add.ts')).toBe(FIXED);
  });
});
