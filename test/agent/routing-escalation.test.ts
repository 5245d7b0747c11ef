import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer, type ScriptItem } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { runCli } from '../support/run-cli.js';

const open = openedResources();

const FIX: ScriptItem[] = [
  { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
  { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: '    return a - b;', replace: '    return a + b;' } }] },
  { content: 'Fixed.' },
];

function fixedMath(root: string): boolean {
  return readFileSync(join(root, 'src/math.js'), 'utf8').includes('return a + b;');
}

describe('routing and escalation', () => {
  it('routes to SMALLCODE_MODEL_MEDIUM when the default model failed most recent tasks', async () => {
    const ws = open.workspace(buggyNodeProject());
    mkdirSync(join(ws.root, '.smallcode'), { recursive: true });
    writeFileSync(join(ws.root, '.smallcode', 'routing.json'), JSON.stringify({ models: { 'qwen2.5-coder:7b': { recent: [false, true, false, true] } } }));
    const server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b', 'qwen2.5-coder:14b'], script: FIX }));
    const r = await runCli(['run', 'fix add in src/math.js', '--cwd', ws.root, '--base-url', server.url, '--model', 'qwen2.5-coder:7b', '--yes', '--json'], {
      env: { SMALLCODE_MODEL_MEDIUM: 'qwen2.5-coder:14b' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(server.chatRequests.map((q) => (q.body as { model: string }).model)).toEqual(['qwen2.5-coder:14b', 'qwen2.5-coder:14b', 'qwen2.5-coder:14b']);
    const stats = JSON.parse(readFileSync(join(ws.root, '.smallcode', 'routing.json'), 'utf8')) as { models: Record<string, { recent: boolean[] }> };
    expect(stats.models['qwen2.5-coder:14b']?.recent).toEqual([true]);
  });

  it('escalates to the cloud only after a retry with a plan failed, reports it, and never sends the key to a non-cloud host', async () => {
    const ws = open.workspace(buggyNodeProject());
    const local = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: () => ({ content: 'I am not sure how to do that.' }) }));
    const cloud = open.server(await startModelServer({ models: ['cloud-model'], script: FIX }));
    const r = await runCli(['run', 'fix add in src/math.js', '--cwd', ws.root, '--base-url', local.url, '--model', 'qwen2.5-coder:7b', '--yes', '--json'], {
      env: {
        SMALLCODE_TEST_HOOKS: '1',
        SMALLCODE_TEST_CLOUD_BASE_URL: cloud.url,
        SMALLCODE_TEST_CLOUD_MODEL: 'cloud-model',
        OPENAI_API_KEY: 'sk-test-aaaaaaaaaaaaaaaaaaaaaaaa',
        SMALLCODE_ESCALATE_AUTO: 'true',
      },
      timeoutMs: 120_000,
    });
    const result = JSON.parse(r.stdout.trim()) as { success: boolean; summary: string };
    expect(r.code, r.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(result.summary).toMatch(/escalated to openai cloud-model/);
    expect(fixedMath(ws.root)).toBe(true);
    // The local model was asked again with a plan (the decompose prompt) before the cloud was used.
    expect(local.chatRequests.some((q) => JSON.stringify(q.body).includes('previous attempt at this task failed'))).toBe(true);
    expect(cloud.chatRequests.length).toBe(3);
    for (const q of [...local.requests, ...cloud.requests]) expect(JSON.stringify(q.headers)).not.toContain('sk-test-aaaa');
  });

  it('does not escalate without an API key: the failure is reported and nothing leaves the machine', async () => {
    const ws = open.workspace(buggyNodeProject());
    const local = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: () => ({ content: 'I am not sure how to do that.' }) }));
    const cloud = open.server(await startModelServer({ models: ['cloud-model'], script: FIX }));
    const r = await runCli(['run', 'fix add in src/math.js', '--cwd', ws.root, '--base-url', local.url, '--yes', '--json'], {
      env: { SMALLCODE_TEST_HOOKS: '1', SMALLCODE_TEST_CLOUD_BASE_URL: cloud.url, SMALLCODE_ESCALATE_AUTO: 'true' },
      timeoutMs: 120_000,
    });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout.trim()) as { success: boolean }).success).toBe(false);
    expect(cloud.chatRequests.length).toBe(0);
    expect(fixedMath(ws.root)).toBe(false);
  });
});
