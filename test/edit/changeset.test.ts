/** Changeset: apply writes + mirrors into open buffers (and undoes on rejection), propose writes nothing and returns a reviewable WorkspaceEdit. */
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { Changeset, type ApplyEditFn } from '../../server/edit/changeset.js';
import { SnapshotStore } from '../../server/edit/snapshots.js';
import { applyTextEdits } from '../../server/edit/text-edits.js';
import { editCapabilitiesFromClient } from '../../server/edit/workspace-edit.js';
import { Workspace } from '../../server/workspace/workspace.js';
import { tempDir } from '../workspace/fixtures/temp-workspace.js';

/** The server never sends snippet edits; the protocol type allows them, so narrow it. */
const plain = (d: TextDocumentEdit): TextEdit[] => d.edits.map((e) => {
  if (!('newText' in e)) throw new Error('unexpected snippet edit');
  return e;
});

/** A client stand-in that applies a WorkspaceEdit to an in-memory file map, the way an editor would. */
function applyToFiles(files: Map<string, string>, edit: WorkspaceEdit): void {
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) files.set(uri, applyTextEdits(files.get(uri) ?? '', edits));
  for (const op of edit.documentChanges ?? []) {
    if ('kind' in op) {
      if (op.kind === 'create') {
        if (files.has(op.uri)) throw new Error(`create over existing ${op.uri}`);
        files.set(op.uri, '');
      } else if (op.kind === 'delete') files.delete(op.uri);
      else {
        if (files.has(op.newUri)) throw new Error(`rename onto existing ${op.newUri}`);
        files.set(op.newUri, files.get(op.oldUri)!);
        files.delete(op.oldUri);
      }
    } else {
      const t = files.get(op.textDocument.uri);
      if (t === undefined) throw new Error(`edit of missing ${op.textDocument.uri}`);
      files.set(op.textDocument.uri, applyTextEdits(t, plain(op)));
    }
  }
}

function setup(files: Record<string, string> = { 'src/a.ts': 'export const a = 1;\nexport const b = 2;\n', 'README.md': '# hi\n' }) {
  const root = tempDir(files);
  const ws = new Workspace(root);
  const uri = (rel: string) => pathToFileURL(path.join(ws.root, rel)).href;
  const disk = (rel: string) => readFileSync(path.join(ws.root, rel), 'utf8');
  return { ws, uri, disk, store: new SnapshotStore(ws) };
}

