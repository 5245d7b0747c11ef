import { describe, expect, it } from 'vitest';
import { ErrorCodes, LSPErrorCodes } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../support/lsp-client.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const open = openedResources();

async function started(env: Record<string, string> = {}): Promise<LspTestClient> {
  const ws = open.workspace(makeTempWorkspace());
  const client = open.client(LspTestClient.start({ cwd: ws.root, env }));
  await client.initialize();
  return client;
}

function errorOf(p: Promise<unknown>): Promise<{ code: number; message: string; data?: unknown }> {
  return p.then(
    (v) => {
      throw new Error(`expected an error, got ${JSON.stringify(v)}`);
    },
    (e: { code: number; message: string; data?: unknown }) => e,
  );
}

describe('custom request routing', () => {
  it('answers InvalidParams naming the missing field', async () => {
    const c = await started();
    const err = await errorOf(c.requestRaw('smallcode/runTask', { mode: 'apply' }));
    expect(err.code).toBe(ErrorCodes.InvalidParams);
    expect(err.message).toMatch(/task/);
  });

  it('answers InvalidParams naming a nested field and the expected values', async () => {
    const c = await started();
    const err = await errorOf(c.requestRaw('smallcode/runTask', { task: 'x', mode: 'yolo' }));
    expect(err.code).toBe(ErrorCodes.InvalidParams);
    expect(err.message).toMatch(/mode/);
    expect(err.message).toMatch(/apply/);
    expect(err.message).toMatch(/propose/);
  });

  it('answers InvalidParams with the field path for a wrong type deep in params', async () => {
    const c = await started();
    const err = await errorOf(c.requestRaw('smallcode/graph/search', { query: 'x', limit: 'many' }));
    expect(err.code).toBe(ErrorCodes.InvalidParams);
    expect(err.message).toMatch(/limit/);
    expect((err.data as { issues: { path: string }[] }).issues[0]?.path).toBe('limit');
  });

  it('answers MethodNotFound for an unknown smallcode method and lists the known ones', async () => {
    const c = await started();
    const err = await errorOf(c.requestRaw('smallcode/doesNotExist', {}));
    expect(err.code).toBe(ErrorCodes.MethodNotFound);
    expect(err.message).toContain('smallcode/runTask');
  });

  it('turns a throwing handler into InternalError, logs it and keeps answering', async () => {
    const c = await started({ SMALLCODE_TEST_HOOKS: '1' });
    const err = await errorOf(c.requestRaw('smallcode/experimental/testThrow', { message: 'kaboom' }));
    expect(err.code).toBe(ErrorCodes.InternalError);
    expect(err.message).toContain('kaboom');
    const logged = (await c.waitForNotification('window/logMessage', (p) => String((p as { message: string }).message).includes('kaboom'))) as { type: number };
    expect(logged.type).toBe(1);
    // still alive and answering
    const again = await errorOf(c.requestRaw('smallcode/experimental/testThrow', {}));
    expect(again.code).toBe(ErrorCodes.InternalError);
    expect(c.alive).toBe(true);
  });

  it('answers RequestFailed with a typed data object for a domain failure', async () => {
    const c = await started();
    const err = await errorOf(c.requestRaw('smallcode/rollback', { taskId: 'no-such-task' }));
    expect(err.code).toBe(LSPErrorCodes.RequestFailed);
    const data = err.data as { code: string; next?: string };
    expect(data.code).toBe('SnapshotMissing');
    expect(err.message).toContain('no-such-task');
  });
});
