import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SmallCode } from '../../index.js';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { REPO_ROOT } from '../support/lsp-client.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';

const open = openedResources();

describe('programmatic API', () => {
  it('runs a task with new SmallCode({model, baseUrl, cwd}) and emits tool events in order', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: 'return a - b;', replace: 'return a + b;' } }] },
        { content: 'Done: add returns a + b.' },
      ],
    }));
    const agent = new SmallCode({ model: 'qwen2.5-coder:7b', baseUrl: server.url, cwd: ws.root });
    const events: string[] = [];
    agent.on('tool_start', (e) => events.push(`start:${e.name}:${String(e.args['path'] ?? e.args['command'] ?? '')}`));
    agent.on('tool_end', (e) => events.push(`end:${e.name}:${e.ok}`));
    const messages: string[] = [];
    agent.on('message', (e) => messages.push(e.text));
    const result = await agent.run('fix add in src/math.js');
    agent.close();
    expect(result.success).toBe(true);
    expect(result.filesEdited).toEqual(['src/math.js']);
    expect(result.filesCreated).toEqual([]);
    expect(result.toolCalls.map((c) => c.name)).toEqual(['read_file', 'patch']);
    expect(result.tokens.total).toBeGreaterThan(0);
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.response).toBe('Done: add returns a + b.');
    expect(events).toEqual([
      'start:read_file:src/math.js', 'end:read_file:true',
      'start:patch:src/math.js', 'end:patch:true',
      'start:validate:npm test', 'end:validate:true',
    ]);
    expect(messages).toContain('Done: add returns a + b.');
    expect(readFileSync(join(ws.root, 'src/math.js'), 'utf8')).toContain('return a + b;');
  });

  it('loads with CommonJS require() and exposes the same API', () => {
    const out = execFileSync(process.execPath, ['-e', "const m = require(process.argv[1]); console.log([typeof m.SmallCode, typeof m.parseToolCalls, typeof m.applySearchReplace].join(','))", REPO_ROOT], { encoding: 'utf8' });
    expect(out.trim()).toBe('function,function,function');
  });
});