describe('Changeset in apply mode', () => {
  it('writes the file, reports it, and its WorkspaceEdit reproduces the change', async () => {
    const { ws, uri, disk, store } = setup();
    const cs = new Changeset({ workspace: ws, taskId: 't1', mode: 'apply', snapshots: store });
    cs.beginTurn();
    const out = await cs.edit('src/a.ts', 'export const a = 1;\nexport const b = 3;\n');
    expect(disk('src/a.ts')).toBe('export const a = 1;\nexport const b = 3;\n');
    expect(out.diff).toContain('-export const b = 2;\n+export const b = 3;');
    await cs.create('src/new.ts', 'export {};\n');
    expect(cs.filesEdited()).toEqual(['src/a.ts']);
    expect(cs.filesCreated()).toEqual(['src/new.ts']);
    const files = new Map([[uri('src/a.ts'), 'export const a = 1;\nexport const b = 2;\n']]);
    applyToFiles(files, cs.workspaceEdit());
    expect(files.get(uri('src/a.ts'))).toBe(disk('src/a.ts'));
    expect(files.get(uri('src/new.ts'))).toBe('export {};\n');
    expect(cs.unifiedDiff()).toContain('+++ b/src/new.ts');
  });

  it('edits an unsaved buffer: mirrors a versioned edit built from the buffer text, and the next read sees the result', async () => {
    const { ws, uri, disk } = setup();
    ws.openDocument(uri('src/a.ts'), 'export const a = 1; // unsaved\n', 7);
    const sent: WorkspaceEdit[] = [];
    const applyEdit: ApplyEditFn = async (e) => {
      sent.push(e);
      return { applied: true };
    };
    const cs = new Changeset({ workspace: ws, taskId: 't1', mode: 'apply', applyEdit });
    const before = await cs.readText('src/a.ts');
    expect(before).toMatchObject({ fromBuffer: true, version: 7 });
    await cs.edit('src/a.ts', before.text.replace('1', '42'));
    expect(disk('src/a.ts')).toBe('export const a = 42; // unsaved\n');
    expect(sent).toHaveLength(1);
    const tde = sent[0]!.documentChanges![0] as TextDocumentEdit;
    expect(tde.textDocument).toEqual({ uri: uri('src/a.ts'), version: 7 });
    expect(applyTextEdits('export const a = 1; // unsaved\n', plain(tde))).toBe('export const a = 42; // unsaved\n');
    expect(await cs.readText('src/a.ts')).toMatchObject({ text: 'export const a = 42; // unsaved\n', version: null });
  });

  it('does not call applyEdit for files that are not open', async () => {
    const { ws } = setup();
    let calls = 0;
    const cs = new Changeset({ workspace: ws, taskId: 't1', mode: 'apply', applyEdit: async () => ((calls++), { applied: true }) });
    await cs.edit('README.md', '# changed\n');
    expect(calls).toBe(0);
  });

  for (const [name, reply] of [
    ['applied: false without a reason', async () => ({ applied: false })],
    ['applied: false with a reason', async () => ({ applied: false, failureReason: 'document version mismatch' })],
    ['a failed request', async () => Promise.reject(new Error('connection closed'))],
  ] as Array<[string, ApplyEditFn]>) {
    it(`on ${name}, reports ApplyRejected and leaves disk, mode and buffer exactly as before`, async () => {
      const { ws, uri, disk, store } = setup();
      chmodSync(path.join(ws.root, 'src/a.ts'), 0o640);
      ws.openDocument(uri('src/a.ts'), 'export const a = 1;\nexport const b = 2;\n', 3);
      const cs = new Changeset({ workspace: ws, taskId: 't1', mode: 'apply', snapshots: store, applyEdit: reply });
      const err = await cs.edit('src/a.ts', 'broken\n').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ApplyRejected' });
      expect((err as Error).message).toMatch(/rejected the change to src\/a\.ts/);
      expect(disk('src/a.ts')).toBe('export const a = 1;\nexport const b = 2;\n');
      expect(statSync(path.join(ws.root, 'src/a.ts')).mode & 0o7777).toBe(0o640);
      expect(await ws.readText('src/a.ts')).toMatchObject({ text: 'export const a = 1;\nexport const b = 2;\n', version: 3 });
      expect(cs.filesEdited()).toEqual([]);
    });
  }

  it('task rollback through the snapshot store restores edits and removes created files', async () => {
    const { ws, disk, store } = setup();
    const cs = new Changeset({ workspace: ws, taskId: 't1', mode: 'apply', snapshots: store });
    cs.beginTurn();
    await cs.edit('src/a.ts', 'x\n');
    await cs.create('lib/made.ts', 'y\n');
    await cs.delete('README.md');
    const r = await new SnapshotStore(new Workspace(ws.root)).rollback('t1');
    expect(r).toEqual({ taskId: 't1', restored: ['README.md', 'src/a.ts'], deleted: ['lib/made.ts'] });
    expect(disk('src/a.ts')).toBe('export const a = 1;\nexport const b = 2;\n');
    expect(disk('README.md')).toBe('# hi\n');
    expect(existsSync(path.join(ws.root, 'lib'))).toBe(false);
  });

  it('rollbackTurn undoes only the failed turn, on disk, in open buffers and in the changeset', async () => {
    const { ws, uri, disk, store } = setup();
    ws.openDocument(uri('src/a.ts'), 'export const a = 1;\nexport const b = 2;\n', 1);
    const sent: WorkspaceEdit[] = [];
    const cs = new Changeset({ workspace: ws, taskId: 't1', mode: 'apply', snapshots: store, applyEdit: async (e) => (sent.push(e), { applied: true }) });
    cs.beginTurn();
    await cs.edit('src/a.ts', 'turn one\n');
    cs.beginTurn();
    await cs.edit('src/a.ts', 'turn two\n');
    await cs.create('tmp.ts', 'z');
    const r = await cs.rollbackTurn();
    expect(r).toEqual({ restored: ['src/a.ts'], deleted: ['tmp.ts'] });
    expect(disk('src/a.ts')).toBe('turn one\n');
    expect((await ws.readText('src/a.ts')).text).toBe('turn one\n');
    expect(applyTextEdits('turn two\n', plain(sent.at(-1)!.documentChanges![0] as TextDocumentEdit))).toBe('turn one\n');
    expect(cs.filesCreated()).toEqual([]);
    expect(cs.filesEdited()).toEqual(['src/a.ts']);
  });

  it('refuses to create a file that exists', async () => {
    const { ws } = setup();
    const cs = new Changeset({ workspace: ws, taskId: 't1', mode: 'apply' });
    await expect(cs.create('README.md', 'x')).rejects.toMatchObject({ code: 'FileExists' });
  });
});

