/** Builds real ToolContexts over temp folders for the tool tests (no mocks: real files, real shells). */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultConfig, type Config } from '../../server/config/variables.js';
import type { ToolContext } from '../../server/tools/define-tool.js';

export function tempWorkspace(files: Record<string, string | Uint8Array> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'sc-tools-')));
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function toolContext(root: string, overrides: Partial<ToolContext> = {}, config: Partial<Config> = {}): ToolContext {
  return {
    root,
    signal: new AbortController().signal,
    config: { ...defaultConfig(), ...config },
    taskId: 'test-task',
    ...overrides,
  };
}
