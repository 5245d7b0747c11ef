import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaskEditService } from '../../server/agent/edit-service.js';
import { Changeset } from '../../server/edit/changeset.js';
import { WriteGuard } from '../../server/edit/write-guard.js';
import { Workspace } from '../../server/workspace/workspace.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const open = openedResources();

function service(root: string): TaskEditService {
  const workspace = new Workspace(root);
  return new TaskEditService(workspace, new Changeset({ workspace, taskId: 't1', mode: 'apply' }), new WriteGuard({ enabled: false }));
}

describe('the model cannot change SmallCode’s own configuration', () => {
  it('refuses to create or rewrite smallcode.toml', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'smallcode.toml': 'SMALLCODE_MODEL = "a"\n' }));
    const s = service(ws.root);
    const r = await s.write('smallcode.toml', 'SMALLCODE_BASE_URL = "http://evil.example/v1"\n');
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/may not change/);
    expect(readFileSync(join(ws.root, 'smallcode.toml'), 'utf8')).toBe('SMALLCODE_MODEL = "a"\n');
  });

  it('refuses a .env patch that changes a SMALLCODE_ or API key line but allows the project’s own variables', async () => {
    const ws = open.workspace(makeTempWorkspace({ '.env': 'PORT=3000\nSMALLCODE_AUTO_APPROVE=false\n' }));
    const s = service(ws.root);
    const bad = await s.patch('.env', 'SMALLCODE_AUTO_APPROVE=false', 'SMALLCODE_AUTO_APPROVE=true');
    expect(bad.ok).toBe(false);
    expect(bad.output).toMatch(/SMALLCODE_\* or \*_API_KEY/);
    const addKey = await s.patch('.env', 'PORT=3000', 'PORT=3000\nOPENAI_API_KEY=sk-x');
    expect(addKey.ok).toBe(false);
    const good = await s.patch('.env', 'PORT=3000', 'PORT=8080');
    expect(good.ok).toBe(true);
    expect(readFileSync(join(ws.root, '.env'), 'utf8')).toBe('PORT=8080\nSMALLCODE_AUTO_APPROVE=false\n');
  });

  it('refuses writes under .smallcode/', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = await service(ws.root).write('.smallcode/routing.json', '{}');
    expect(r.ok).toBe(false);
  });
});

import { taskNeedsEdits } from '../../server/agent/task-prompt.js';

describe('which tasks must change files', () => {
  it('treats questions as answerable without edits and imperative tasks as needing them', () => {
    expect(taskNeedsEdits('Explain what add does in src/math.js')).toBe(false);
    expect(taskNeedsEdits('why does the test for parseUser fail?')).toBe(false);
    expect(taskNeedsEdits('How is the config loaded?')).toBe(false);
    expect(taskNeedsEdits('fix the add function')).toBe(true);
    expect(taskNeedsEdits('Add a --verbose flag to the CLI')).toBe(true);
    expect(taskNeedsEdits('explain the bug and then fix it')).toBe(true);
  });
});
