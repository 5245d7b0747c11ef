import { describe, expect, it } from 'vitest';
import { LspTestClient } from '../support/lsp-client.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const open = openedResources();

describe('configuration problems reach the editor', () => {
  it('starts with a bad value and shows it with window/showMessage', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const client = open.client(LspTestClient.start({ cwd: ws.root, env: { SMALLCODE_THINKING_BUDGET: 'lots' } }));
    const init = await client.initialize();
    expect(init.serverInfo?.name).toBe('smallcode');
    const shown = (await client.waitForNotification('window/showMessage')) as { type: number; message: string };
    expect(shown.type).toBe(2);
    expect(shown.message).toContain('SMALLCODE_THINKING_BUDGET');
    expect(shown.message).toContain('environment');
  });

  it('shows an unknown smallcode.toml key and a bad initializationOptions value', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'smallcode.toml': 'SMALLCODE_MODLE = "x"\n' }));
    const client = open.client(LspTestClient.start({ cwd: ws.root, initializationOptions: { smallcode: { bashTimeout: 'forever' } } }));
    await client.initialize();
    await client.waitForNotification('window/showMessage', (p) => (p as { message: string }).message.includes('SMALLCODE_MODLE'));
    await client.waitForNotification('window/showMessage', (p) => (p as { message: string }).message.includes('SMALLCODE_BASH_TIMEOUT'));
  });

  it('reports a bad value arriving through workspace/didChangeConfiguration', async () => {
    const ws = open.workspace(makeTempWorkspace());
    const client = open.client(LspTestClient.start({ cwd: ws.root }));
    await client.initialize();
    await client.notify('workspace/didChangeConfiguration', { settings: { smallcode: { SMALLCODE_CONTEXT_WINDOW: 'huge' } } });
    const shown = (await client.waitForNotification('window/showMessage')) as { message: string };
    expect(shown.message).toContain('SMALLCODE_CONTEXT_WINDOW');
    expect(shown.message).toContain('workspace/configuration');
  });
});
