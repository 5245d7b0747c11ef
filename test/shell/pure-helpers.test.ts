import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSecretEnvName, scrubEnv } from '../../server/shell/env-scrub.js';
import { looksInteractive } from '../../server/shell/interactive-detect.js';
import { capHeadTail, HeadTailBuffer } from '../../server/shell/output-cap.js';

describe('looksInteractive', () => {
  it.each([
    'Do you want to continue? [Y/n] ',
    'Proceed (y/N)? ',
    "root@host's password: ",
    'Password:',
    'Enter passphrase for key /root/.ssh/id_rsa: ',
    'Are you sure you want to continue connecting (yes/no/[fingerprint])? ',
    'Press any key to continue . . .',
    'Overwrite existing file?',
    '? Project name › my-app',
    'Username for https://github.com: ',
  ])('recognises %j', (tail) => {
    expect(looksInteractive(`some output\n${tail}`)).toBe(true);
  });

  it.each(['Compiling 12 files...', 'PASS src/a.test.ts', 'Downloading 45%', '', 'password reset tests passed\nall good\n'])('ignores %j', (tail) => {
    expect(looksInteractive(tail)).toBe(false);
  });
});

describe('capHeadTail', () => {
  it('leaves short text alone', () => {
    expect(capHeadTail('abc', 10)).toEqual({ text: 'abc', truncated: false, cutChars: 0, cutLines: 0 });
  });

  it('never exceeds the limit by more than the marker and keeps both ends', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 5000 }), fc.integer({ min: 300, max: 3000 }), (s, limit) => {
        const r = capHeadTail(s, limit, 'hint');
        if (s.length <= limit) return r.text === s;
        return r.text.length <= limit && r.truncated && r.cutChars > 0 && r.text.includes('cut from the middle; hint');
      }),
    );
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const r = capHeadTail(lines, 500);
    expect(r.text.startsWith('line 0\n')).toBe(true);
    expect(r.text.endsWith('line 999')).toBe(true);
    expect(r.text).toContain(`[... ${r.cutChars} chars (${r.cutLines} lines) cut`);
  });
});

describe('HeadTailBuffer', () => {
  it('keeps head and tail of a long stream and counts what it dropped', () => {
    const b = new HeadTailBuffer(100);
    let all = '';
    for (let i = 0; i < 500; i++) {
      const chunk = `chunk ${i}\n`;
      all += chunk;
      b.push(chunk);
    }
    expect(b.totalChars).toBe(all.length);
    const text = b.text('h');
    expect(text.startsWith(all.slice(0, 100))).toBe(true);
    expect(text.endsWith(all.slice(-100))).toBe(true);
    expect(text.length).toBeLessThan(400);
    expect(b.last(9)).toBe('chunk 499\n'.slice(-9));
  });
});

describe('env scrubbing', () => {
  it('classifies secret names by whole words', () => {
    for (const n of ['ANTHROPIC_API_KEY', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'NPM_AUTH', 'DB_PASSWORD', 'MY_APIKEY', 'SLACK_TOKENS', 'GOOGLE_CREDENTIALS', 'npm_config__auth'])
      expect(isSecretEnvName(n), n).toBe(true);
    for (const n of ['PATH', 'HOME', 'KEYBOARD_LAYOUT', 'TOKENIZERS_PARALLELISM', 'SSH_AUTH_SOCK', 'MONKEY', 'PASSAGE', 'AUTHOR_NAME'])
      expect(isSecretEnvName(n), n).toBe(false);
  });

  it('removes secrets and adds the non-interactive settings', () => {
    const { env, removed } = scrubEnv({ PATH: '/bin', OPENAI_API_KEY: 'x', PAGER: 'less', UNSET: undefined, CUSTOM: 'c' }, ['CUSTOM']);
    expect(removed).toEqual(['CUSTOM', 'OPENAI_API_KEY']);
    expect(env.PATH).toBe('/bin');
    expect(env.PAGER).toBe('cat');
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect('UNSET' in env).toBe(false);
  });
});
