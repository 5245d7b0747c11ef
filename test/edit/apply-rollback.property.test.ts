/** Apply mode end to end: random create/edit/delete/rename sequences over real files, then task rollback gives back the original tree byte-exact. */
import { readdirSync, readFileSync, statSync, chmodSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSmallCodeError } from '../../server/core/errors.js';
import { Changeset } from '../../server/edit/changeset.js';
import { SnapshotStore } from '../../server/edit/snapshots.js';
import { Workspace } from '../../server/workspace/workspace.js';
import { tempDir } from '../workspace/fixtures/temp-workspace.js';

/** Every file under root except .smallcode/, as path → [bytes as hex, mode]. */
function tree(root: string, rel = ''): Record<string, [string, number]> {
  const out: Record<string, [string, number]> = {};
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (r === '.smallcode') continue;
    if (e.isDirectory()) Object.assign(out, tree(root, r));
    else out[r] = [readFileSync(path.join(root, r)).toString('hex'), statSync(path.join(root, r)).mode & 0o7777];
  }
  return out;
}

describe('apply mode + rollback', () => {
  it('property: any sequence of changes over several turns rolls back to the original bytes and modes', async () => {
    const names = ['a.ts', 'crlf.txt', 'bom.cs', 'x/y/z.md'];
    const opArb = fc.record({
      op: fc.constantFrom('edit', 'create', 'delete', 'rename', 'turn'),
      file: fc.nat(3),
      to: fc.nat(3),
      text: fc.array(fc.constantFrom('x', 'line\n', '😀', 'a\r\n'), { maxLength: 6 }).map((p) => p.join('')),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 10 }), async (ops) => {
        const root = tempDir({ 'a.ts': 'alpha\nbeta\n', 'crlf.txt': 'one\r\ntwo', 'bom.cs': '\uFEFFclass A {}\n' });
        chmodSync(path.join(root, 'a.ts'), 0o755);
        const before = tree(root);
        const ws = new Workspace(root);
        const cs = new Changeset({ workspace: ws, taskId: 'task-1', mode: 'apply', snapshots: new SnapshotStore(ws) });
        cs.beginTurn();
        for (const o of ops) {
          const f = names[o.file]!;
          const exists = await cs.exists(f);
          if (o.op === 'turn') cs.beginTurn();
          else if (o.op === 'edit' && exists) await cs.edit(f, `${(await cs.readText(f)).text}${o.text}`);
          else if (o.op === 'create' && !exists) await cs.create(f, o.text);
          else if (o.op === 'delete' && exists) await cs.delete(f);
          else if (o.op === 'rename' && exists && !(await cs.exists(names[o.to]!))) await cs.rename(f, names[o.to]!);
        }
        // A task that changed nothing has no snapshot; rollback says so (and the tree must be untouched anyway).
        await new SnapshotStore(new Workspace(root)).rollback('task-1').catch((e: unknown) => {
          if (!isSmallCodeError(e, 'SnapshotMissing')) throw e;
        });
        expect(tree(root)).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });

  it('property: rolling back turn k restores the tree as it was when turn k began, and later changes still roll back the task', async () => {
    const names = ['a.ts', 'b.txt', 'd/e.ts'];
    const opArb = fc.record({
      op: fc.constantFrom('edit', 'create', 'delete', 'turn'),
      file: fc.nat(2),
      text: fc.array(fc.constantFrom('x', 'line\n', '😀'), { maxLength: 4 }).map((p) => p.join('')),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 12 }), fc.nat(), async (ops, pick) => {
        const root = tempDir({ 'a.ts': 'alpha\n', 'b.txt': 'b' });
        const original = tree(root);
        const ws = new Workspace(root);
        const cs = new Changeset({ workspace: ws, taskId: 't', mode: 'apply', snapshots: new SnapshotStore(ws) });
        const atTurnStart = new Map<number, Record<string, [string, number]>>();
        atTurnStart.set(cs.beginTurn(), tree(root));
        for (const o of ops) {
          const f = names[o.file]!;
          const exists = await cs.exists(f);
          if (o.op === 'turn') atTurnStart.set(cs.beginTurn(), tree(root));
          else if (o.op === 'edit' && exists) await cs.edit(f, `${(await cs.readText(f)).text}${o.text}`);
          else if (o.op === 'create' && !exists) await cs.create(f, o.text);
          else if (o.op === 'delete' && exists) await cs.delete(f);
        }
        const k = 1 + (pick % cs.turn);
        await cs.rollbackTurn(k).catch((e: unknown) => {
          if (!isSmallCodeError(e, 'SnapshotMissing')) throw e;
        });
        expect(tree(root)).toEqual(atTurnStart.get(k));
        await cs.edit('a.ts', 'after rollback\n').catch((e: unknown) => {
          if (!isSmallCodeError(e, 'FileNotFound')) throw e;
        });
        await new SnapshotStore(ws).rollback('t').catch((e: unknown) => {
          if (!isSmallCodeError(e, 'SnapshotMissing')) throw e;
        });
        expect(tree(root)).toEqual(original);
      }),
      { numRuns: 25 },
    );
  });
});
