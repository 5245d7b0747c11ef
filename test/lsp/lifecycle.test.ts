import { describe, expect, it } from 'vitest';
import { LspTestClient } from '../support/lsp-client.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { Commands, PROTOCOL_VERSION, REQUESTS } from '../../protocol-ext/index.js';

const open = openedResources();

describe('LSP lifecycle over stdio', () => {
  it('answers initialize with incremental sync, commands, serverInfo and the custom protocol', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const client = open.client(LspTestClient.start({ cwd: ws.root }));
    const init = await client.initialize();
    const caps = init.capabilities as {
      textDocumentSync: { change: number; openClose: boolean };
      executeCommandProvider: { commands: string[] };
      experimental: { smallcode: { protocolVersion: string; features: string[]; methods: string[] } };
    };
    expect(init.serverInfo?.name).toBe('smallcode');
    expect(init.serverInfo?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(caps.textDocumentSync.change).toBe(2);
    expect(caps.textDocumentSync.openClose).toBe(true);
    expect(caps.executeCommandProvider.commands).toEqual(expect.arrayContaining([Commands.runTask, Commands.cancelTask, Commands.rollback]));
    expect(caps.experimental.smallcode.protocolVersion).toBe(PROTOCOL_VERSION);
    expect(caps.experimental.smallcode.methods).toEqual(REQUESTS.map((r) => r.method));
  });

  it('exits with code 0 after shutdown then exit', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const client = open.client(LspTestClient.start({ cwd: ws.root }));
    await client.initialize();
    expect(await client.shutdownAndExit()).toBe(0);
  });

  it('exits with code 1 when exit arrives without shutdown', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const client = open.client(LspTestClient.start({ cwd: ws.root }));
    await client.initialize();
    await client.notify('exit');
    expect(await client.waitForExit()).toBe(1);
  });

  it('sends $/logTrace after $/setTrace verbose and stops after off', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const client = open.client(LspTestClient.start({ cwd: ws.root }));
    await client.initialize();
    await client.notify('$/setTrace', { value: 'verbose' });
    await client.requestRaw('smallcode/memory/list', {}).catch(() => undefined);
    const trace = (await client.waitForNotification('$/logTrace')) as { message: string };
    expect(trace.message).toContain('smallcode/memory/list');
    await client.notify('$/setTrace', { value: 'off' });
    const before = client.notificationsOf('$/logTrace').length;
    await client.requestRaw('smallcode/memory/list', {}).catch(() => undefined);
    await client.requestRaw('smallcode/memory/list', {}).catch(() => undefined);
    expect(client.notificationsOf('$/logTrace').length).toBe(before);
  });

  it('keeps no stray output on stdout: every message parses as JSON-RPC', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const client = open.client(LspTestClient.start({ cwd: ws.root }));
    await client.initialize();
    await client.requestRaw('smallcode/stats').catch(() => undefined);
    // A corrupted stream would have closed the connection; the next request still answers.
    const again = await client.requestRaw('smallcode/stats').catch((e: { code: number }) => e.code);
    expect(typeof again === 'number' || typeof again === 'object').toBe(true);
    expect(client.alive).toBe(true);
  });
});
