/**
 * Crash safety of the atomic writer: a real child process rewrites a large file in a loop and is
 * SIGKILLed at random moments; the file must always hold exactly one of the two full contents.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMP_MARKER } from '../../server/workspace/atomic-write.js';
import { tempDir } from './fixtures/temp-workspace.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const child = path.join(here, 'fixtures', 'atomic-writer-child.mjs');
const built = path.join(here, '..', '..', 'dist', 'server', 'workspace', 'atomic-write.js');
const SIZE = 4 * 1024 * 1024;

function runAndKill(target: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, target, String(SIZE)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) setTimeout(() => p.kill('SIGKILL'), delayMs);
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`child exited on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('atomic write under SIGKILL', () => {
  it('leaves exactly the old or the new content, never a mix or a truncation', async () => {
    expect(existsSync(built), `${built} is missing: run the suite normally (globalSetup builds dist/)`).toBe(true);
    const dir = tempDir();
    const target = path.join(dir, 'big.txt');
    const A = Buffer.alloc(SIZE, 'A line of content A\n');
    const B = Buffer.alloc(SIZE + 4096, 'b-b-b-b content B\n');
    for (let round = 0; round < 8; round++) {
      await runAndKill(target, 5 + Math.floor(Math.random() * 120));
      const now = readFileSync(target);
      const which = now.equals(A) ? 'A' : now.equals(B) ? 'B' : null;
      expect(which, `round ${round}: file is neither content (length ${now.length})`).not.toBeNull();
    }
    // Leftover temp files from killed writes are recognisable and never the target itself.
    for (const name of readdirSync(dir)) expect(name === 'big.txt' || name.includes(TEMP_MARKER)).toBe(true);
  }, 120_000);
});
