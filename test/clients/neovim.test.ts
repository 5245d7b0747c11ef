import { spawnSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { LSP_BIN, REPO_ROOT } from '../support/lsp-client.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import type { TempWorkspace } from '../support/temp-dir.js';

const RUNNER = fileURLToPath(new URL('./neovim-run.lua', import.meta.url));
const PLUGIN = join(REPO_ROOT, 'clients/neovim');
const FIXED = 'export function add(a, b) {\n    return a + b;\n}\n\nexport function mul(a, b) {\n  return a * b;\n}\n';
const BUGGY = FIXED.replace('a + b', 'a - b');

let ws: TempWorkspace | undefined;
let server: ModelServer | undefined;
const open = openedResources();

function nvimVersion(): string | null {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return r.stdout.split('\n')[0] ?? null;
}

interface NvimOutcome {
  steps: string[];
  filetype?: string;
  buffer?: string;
  failure?: string;
  messages?: string;
  result?: { taskId: string; success: boolean; filesEdited: string[] };
  error?: unknown;
  events?: { kind: string; name?: string }[];
  last_task?: string;
  rollback?: { taskId: string; restored: string[] };
  buffer_after_rollback?: string;
  running_after?: number;
  cancelled?: { task: string }[];
  plan?: string;
}

/** The test process's environment without SMALLCODE_* and API keys (the developer's settings must not leak in). */
function parentEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SMALLCODE_') && !k.endsWith('_API_KEY')));
}

/** Runs headless Neovim with the runner script; resolves with what it wrote (no timing asserted). */
function runNvim(env: Record<string, string>): Promise<{ code: number | null; outcome: NvimOutcome; stderr: string }> {
  const resultFile = join(ws!.root, '.nvim-result.json');
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${RUNNER}`], {
      cwd: ws!.root,
      env: { ...parentEnv(), ...env, SC_RESULT: resultFile, SC_PLUGIN: PLUGIN, SC_NODE: process.execPath, SC_LSP_BIN: LSP_BIN, SC_ROOT: ws!.root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.on('data', () => undefined);
    const killer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      try {
        resolve({ code, outcome: JSON.parse(readFileSync(resultFile, 'utf8')) as NvimOutcome, stderr });
      } catch (err) {
        reject(new Error(`nvim exited ${code} without a result file: ${String(err)}\nstderr: ${stderr}`));
      }
    });
  });
}

describe('Neovim client (headless, real server, scripted model)', () => {
  it('is runnable here: nvim is on PATH (CI installs Debian\'s neovim)', () => {
    const version = nvimVersion();
    expect(version, 'nvim is not on PATH: install Neovim (Debian/Ubuntu: `apt-get install -y neovim`; .ci/run installs it) to run the Neovim client test').not.toBeNull();
    expect(version).toMatch(/^NVIM v0\.(?:[7-9]|\d\d)\./);
  });

  it(':SmallCodeRun fixes the open file through the server (edits arrive by workspace/applyEdit) and :SmallCodeRollback restores it', { timeout: 180_000 }, async () => {
    expect(nvimVersion(), 'nvim is not on PATH: install Neovim (`apt-get install -y neovim`) to run this test').not.toBeNull();
    ws = open.workspace(buggyNodeProject());
    server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'export function add(a, b) {\n  return a - b;\n}', replace: 'export function add(a, b) {\n  return a + b;\n}' } }] },
        { content: 'Fixed add.' },
      ],
    }));
    const { outcome, stderr } = await runNvim({ SC_BASE_URL: server.url, SC_FILE: 'src/math.js', SC_TASK: 'fix the add function in src/math.js', SC_EXPECT: FIXED, SC_ROLLBACK: '1' });
    const why = JSON.stringify({ ...outcome, events: outcome.events?.length }, null, 1) + stderr;
    expect(outcome.failure, why).toBeUndefined();
    expect(outcome.filetype).toBe('javascript');
    expect(outcome.result?.success, why).toBe(true);
    expect(outcome.result?.filesEdited).toEqual(['src/math.js']);
    // taskEvent notifications reached the plugin's handler.
    expect(outcome.events?.map((e) => `${e.kind}:${e.name ?? ''}`)).toEqual(expect.arrayContaining(['tool_start:read_file', 'tool_end:patch']));
    expect(outcome.last_task).toBe(outcome.result?.taskId);
    // Neovim's own applyEdit handler put the fix into the buffer; the server wrote the disk.
    expect(outcome.buffer).toBe(FIXED);
    // :SmallCodeRollback without an argument rolled back the last task, disk and buffer.
    expect(outcome.rollback).toEqual({ taskId: outcome.result!.taskId, restored: ['src/math.js'], deleted: [] });
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(BUGGY);
    expect(outcome.buffer_after_rollback).toBe(BUGGY);
  });

  it(':SmallCodeCancel cancels the running task ($/cancelRequest) and :SmallCodePlan shows the plan buffer', { timeout: 180_000 }, async () => {
    expect(nvimVersion(), 'nvim is not on PATH: install Neovim (`apt-get install -y neovim`) to run this test').not.toBeNull();
    ws = open.workspace(buggyNodeProject());
    server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: () => new Promise(() => undefined) }));
    const order: string[] = [];
    const goOn = join(ws.root, '.nvim-go-on');
    // Neovim waits (up to 30 s) for goOn before quitting, so only the cancel can close the model request first.
    void Promise.race([server.waitForChatRequests(1).then((reqs) => reqs[0]!.settled), new Promise((r) => setTimeout(() => r('still pending'), 25_000))]).then((how) => {
      order.push(`model request ${String(how)}`);
      writeFileSync(goOn, '');
    });
    const { outcome, stderr } = await runNvim({ SC_BASE_URL: server.url, SC_FILE: 'src/math.js', SC_TASK: 'fix the add function in src/math.js', SC_EXPECT: FIXED, SC_SCENARIO: 'cancel', SC_GO_ON: goOn });
    order.push('nvim exited');
    const why = JSON.stringify(outcome, null, 1) + stderr;
    expect(outcome.failure, why).toBeUndefined();
    expect(server.chatRequests.length, why).toBeGreaterThanOrEqual(1);
    expect(outcome.result, why).toBeUndefined();
    expect(outcome.cancelled, why).toHaveLength(1);
    expect(outcome.running_after).toBe(0);
    // The $/cancelRequest reached the server: it abandoned the model request while Neovim still ran.
    expect(order).toEqual(['model request client-closed', 'nvim exited']);
    expect(outcome.plan).toMatch(/\S/);
    expect(outcome.buffer).toBe(BUGGY);
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toBe(BUGGY);
  });
});
