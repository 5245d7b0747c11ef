/** Write guard: unread existing files are refused once (naming read_file), then allowed; new files and read files pass. */
import { describe, expect, it } from 'vitest';
import { isSmallCodeError } from '../../server/core/errors.js';
import { WriteGuard } from '../../server/edit/write-guard.js';

describe('WriteGuard', () => {
  it('refuses the first write to an existing unread file and tells the model to call read_file', () => {
    const g = new WriteGuard();
    const d = g.check('src/a.ts', true);
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.error.code).toBe('WriteGuard');
      expect(d.error.message).toContain('read_file');
      expect(d.error.message).toContain('src/a.ts');
    }
  });

  it('allows the second attempt on the same file', () => {
    const g = new WriteGuard();
    expect(g.check('a.ts', true).allowed).toBe(false);
    expect(g.check('a.ts', true).allowed).toBe(true);
  });

  it('keeps refusing other unread files after one was allowed', () => {
    const g = new WriteGuard();
    g.check('a.ts', true);
    g.check('a.ts', true);
    expect(g.check('b.ts', true).allowed).toBe(false);
  });

  it('allows writes to files read in this task', () => {
    const g = new WriteGuard();
    g.noteRead('a.ts');
    expect(g.check('a.ts', true).allowed).toBe(true);
  });

  it('never guards new files', () => {
    expect(new WriteGuard().check('new.ts', false).allowed).toBe(true);
  });

  it('is off when disabled (SMALLCODE_WRITE_GUARD=false)', () => {
    expect(new WriteGuard({ enabled: false }).check('a.ts', true).allowed).toBe(true);
  });

  it('remembers per task: a fresh guard (new task) refuses again', () => {
    const g1 = new WriteGuard();
    g1.noteRead('a.ts');
    expect(new WriteGuard().check('a.ts', true).allowed).toBe(false);
  });

  it('assertWritable throws the refusal, and a file it let through stays writable', () => {
    const g = new WriteGuard();
    let caught: unknown;
    try {
      g.assertWritable('a.ts', true);
    } catch (err) {
      caught = err;
    }
    expect(isSmallCodeError(caught, 'WriteGuard')).toBe(true);
    g.assertWritable('a.ts', true);
    expect(g.hasRead('a.ts')).toBe(true);
  });
});
