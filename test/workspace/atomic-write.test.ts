/** Writes keep mode, line endings, BOM and final-newline state; binary and non-UTF-8 files are refused, never mangled. */
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWriteFile } from '../../server/workspace/atomic-write.js';
import { Workspace } from '../../server/workspace/workspace.js';
import { tempDir } from './fixtures/temp-workspace.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('atomic, format-keeping writes', () => {
  it('keeps the file mode (an executable script stays executable)', async () => {
    const root = tempDir({ 'run.sh': '#!/bin/sh\necho a\n' });
    chmodSync(path.join(root, 'run.sh'), 0o754);
    const ws = new Workspace(root);
    await ws.writeText('run.sh', '#!/bin/sh\necho b\n');
    expect(statSync(path.join(root, 'run.sh')).mode & 0o7777).toBe(0o754);
    expect(readFileSync(path.join(root, 'run.sh'), 'utf8')).toBe('#!/bin/sh\necho b\n');
  });

  it('keeps CRLF line endings when the new text uses LF', async () => {
    const root = tempDir({ 'a.txt': 'one\r\ntwo\r\n' });
    const r = await new Workspace(root).writeText('a.txt', 'one\nTWO\nthree\n');
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('one\r\nTWO\r\nthree\r\n');
    expect(r.text).toBe('one\r\nTWO\r\nthree\r\n');
  });

  it('keeps LF when the new text arrives with CRLF', async () => {
    const root = tempDir({ 'a.txt': 'one\ntwo\n' });
    await new Workspace(root).writeText('a.txt', 'one\r\n2\r\n');
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('one\n2\n');
  });

  it('keeps a UTF-8 BOM, which reads do not show', async () => {
    const root = tempDir({ 'a.cs': Buffer.concat([BOM, Buffer.from('class A {}\n')]) });
    const ws = new Workspace(root);
    const r = await ws.readText('a.cs');
    expect(r.text).toBe('class A {}\n');
    expect(r.format.bom).toBe(true);
    await ws.writeText('a.cs', 'class B {}\n');
    expect(readFileSync(path.join(root, 'a.cs'))).toEqual(Buffer.concat([BOM, Buffer.from('class B {}\n')]));
  });

  it('keeps a missing final newline, and keeps a present one', async () => {
    const root = tempDir({ 'no.txt': 'a\nb', 'yes.txt': 'a\nb\n' });
    const ws = new Workspace(root);
    await ws.writeText('no.txt', 'a\nc\n');
    await ws.writeText('yes.txt', 'a\nc');
    expect(readFileSync(path.join(root, 'no.txt'), 'utf8')).toBe('a\nc');
    expect(readFileSync(path.join(root, 'yes.txt'), 'utf8')).toBe('a\nc\n');
  });

  it('writes new files as given, creating folders', async () => {
    const root = tempDir();
    const r = await new Workspace(root).writeText('deep/er/new.ts', 'x\r\ny');
    expect(r.created).toBe(true);
    expect(readFileSync(path.join(root, 'deep/er/new.ts'), 'utf8')).toBe('x\r\ny');
  });

  it('leaves no temp file behind after a write', async () => {
    const root = tempDir({ 'a.txt': 'a' });
    await new Workspace(root).writeText('a.txt', 'b');
    expect(readdirSync(root)).toEqual(['a.txt']);
  });

  it('refuses to read or overwrite a binary file (NUL bytes), leaving it untouched', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const root = tempDir({ 'img.png': png });
    const ws = new Workspace(root);
    await expect(ws.readText('img.png')).rejects.toMatchObject({ code: 'BinaryFile' });
    await expect(ws.writeText('img.png', 'text')).rejects.toMatchObject({ code: 'BinaryFile' });
    expect(readFileSync(path.join(root, 'img.png'))).toEqual(png);
  });

  it('refuses non-UTF-8 text (Latin-1) with a message naming the problem, leaving it untouched', async () => {
    const latin1 = Buffer.from('caf\xe9 cr\xe8me\n', 'latin1');
    const root = tempDir({ 'menu.txt': latin1 });
    const ws = new Workspace(root);
    const err = await ws.readText('menu.txt').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NotUtf8' });
    expect((err as Error).message).toMatch(/not valid UTF-8/);
    await expect(ws.writeText('menu.txt', 'x')).rejects.toMatchObject({ code: 'NotUtf8' });
    expect(readFileSync(path.join(root, 'menu.txt'))).toEqual(latin1);
  });

  it('refuses UTF-16 files (BOM FF FE) as binary', async () => {
    const root = tempDir({ 'u16.txt': Buffer.from([0xff, 0xfe, 0x61, 0x00]) });
    await expect(new Workspace(root).readText('u16.txt')).rejects.toMatchObject({ code: 'BinaryFile' });
  });

  it('atomicWriteFile applies an explicit mode to a new file regardless of umask', async () => {
    const root = tempDir();
    await atomicWriteFile(path.join(root, 'x'), new Uint8Array([1, 2, 3]), { mode: 0o600 });
    expect(statSync(path.join(root, 'x')).mode & 0o7777).toBe(0o600);
    expect([...readFileSync(path.join(root, 'x'))]).toEqual([1, 2, 3]);
  });
});
