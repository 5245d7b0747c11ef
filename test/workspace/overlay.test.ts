/** The workspace view: open buffers override disk (with versions), closing falls back to disk, writes keep buffers separate. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../server/workspace/workspace.js';
import { tempDir } from './fixtures/temp-workspace.js';

describe('Workspace overlay', () => {
  it('reads the disk when no buffer is open', async () => {
    const ws = new Workspace(tempDir({ 'a.ts': 'disk\n' }));
    expect(await ws.readText('a.ts')).toMatchObject({ path: 'a.ts', text: 'disk\n', version: null, fromBuffer: false });
  });

  it('reads unsaved buffer text and its version when the document is open', async () => {
    const ws = new Workspace(tempDir({ 'a.ts': 'disk\n' }));
    const uri = pathToFileURL(path.join(ws.root, 'a.ts')).href;
    ws.openDocument(uri, 'buffer v1\n', 1);
    expect(await ws.readText('a.ts')).toMatchObject({ text: 'buffer v1\n', version: 1, fromBuffer: true, uri });
    ws.changeDocument(uri, 'buffer v2\n', 2);
    expect(await ws.readText('a.ts')).toMatchObject({ text: 'buffer v2\n', version: 2 });
    ws.closeDocument(uri);
    expect(await ws.readText('a.ts')).toMatchObject({ text: 'disk\n', version: null, fromBuffer: false });
  });

  it('sees an open buffer for a file not yet saved to disk', async () => {
    const ws = new Workspace(tempDir());
    ws.openDocument(pathToFileURL(path.join(ws.root, 'new.ts')).href, 'unsaved', 3);
    expect(await ws.exists('new.ts')).toBe(true);
    expect((await ws.readText('new.ts')).text).toBe('unsaved');
  });

  it('keeps the client URI spelling for edits to an open document', () => {
    const ws = new Workspace(tempDir({ 'a b.ts': '' }));
    const clientUri = `file://${path.join(ws.root, 'a%20b.ts')}`;
    ws.openDocument(clientUri, '', 1);
    expect(ws.uri('a b.ts')).toBe(clientUri);
  });

  it('ignores non-file documents (untitled buffers)', () => {
    const ws = new Workspace(tempDir());
    expect(ws.openDocument('untitled:Untitled-1', 'x', 1)).toBe(false);
    expect(ws.openDocuments()).toHaveLength(0);
  });

  it('noteAgentText makes the next read see the agent text with an unknown version until the client confirms', async () => {
    const ws = new Workspace(tempDir({ 'a.ts': 'old\n' }));
    const uri = pathToFileURL(path.join(ws.root, 'a.ts')).href;
    ws.openDocument(uri, 'old\n', 5);
    ws.noteAgentText('a.ts', 'new\n');
    expect(await ws.readText('a.ts')).toMatchObject({ text: 'new\n', version: null });
    ws.changeDocument(uri, 'new\n', 6);
    expect((await ws.readText('a.ts')).version).toBe(6);
  });

  it('readText refuses a missing file with FileNotFound', async () => {
    const ws = new Workspace(tempDir());
    await expect(ws.readText('nope.ts')).rejects.toMatchObject({ code: 'FileNotFound' });
  });

  it('writeText to a file open in a buffer writes disk and leaves the buffer to the mirror', async () => {
    const ws = new Workspace(tempDir({ 'a.ts': 'disk\n' }));
    ws.openDocument(pathToFileURL(path.join(ws.root, 'a.ts')).href, 'buf\n', 1);
    await ws.writeText('a.ts', 'written\n');
    expect(readFileSync(path.join(ws.root, 'a.ts'), 'utf8')).toBe('written\n');
    expect((await ws.readText('a.ts')).text).toBe('buf\n');
  });

  it('rename refuses to overwrite an existing file', async () => {
    const ws = new Workspace(tempDir({ 'a.ts': 'a', 'b.ts': 'b' }));
    await expect(ws.rename('a.ts', 'b.ts')).rejects.toMatchObject({ code: 'FileExists' });
    await ws.rename('a.ts', 'c/d.ts');
    expect(readFileSync(path.join(ws.root, 'c/d.ts'), 'utf8')).toBe('a');
  });
});