describe('Changeset in propose mode', () => {
  it('writes nothing, serves its own proposed text to later reads, and returns an annotated WorkspaceEdit', async () => {
    const { ws, uri, disk } = setup();
    ws.openDocument(uri('src/a.ts'), 'export const a = 1;\nexport const b = 2;\n', 4);
    let calls = 0;
    const cs = new Changeset({ workspace: ws, taskId: 'p1', mode: 'propose', applyEdit: async () => ((calls++), { applied: true }) });
    await cs.edit('src/a.ts', 'export const a = 10;\nexport const b = 2;\n');
    const again = await cs.readText('src/a.ts');
    await cs.edit('src/a.ts', again.text.replace('b = 2', 'b = 20'));
    await cs.create('src/c.ts', 'export const c = 3;\n');
    await cs.rename('README.md', 'docs/README.md');
    await cs.edit('docs/README.md', '# hello\n');

    expect(calls).toBe(0);
    expect(disk('src/a.ts')).toBe('export const a = 1;\nexport const b = 2;\n');
    expect(existsSync(path.join(ws.root, 'src/c.ts'))).toBe(false);
    expect(existsSync(path.join(ws.root, '.smallcode'))).toBe(false);

    const edit = cs.workspaceEdit();
    const ann = Object.values(edit.changeAnnotations ?? {});
    expect(ann).toHaveLength(1);
    expect(ann[0]!.needsConfirmation).toBe(true);
    const tde = edit.documentChanges!.find((d) => 'textDocument' in d && d.textDocument.uri === uri('src/a.ts')) as TextDocumentEdit;
    expect(tde.textDocument.version).toBe(4);
    expect(tde.edits.every((e) => 'annotationId' in e)).toBe(true);
    expect(edit.documentChanges!.map((d) => ('kind' in d ? d.kind : 'edit'))).toEqual(['rename', 'create', 'edit', 'edit', 'edit']);

    const files = new Map([
      [uri('src/a.ts'), 'export const a = 1;\nexport const b = 2;\n'],
      [uri('README.md'), '# hi\n'],
    ]);
    applyToFiles(files, edit);
    expect(Object.fromEntries(files)).toEqual({
      [uri('src/a.ts')]: 'export const a = 10;\nexport const b = 20;\n',
      [uri('src/c.ts')]: 'export const c = 3;\n',
      [uri('docs/README.md')]: '# hello\n',
    });
    expect(cs.filesCreated()).toEqual(['src/c.ts']);
    expect(cs.filesEdited()).toEqual(['docs/README.md', 'src/a.ts']);
  });

  it('expresses a swap of two files (a rename cycle) through a temporary name', async () => {
    const { ws, uri } = setup({ 'a.ts': 'A', 'b.ts': 'B' });
    const cs = new Changeset({ workspace: ws, taskId: 'p1', mode: 'propose' });
    await cs.rename('a.ts', 'tmp.ts');
    await cs.rename('b.ts', 'a.ts');
    await cs.rename('tmp.ts', 'b.ts');
    const files = new Map([
      [uri('a.ts'), 'A'],
      [uri('b.ts'), 'B'],
    ]);
    applyToFiles(files, cs.workspaceEdit());
    expect(Object.fromEntries(files)).toEqual({ [uri('a.ts')]: 'B', [uri('b.ts')]: 'A' });
  });

  it('a file created and then deleted in the same task leaves no trace', async () => {
    const { ws } = setup();
    const cs = new Changeset({ workspace: ws, taskId: 'p1', mode: 'propose' });
    await cs.create('scratch.ts', 'x');
    await cs.delete('scratch.ts');
    expect(cs.workspaceEdit().documentChanges).toEqual([]);
    expect(cs.filesCreated()).toEqual([]);
  });

  it('reports a deleted file with a DeleteFile operation and refuses reads of it', async () => {
    const { ws, uri } = setup();
    const cs = new Changeset({ workspace: ws, taskId: 'p1', mode: 'propose' });
    await cs.delete('README.md');
    expect(cs.workspaceEdit().documentChanges).toEqual([expect.objectContaining({ kind: 'delete', uri: uri('README.md') })]);
    expect(cs.filesDeleted()).toEqual(['README.md']);
    await expect(cs.readText('README.md')).rejects.toMatchObject({ code: 'FileNotFound' });
  });

  it('falls back to the plain changes map for clients without documentChanges', async () => {
    const { ws, uri } = setup();
    const caps = editCapabilitiesFromClient({ workspace: { workspaceEdit: { documentChanges: false } } });
    const cs = new Changeset({ workspace: ws, taskId: 'p1', mode: 'propose', capabilities: caps });
    await cs.edit('src/a.ts', 'export const a = 2;\nexport const b = 2;\n');
    await cs.create('new.ts', 'n');
    const edit = cs.workspaceEdit();
    expect(edit.documentChanges).toBeUndefined();
    expect(Object.keys(edit.changes!)).toEqual([uri('src/a.ts')]);
    expect(applyTextEdits('export const a = 1;\nexport const b = 2;\n', edit.changes![uri('src/a.ts')]!)).toBe('export const a = 2;\nexport const b = 2;\n');
  });

  it('omits resource operations the client does not support and annotations it cannot show', async () => {
    const { ws } = setup();
    const caps = editCapabilitiesFromClient({ workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } });
    const cs = new Changeset({ workspace: ws, taskId: 'p1', mode: 'propose', capabilities: caps });
    await cs.create('n.ts', 'n');
    await cs.delete('README.md');
    const edit = cs.workspaceEdit();
    expect(edit.documentChanges!.map((d) => ('kind' in d ? d.kind : 'edit'))).toEqual(['create', 'edit']);
    expect(edit.changeAnnotations).toBeUndefined();
  });
});
