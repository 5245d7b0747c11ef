import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import { describe, expect, it } from 'vitest';
import { RunTask } from '../../protocol-ext/agent.js';
import { buggyNodeProject } from '../support/fixture-projects.js';
import type { LspTestClient } from '../support/lsp-client.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { BUGGY_MATH, FIX_TASK, startLsp } from './agent-harness.js';

const open = openedResources();

const REQUEST_CANCELLED = -32800;

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every file in the workspace outside .smallcode (temp files of a half-done write would show here). */
function workspaceFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.name === '.smallcode') return [];
    return e.isDirectory() ? workspaceFiles(root, rel) : [rel];
  }).sort();
}

function sendRunTask(c: LspTestClient, cts: CancellationTokenSource): Promise<unknown> {
  return c.connection.sendRequest(RunTask.method, { task: FIX_TASK, mode: 'apply', autoApprove: true }, cts.token);
}

describe('end to end: cancelling a task over LSP', () => {
  it('while a bash command runs: RequestCancelled, the command process is gone, no partial file', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'bash', arguments: { command: "sh -c 'echo $$ > child.pid; exec sleep 30'" } }] },
        { content: 'should never be asked' },
      ],
    }));
    const client = open.client(await startLsp(ws.root, server.url));
    const cts = new CancellationTokenSource();
    const outcome = sendRunTask(client, cts).then(
      () => ({ code: 0 }),
      (err: { code: number; message: string }) => ({ code: err.code, message: err.message }),
    );
    const pidFile = join(ws.root, 'child.pid');
    await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 'the command to start');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(alive(pid)).toBe(true);
    cts.cancel();
    const r = await outcome;
    expect(r.code).toBe(REQUEST_CANCELLED);
    await until(() => !alive(pid), `process ${pid} to end`);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(server.chatRequests.length).toBe(2);
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(BUGGY_MATH);
    expect(workspaceFiles(ws.root)).toEqual(['child.pid', 'package.json', 'src/math.js', 'test/math.test.js']);
    // The server survives and answers the next request.
    expect(client.alive).toBe(true);
  });

  it('while the model stalls: RequestCancelled and the model request is closed', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [{ toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] }, { fault: 'stall' }],
    }));
    const client = open.client(await startLsp(ws.root, server.url));
    const cts = new CancellationTokenSource();
    const outcome = sendRunTask(client, cts).then(
      () => ({ code: 0 }),
      (err: { code: number }) => ({ code: err.code }),
    );
    const [, stalled] = await server.waitForChatRequests(2);
    cts.cancel();
    expect((await outcome).code).toBe(REQUEST_CANCELLED);
    expect(await stalled!.settled).toBe('client-closed');
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(BUGGY_MATH);
    expect(workspaceFiles(ws.root)).toEqual(['package.json', 'src/math.js', 'test/math.test.js']);
  });
});
