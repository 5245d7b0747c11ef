import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('smallcode command line', () => {
  it('prints help with every command and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const word of ['smallcode run', 'smallcode doctor', 'smallcode index', 'graph search', '--base-url', '--json', '--yes']) expect(r.stdout).toContain(word);
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('rejects an unknown command with exit code 2 and a hint', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain('--help');
  });

  it('rejects run without a task and a bad --mode', async () => {
    const a = await runCli(['run']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/run needs a task/);
    const b = await runCli(['run', 'x', '--mode', 'yolo']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--mode must be apply or propose/);
  });

  it('rejects an unknown option', async () => {
    const r = await runCli(['run', 'x', '--frob']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/frob/);
  });
});
