/** Checks that opened resources close newest first, that one failing close does not stop the others, and that the hook runs after each test. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openedResources, trackedResources } from './opened-resources.js';
import { startModelServer } from './model-server.js';
import { makeTempWorkspace } from './temp-dir.js';

describe('trackedResources().closeAll', () => {
  it('closes in reverse order of opening, each once', async () => {
    const closed: string[] = [];
    const t = trackedResources();
    t.add(() => closed.push('first'));
    t.add(async () => {
      await Promise.resolve();
      closed.push('second');
    });
    t.add(() => closed.push('third'));
    await t.closeAll();
    await t.closeAll();
    expect(closed).toEqual(['third', 'second', 'first']);
  });

  it('runs every close when some fail, then throws one error naming each failure', async () => {
    const closed: string[] = [];
    const t = trackedResources();
    t.add(() => closed.push('a'));
    t.add(() => {
      throw new Error('socket stuck');
    }, 'server b');
    t.add(() => closed.push('c'));
    t.add(() => Promise.reject(new Error('busy')));
    const err = await t.closeAll().then(() => undefined, (e: unknown) => e);
    expect(closed).toEqual(['c', 'a']);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors).toHaveLength(2);
    expect((err as Error).message).toBe('closing after the test failed for 2 resource(s): resource: busy; server b: socket stuck');
  });

  it('removes a workspace and closes a model server, returning each as given', async () => {
    const t = trackedResources();
    const ws = makeTempWorkspace({ 'a.txt': 'x' });
    const server = await startModelServer();
    expect(t.workspace(ws)).toBe(ws);
    expect(t.server(server)).toBe(server);
    await t.closeAll();
    expect(existsSync(ws.root)).toBe(false);
    await expect(fetch(`${server.url}/models`)).rejects.toThrow();
  });
});

describe('openedResources()', () => {
  const open = openedResources();
  let root = '';

  it('registers a workspace during a test', () => {
    root = open.workspace(makeTempWorkspace({ 'a.txt': 'x' })).root;
    expect(existsSync(root)).toBe(true);
  });

  it('has removed it before the next test starts', () => {
    expect(root).not.toBe('');
    expect(existsSync(root)).toBe(false);
  });
});
