import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { closedPort, runCli } from '../support/run-cli.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const open = openedResources();

describe('smallcode doctor', () => {
  it('lists the models of a running server and reports everything fine', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b', 'llama3.1:8b'] }));
    const r = await runCli(['doctor'], { cwd: ws.root, env: { SMALLCODE_BASE_URL: server.url } });
    expect(r.stdout).toContain('✔ Node.js');
    expect(r.stdout).toContain('✔ better-sqlite3');
    expect(r.stdout).toMatch(/✔ native graph extractor: loaded from .*smallcode_graph\.node/);
    for (const lang of ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust']) expect(r.stdout).toContain(`✔ tree-sitter ${lang}`);
    expect(r.stdout).toContain(`answered at ${server.url}`);
    expect(r.stdout).toContain('qwen2.5-coder:7b, llama3.1:8b');
    expect(r.stdout).toMatch(/SMALLCODE_BASE_URL\s+http:\/\/127\.0\.0\.1:\d+\/v1\s+← environment/);
    expect(r.stdout).toContain('Everything looks good.');
    expect(r.code).toBe(0);
  });

  it('says clearly that no model server answered and what to do, with exit code 1', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const port = await closedPort();
    const r = await runCli(['doctor'], { cwd: ws.root, env: { SMALLCODE_BASE_URL: `http://127.0.0.1:${port}/v1` } });
    expect(r.stdout).toContain(`✘ model server: No model server answered at http://127.0.0.1:${port}/v1`);
    expect(r.stdout).toMatch(/connection refused/);
    expect(r.stdout).toMatch(/next: Start the server/);
    expect(r.code).toBe(1);
  });

  it('flags a configured model the server does not list', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const server = open.server(await startModelServer({ models: ['qwen3:8b'] }));
    const r = await runCli(['doctor', '--model', 'gemma3:4b', '--base-url', server.url], { cwd: ws.root });
    expect(r.stdout).toContain('SMALLCODE_MODEL=gemma3:4b is not among the listed models');
    expect(r.code).toBe(1);
  });

  it('reports a bad configuration value with its source', async () => {
    const ws = open.workspace(makeTempWorkspace({ '.env': 'SMALLCODE_BASH_TIMEOUT=soon\n' }));
    const server = open.server(await startModelServer({ models: ['m'] }));
    const r = await runCli(['doctor', '--json'], { cwd: ws.root, env: { SMALLCODE_BASE_URL: server.url } });
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(false);
    const bad = report.checks.find((c) => c.name.includes('SMALLCODE_BASH_TIMEOUT'));
    expect(bad?.detail).toMatch(/from \.env/);
  });
});
