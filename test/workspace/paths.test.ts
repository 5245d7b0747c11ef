/** Path containment: relative, absolute and file:// inputs inside the workspace pass; escapes and .git are refused with clear errors. */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SmallCodeError } from '../../server/core/errors.js';
import { Workspace } from '../../server/workspace/workspace.js';
import { tempDir } from './fixtures/temp-workspace.js';

function refusal(fn: () => unknown): SmallCodeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SmallCodeError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('Workspace.resolve', () => {
  it('accepts a relative path, an absolute path inside, and a file:// URI, all to the same place', () => {
    const root = tempDir({ 'src/a.ts': 'x' });
    const ws = new Workspace(root);
    const abs = path.join(ws.root, 'src/a.ts');
    expect(ws.resolve('src/a.ts')).toEqual({ abs, rel: 'src/a.ts' });
    expect(ws.resolve(abs).rel).toBe('src/a.ts');
    expect(ws.resolve(pathToFileURL(abs).href).rel).toBe('src/a.ts');
    expect(ws.resolve('./src/../src/a.ts').rel).toBe('src/a.ts');
  });

  it('accepts paths to files that do not exist yet, including in new folders', () => {
    const ws = new Workspace(tempDir());
    expect(ws.resolve('new/dir/file.ts').rel).toBe('new/dir/file.ts');
  });

  it('refuses ".." escapes and says what is allowed', () => {
    const ws = new Workspace(tempDir());
    const err = refusal(() => ws.resolve('../outside.txt'));
    expect(err.code).toBe('PathOutsideWorkspace');
    expect(err.message).toMatch(/climb out of the workspace/);
    expect(err.message).toMatch(/relative to the workspace root/);
    expect(refusal(() => ws.resolve('src/../../x')).code).toBe('PathOutsideWorkspace');
  });

  it('refuses absolute paths and file:// URIs outside the workspace', () => {
    const ws = new Workspace(tempDir());
    const err = refusal(() => ws.resolve('/etc/passwd'));
    expect(err.code).toBe('PathOutsideWorkspace');
    expect(err.message).toMatch(/absolute path outside the workspace/);
    expect(refusal(() => ws.resolve('file:///etc/passwd')).code).toBe('PathOutsideWorkspace');
  });

  it('refuses a symlinked folder that leads outside', () => {
    const outside = tempDir({ 'secret.txt': 's' });
    const root = tempDir();
    symlinkSync(outside, path.join(root, 'link'));
    const ws = new Workspace(root);
    const err = refusal(() => ws.resolve('link/secret.txt'));
    expect(err.code).toBe('PathOutsideWorkspace');
    expect(err.message).toMatch(/symbolic link/);
    expect(refusal(() => ws.resolve('link/new-file.txt')).code).toBe('PathOutsideWorkspace');
  });

  it('refuses a dangling symlink whose target is outside (a write would land there)', () => {
    const outside = tempDir();
    const root = tempDir();
    symlinkSync(path.join(outside, 'not-yet.txt'), path.join(root, 'dangling.txt'));
    expect(refusal(() => new Workspace(root).resolve('dangling.txt')).code).toBe('PathOutsideWorkspace');
  });

  it('follows a symlink that stays inside to its real path', () => {
    const root = tempDir({ 'real/a.ts': 'x' });
    symlinkSync(path.join(root, 'real'), path.join(root, 'alias'));
    expect(new Workspace(root).resolve('alias/a.ts').rel).toBe('real/a.ts');
  });

  it('refuses .git internals but allows .gitignore and .github', () => {
    const root = tempDir({ '.git/config': '[core]', '.gitignore': 'x', '.github/workflows/ci.yml': 'on: push' });
    const ws = new Workspace(root);
    const err = refusal(() => ws.resolve('.git/config'));
    expect(err.code).toBe('PathForbidden');
    expect(err.message).toMatch(/\.git\//);
    expect(refusal(() => ws.resolve('.git')).code).toBe('PathForbidden');
    expect(refusal(() => ws.resolve('sub/../.git/HEAD')).code).toBe('PathForbidden');
    expect(ws.resolve('.gitignore').rel).toBe('.gitignore');
    expect(ws.resolve('.github/workflows/ci.yml').rel).toBe('.github/workflows/ci.yml');
  });

  it('refuses a symlink into .git', () => {
    const root = tempDir({ '.git/config': '[core]' });
    symlinkSync(path.join(root, '.git'), path.join(root, 'g'));
    expect(refusal(() => new Workspace(root).resolve('g/config')).code).toBe('PathForbidden');
  });

  it('refuses the snapshot folder, empty paths and non-file URIs', () => {
    const root = tempDir();
    mkdirSync(path.join(root, '.smallcode/snapshots'), { recursive: true });
    const ws = new Workspace(root);
    expect(refusal(() => ws.resolve('.smallcode/snapshots/t1/manifest.json')).code).toBe('PathForbidden');
    expect(refusal(() => ws.resolve('  ')).code).toBe('PathForbidden');
    expect(refusal(() => ws.resolve('untitled:Untitled-1')).code).toBe('PathForbidden');
  });
});
