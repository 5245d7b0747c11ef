import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OneShotShell, ShellSession, shellForTask, type Shell } from '../../server/shell/shell-session.js';
import { openedResources } from '../support/opened-resources.js';

const opened = openedResources();

/** Disposes the shell after the test; returns it. */
function track<T extends Shell>(shell: T): T {
  opened.add(() => shell.dispose(), 'shell');
  return shell;
}

function tempDir(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'sc-shell-')));
}

function session(opts: Partial<ConstructorParameters<typeof ShellSession>[0]> = {}): ShellSession {
  return track(new ShellSession({ cwd: tempDir(), env: { PATH: process.env.PATH, HOME: process.env.HOME }, interactiveIdleMs: 400, ...opts }));
}

/** Alive = signalable and not a zombie (a killed orphan stays a zombie until PID 1 reaps it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z /.test(stat);
}

/** Killed processes disappear once reaped; poll a bounded number of times rather than asserting on timing. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('ShellSession', () => {
  it('keeps cwd, exported variables and functions between calls', async () => {
    const s = session();
    const root = s.cwd;
    mkdirSync(join(root, 'sub'));
    const first = await s.run('cd sub && export GREETING=hello && say() { echo "said $1"; }');
    expect(first.exitCode).toBe(0);
    expect(first.cwd).toBe(join(root, 'sub'));
    const r = await s.run('pwd; echo $GREETING; say it');
    expect(r.output).toBe(`${join(root, 'sub')}\nhello\nsaid it\n`);
  });

  it('reports exit codes, including exit inside the command, without losing the shell', async () => {
    const s = session();
    expect((await s.run('false')).exitCode).toBe(1);
    expect((await s.run('echo out; exit 7')).exitCode).toBe(7);
    const after = await s.run('echo still here');
    expect(after.exitCode).toBe(0);
    expect(after.output).toBe('still here\n');
  });

  it('unset variables stay unset in later calls', async () => {
    const s = session();
    await s.run('export GONE=1');
    await s.run('unset GONE');
    expect((await s.run('echo ${GONE-absent}')).output).toBe('absent\n');
  });

  it('a timeout kills the command and its children but not the shell; partial output, cwd and env survive', async () => {
    const s = session();
    const root = s.cwd;
    mkdirSync(join(root, 'work'));
    await s.run('cd work; export KEEP=yes');
    const r = await s.run('echo partial; sleep 60 & echo child=$!; wait', { timeoutSec: 1 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(r.output).toContain('partial');
    expect(r.output).toContain('timed out after 1s');
    const child = Number(/child=(\d+)/.exec(r.output)?.[1]);
    expect(child).toBeGreaterThan(0);
    expect(await gone(child)).toBe(true);
    const next = await s.run('pwd; echo $KEEP');
    expect(next.output).toBe(`${join(root, 'work')}\nyes\n`);
  });

  it('kills background children a finished command left behind (its whole process group)', async () => {
    const s = session();
    const r = await s.run('sleep 300 & echo bg=$!');
    expect(r.exitCode).toBe(0);
    const pid = Number(/bg=(\d+)/.exec(r.output)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(await gone(pid)).toBe(true);
  });

  it('gives a command EOF on stdin instead of hanging', async () => {
    const s = session();
    const r = await s.run('read answer; echo "got:$answer:"');
    expect(r.output).toBe('got::\n');
    expect(r.interactive).toBe(false);
  });

  it('stops a command that sits at an interactive prompt and says how to avoid it', async () => {
    const s = session();
    const r = await s.run('printf "Overwrite existing files? [y/N] "; sleep 60', { timeoutSec: 30 });
    expect(r.interactive).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.output).toContain('non-interactive flag');
    expect((await s.run('echo ok')).output).toBe('ok\n');
  });

  it('does not treat a quiet command without a prompt as interactive', async () => {
    const s = session({ interactiveIdleMs: 200 });
    const r = await s.run('echo building; sleep 1; echo done');
    expect(r.interactive).toBe(false);
    expect(r.output).toBe('building\ndone\n');
  });

  it('caps long output to head and tail and says how much was cut', async () => {
    const s = session();
    const r = await s.run('seq 1 50000', { maxOutputChars: 1000 });
    expect(r.truncated).toBe(true);
    expect(r.output.length).toBeLessThan(1300);
    expect(r.output.startsWith('1\n2\n3\n')).toBe(true);
    expect(r.output.trimEnd().endsWith('50000')).toBe(true);
    expect(r.output).toMatch(/\[\.\.\. \d+ chars \(\d+ lines\) cut from the middle/);
  });

  it('cancellation through an AbortSignal kills the running command, the shell stays usable', async () => {
    const s = session();
    const ac = new AbortController();
    const p = s.run('echo started; sleep 60 & echo child=$!; wait', { signal: ac.signal });
    setTimeout(() => ac.abort(), 300);
    const r = await p;
    expect(r.cancelled).toBe(true);
    const child = Number(/child=(\d+)/.exec(r.output)?.[1]);
    expect(await gone(child)).toBe(true);
    expect((await s.run('echo again')).output).toBe('again\n');
  });

  it('survives the shell itself being killed by a command', async () => {
    const s = session();
    await s.run('cd /');
    const r = await s.run('kill -9 $$');
    expect(r.exitCode).toBeNull();
    expect(r.output).toContain('fresh shell');
    const next = await s.run('pwd');
    expect(next.output).toBe('/\n');
  });

  it('dispose kills the shell and leaves no process behind', async () => {
    const s = session();
    const r = await s.run('echo $$');
    const shellPid = Number(r.output.trim());
    expect(s.pid).toBe(shellPid);
    const running = s.run('sleep 60 & echo c=$!; wait');
    await new Promise((res) => setTimeout(res, 300));
    await s.dispose();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(await gone(shellPid)).toBe(true);
    const child = /c=(\d+)/.exec(result.output);
    if (child) expect(await gone(Number(child[1]))).toBe(true);
  });

  it('removes secret variables from the environment', async () => {
    const s = session({ env: { PATH: process.env.PATH, OPENAI_API_KEY: 'sk-test', GITHUB_TOKEN: 'ghp_x', MY_SERVICE_SECRET: 's', NORMAL: 'n' } });
    const r = await s.run('echo ${OPENAI_API_KEY-none} ${GITHUB_TOKEN-none} ${MY_SERVICE_SECRET-none} $NORMAL $PAGER');
    expect(r.output).toBe('none none none n cat\n');
    expect(s.scrubbed).toEqual(['GITHUB_TOKEN', 'MY_SERVICE_SECRET', 'OPENAI_API_KEY']);
  });

  it('runs commands one at a time in call order', async () => {
    const s = session();
    const [a, b] = await Promise.all([s.run('sleep 0.3; echo a > order.txt'), s.run('echo b >> order.txt; cat order.txt')]);
    expect(a.exitCode).toBe(0);
    expect(b.output).toBe('a\nb\n');
  });
});

describe('OneShotShell', () => {
  it('starts every command fresh in the workspace root', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'x'));
    const s = track(new OneShotShell({ cwd: root, env: { PATH: process.env.PATH } }));
    await s.run('cd x; export A=1');
    const r = await s.run('pwd; echo ${A-unset}');
    expect(r.output).toBe(`${root}\nunset\n`);
    expect((await s.run('exit 4')).exitCode).toBe(4);
  });
});

describe('shellForTask', () => {
  it('follows SMALLCODE_SHELL_PERSIST and SMALLCODE_BASH_TIMEOUT', async () => {
    const root = tempDir();
    const persistent = track(shellForTask({ shellPersist: true, bashTimeout: 1 }, root));
    const fresh = track(shellForTask({ shellPersist: false, bashTimeout: 1 }, root));
    expect(persistent).toBeInstanceOf(ShellSession);
    expect(fresh).toBeInstanceOf(OneShotShell);
    const r = await persistent.run('sleep 5');
    expect(r.timedOut).toBe(true);
    expect(r.output).toContain('timed out after 1s');
  });
});

describe('ShellSession start-up failures', () => {
  it('answers instead of hanging when the directory does not exist', async () => {
    const s = track(new ShellSession({ cwd: join(tempDir(), 'missing'), env: { PATH: process.env.PATH } }));
    const r = await s.run('echo hi');
    expect(r.exitCode).toBeNull();
    expect(r.output).toContain('could not start bash');
  });

  it('restarts in the workspace root when the last directory was deleted with the shell', async () => {
    const s = session();
    const root = s.cwd;
    mkdirSync(join(root, 'tmpdir'));
    await s.run('cd tmpdir');
    await s.run('rm -rf ../tmpdir; kill -9 $$');
    expect((await s.run('pwd')).output).toBe(`${root}\n`);
  });
});
