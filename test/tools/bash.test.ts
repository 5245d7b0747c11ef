import { afterEach, describe, expect, it } from 'vitest';
import { bashTool } from '../../server/tools/bash.js';
import { ShellSession } from '../../server/shell/shell-session.js';
import { ToolRegistry } from '../../server/tools/registry.js';
import { tempWorkspace, toolContext } from './tool-test-context.js';

const sessions: ShellSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

describe('bash tool', () => {
  it('keeps cwd between calls through the task shell and reports exit code and cwd', async () => {
    const root = tempWorkspace({ 'sub/file.txt': 'x' });
    const shell = new ShellSession({ cwd: root });
    sessions.push(shell);
    const reg = new ToolRegistry([bashTool]);
    const ctx = toolContext(root, { shell });
    const first = await reg.dispatch('bash', { command: 'cd sub' }, ctx);
    expect(first.output).toMatch(/^\(no output\)\n\[exit code 0 · \d+ms · cwd sub\]$/);
    const r = await reg.dispatch('bash', { command: 'ls; exit 3' }, ctx);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/^file\.txt\n\[exit code 3 · .* · cwd sub\]$/);
  });

  it('a per-call timeout kills the command and says so', async () => {
    const root = tempWorkspace();
    const shell = new ShellSession({ cwd: root });
    sessions.push(shell);
    const r = await new ToolRegistry([bashTool]).dispatch('bash', { command: 'echo before; sleep 30', timeout: 1 }, toolContext(root, { shell }));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('before');
    expect(r.output).toContain('[timed out after 1s (killed; pass timeout to allow longer)');
  });

  it('works without a task shell (one fresh bash per command)', async () => {
    const root = tempWorkspace();
    const r = await new ToolRegistry([bashTool]).dispatch('bash', { command: 'echo $((6*7))' }, toolContext(root));
    expect(r.output).toMatch(/^42\n\[exit code 0/);
  });

  it('accepts an argv array as the command and a timeout in milliseconds', async () => {
    const root = tempWorkspace();
    const r = await new ToolRegistry([bashTool]).dispatch('bash', { command: ['echo', 'a', 'b'], timeout: 5000 }, toolContext(root));
    expect(r.output).toMatch(/^a b\n\[exit code 0/);
    const slow = await new ToolRegistry([bashTool]).dispatch('bash', { command: 'sleep 10', timeout: 3700 }, toolContext(root));
    expect(slow.output).toContain('timed out after 4s');
  });

  it('explains exit code 127', async () => {
    const root = tempWorkspace();
    const r = await new ToolRegistry([bashTool]).dispatch('bash', { command: 'definitely-not-a-command-xyz' }, toolContext(root));
    expect(r.ok).toBe(false);
    expect(r.output).toContain('command not found');
    expect(r.output).toContain('[exit code 127: command not found (check the name, or install it)');
  });

  it('keeps long output within the tool result limit with one cut marker', async () => {
    const root = tempWorkspace();
    const r = await new ToolRegistry([bashTool]).dispatch('bash', { command: 'seq 1 20000' }, toolContext(root, {}, { maxToolResultChars: 1000 }));
    expect(r.output.length).toBeLessThanOrEqual(1000);
    expect(r.output.match(/cut from the middle/g)?.length).toBe(1);
    expect(r.output).toContain('20000\n[exit code 0');
  });
});
