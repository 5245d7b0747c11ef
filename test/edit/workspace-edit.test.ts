/** WorkspaceEdit shaping by client capabilities, buffer refresh after rollback, and a model-based property test of propose mode. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { Changeset, mirrorDiskToBuffers } from '../../server/edit/changeset.js';
import { SnapshotStore } from '../../server/edit/snapshots.js';
import { applyTextEdits } from '../../server/edit/text-edits.js';
import { buildWorkspaceEdit, editCapabilitiesFromClient, FULL_EDIT_CAPABILITIES } from '../../server/edit/workspace-edit.js';
import { Workspace } from '../../server/workspace/workspace.js';
import { tempDir } from '../workspace/fixtures/temp-workspace.js';

const plain = (d: TextDocumentEdit): TextEdit[] => d.edits.map((e) => ('newText' in e ? e : (() => { throw new Error('snippet'); })()));

describe('editCapabilitiesFromClient', () => {
  it('reads documentChanges, resourceOperations and changeAnnotationSupport', () => {
    const c = editCapabilitiesFromClient({
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'delete'], changeAnnotationSupport: { groupsOnLabel: true } } },
    });
    expect(c.documentChanges).toBe(true);
    expect([...c.resourceOperations].sort()).toEqual(['create', 'delete']);
    expect(c.changeAnnotations).toBe(true);
  });

  it('treats a client that says nothing as supporting only the changes map', () => {
    expect(editCapabilitiesFromClient(undefined)).toEqual({ documentChanges: false, resourceOperations: new Set(), changeAnnotations: false });
  });
});

describe('buildWorkspaceEdit', () => {
  it('creates a file with CreateFile then an unversioned insert, annotated when asked', () => {
    const { edit, unrepresentable } = buildWorkspaceEdit([{ kind: 'create', uri: 'file:///w/n.ts', text: 'x\n' }], FULL_EDIT_CAPABILITIES, {
      id: 'a1',
      label: 'SmallCode',
      needsConfirmation: true,
    });
    expect(unrepresentable).toEqual([]);
    expect(edit).toEqual({
      documentChanges: [
        { kind: 'create', uri: 'file:///w/n.ts', options: { overwrite: false, ignoreIfExists: false }, annotationId: 'a1' },
        { textDocument: { uri: 'file:///w/n.ts', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x\n', annotationId: 'a1' }] },
      ],
      changeAnnotations: { a1: { label: 'SmallCode', needsConfirmation: true } },
    });
  });

  it('lists what a changes-only client cannot express instead of dropping it silently', () => {
    const { edit, unrepresentable } = buildWorkspaceEdit(
      [
        { kind: 'delete', uri: 'file:///w/a' },
        { kind: 'rename', oldUri: 'file:///w/b', newUri: 'file:///w/c' },
      ],
      editCapabilitiesFromClient({}),
    );
    expect(edit).toEqual({ changes: {} });
    expect(unrepresentable.map((c) => c.kind)).toEqual(['delete', 'rename']);
  });

  it('leaves out an edit of a file whose text did not change', () => {
    expect(buildWorkspaceEdit([{ kind: 'edit', uri: 'file:///w/a', version: 1, oldText: 'same', newText: 'same' }], FULL_EDIT_CAPABILITIES).edit.documentChanges).toEqual([]);
  });
});

describe('mirrorDiskToBuffers (after smallcode/rollback)', () => {
  it('puts the restored text into open buffers with a versioned edit, and skips closed files', async () => {
    const root = tempDir({ 'a.ts': 'original\n', 'b.ts': 'b\n' });
    const ws = new Workspace(root);
    const uri = pathToFileURL(path.join(ws.root, 'a.ts')).href;
    const store = new SnapshotStore(ws);
    await store.snapshot('t1', 1, ['a.ts', 'b.ts']);
    writeFileSync(path.join(ws.root, 'a.ts'), 'agent text\n');
    writeFileSync(path.join(ws.root, 'b.ts'), 'agent b\n');
    ws.openDocument(uri, 'agent text\n', 12);
    const r = await store.rollback('t1');
    const sent: WorkspaceEdit[] = [];
    const mirrored = await mirrorDiskToBuffers(ws, r.restored, async (e) => (sent.push(e), { applied: true }));
    expect(mirrored).toEqual(['a.ts']);
    const tde = sent[0]!.documentChanges![0] as TextDocumentEdit;
    expect(tde.textDocument).toEqual({ uri, version: 12 });
    expect(applyTextEdits('agent text\n', plain(tde))).toBe('original\n');
    expect((await ws.readText('a.ts')).text).toBe('original\n');
    expect(readFileSync(path.join(ws.root, 'b.ts'), 'utf8')).toBe('b\n');
  });

  it('reports a rejected buffer refresh as ApplyRejected (disk stays restored)', async () => {
    const root = tempDir({ 'a.ts': 'disk\n' });
    const ws = new Workspace(root);
    ws.openDocument(pathToFileURL(path.join(ws.root, 'a.ts')).href, 'buffer\n', 1);
    await expect(mirrorDiskToBuffers(ws, ['a.ts'], async () => ({ applied: false }))).rejects.toMatchObject({ code: 'ApplyRejected' });
  });
});

describe('propose mode, model-based', () => {
  type Op = { op: 'edit' | 'create' | 'delete' | 'rename'; file: number; to: number; text: string };
  const names = ['a.ts', 'b.ts', 'c/d.ts', 'e.md'];
  const opArb: fc.Arbitrary<Op> = fc.record({
    op: fc.constantFrom('edit', 'create', 'delete', 'rename'),
    file: fc.nat(3),
    to: fc.nat(3),
    text: fc.array(fc.constantFrom('x', 'line\n', '😀', '\r\n', 'const a = 1;\n'), { maxLength: 8 }).map((p) => p.join('')),
  });

  it('property: the returned WorkspaceEdit turns the original files into exactly the proposed files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 12 }), async (ops) => {
        const initial: Record<string, string> = { 'a.ts': 'alpha\nbeta\n', 'b.ts': 'bravo', 'c/d.ts': 'delta\r\n' };
        const ws = new Workspace(tempDir(initial));
        const uri = (rel: string) => pathToFileURL(path.join(ws.root, rel)).href;
        const cs = new Changeset({ workspace: ws, taskId: 'p', mode: 'propose' });
        const model = new Map(Object.entries(initial));
        for (const o of ops) {
          const f = names[o.file]!;
          const t = names[o.to]!;
          if (o.op === 'edit' && model.has(f)) {
            await cs.edit(f, `${model.get(f)}${o.text}`);
            model.set(f, `${model.get(f)}${o.text}`);
          } else if (o.op === 'create' && !model.has(f)) {
            await cs.create(f, o.text);
            model.set(f, o.text);
          } else if (o.op === 'delete' && model.has(f)) {
            await cs.delete(f);
            model.delete(f);
          } else if (o.op === 'rename' && model.has(f) && !model.has(t)) {
            await cs.rename(f, t);
            model.set(t, model.get(f)!);
            model.delete(f);
          }
        }
        const files = new Map(Object.entries(initial).map(([k, v]) => [uri(k), v]));
        for (const op of cs.workspaceEdit().documentChanges ?? []) {
          if (!('kind' in op)) {
            const t = files.get(op.textDocument.uri);
            if (t === undefined) throw new Error(`edit of missing ${op.textDocument.uri}`);
            files.set(op.textDocument.uri, applyTextEdits(t, plain(op)));
          }
          else if (op.kind === 'create') {
            if (files.has(op.uri)) throw new Error(`create over existing ${op.uri}`);
            files.set(op.uri, '');
          } else if (op.kind === 'delete') files.delete(op.uri);
          else {
            if (files.has(op.newUri) || !files.has(op.oldUri)) throw new Error(`bad rename ${op.oldUri} -> ${op.newUri}`);
            files.set(op.newUri, files.get(op.oldUri)!);
            files.delete(op.oldUri);
          }
        }
        expect(Object.fromEntries(files)).toEqual(Object.fromEntries([...model].map(([k, v]) => [uri(k), v])));
        for (const [rel, text] of Object.entries(initial)) expect(readFileSync(path.join(ws.root, rel), 'utf8')).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
