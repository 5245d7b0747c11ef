import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunTask } from '../../protocol-ext/agent.js';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { openedResources } from '../support/opened-resources.js';
import { closedPort } from '../support/run-cli.js';
import { BUGGY_MATH, FIX_TASK, listFiles, runTaskCli, startLsp } from './agent-harness.js';

const open = openedResources();

const REQUEST_FAILED = -32803;

describe('end to end: the model server is down', () => {
  it('over LSP: RequestFailed with code ModelUnavailable, the URL tried and what to do; no edit', async () => {
    const ws = open.workspace(buggyNodeProject());
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const client = open.client(await startLsp(ws.root, url));
    const err = await client.request(RunTask, { task: FIX_TASK, mode: 'apply', autoApprove: true }).then(
      () => null,
      (e: { code: number; message: string; data?: { code?: string; next?: string; tried?: string } }) => e,
    );
    expect(err).not.toBeNull();
    expect(err!.code).toBe(REQUEST_FAILED);
    expect(err!.data?.code).toBe('ModelUnavailable');
    expect(`${err!.message} ${err!.data?.tried ?? ''}`).toContain(url.replace(/\/v1$/, ''));
    expect(err!.data?.next ?? '').toMatch(/start|SMALLCODE_BASE_URL|--base-url/i);
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(BUGGY_MATH);
    expect(listFiles(join(ws.root, '.smallcode', 'snapshots'))).toEqual([]);
  });

  it('through the CLI: exit 1 and a message naming the URL and what to do', async () => {
    const ws = open.workspace(buggyNodeProject());
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const { run, result } = await runTaskCli({ root: ws.root, baseUrl: url });
    expect(run.code).toBe(1);
    expect(result.success).toBe(false);
    expect(result.error?.code).toBe('ModelUnavailable');
    expect(run.stderr).toContain(url.replace(/\/v1$/, ''));
    expect(run.stderr).toMatch(/next: /);
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(BUGGY_MATH);
  });
});
