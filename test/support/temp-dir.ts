/** Temporary workspaces for tests: real folders under the OS temp dir, removed after the test. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempWorkspace {
  root: string;
  write(path: string, content: string | Buffer): string;
  cleanup(): void;
}

export function makeTempWorkspace(files: Record<string, string> = {}, prefix = 'smallcode-test-'): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const ws: TempWorkspace = {
    root,
    write(path, content) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      return full;
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  for (const [p, c] of Object.entries(files)) ws.write(p, c);
  return ws;
}
