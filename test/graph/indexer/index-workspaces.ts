/**
 * Shared by the cold-index tests: a temp workspace with a fresh graph store (both closed by the
 * caller's tracker), and a mixed TypeScript / Python source set that exercises imports, docs,
 * heritage, calls and methods in every file.
 */
import { expect } from 'vitest';
import { openGraphStore } from '../../../server/graph/store/open-graph-store.js';
import type { GraphStore } from '../../../server/graph/store/graph-store.js';
import type { OpenedResources } from '../../support/opened-resources.js';
import { makeTempWorkspace, type TempWorkspace } from '../../support/temp-dir.js';

export function indexedWorkspace(open: OpenedResources, files: Record<string, string>, prefix: string): { ws: TempWorkspace; store: GraphStore } {
  const ws = open.workspace(makeTempWorkspace(files, prefix));
  const { store, kind } = openGraphStore(ws.root);
  open.add(() => store.close(), 'graph store');
  expect(kind).toBe('sqlite');
  return { ws, store };
}

/** `count` TypeScript and `count` Python files, each with an import, a documented class, a base and a call. */
export function mixedSources(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`src/m${i}.ts`] = `import { h${i} } from './h.js';\n/** Doc ${i}. */\nexport class C${i} extends Base {\n  run(): void { h${i}(); }\n}\n`;
    files[`py/p${i}.py`] = `class P${i}(Base):\n    """Doc ${i}."""\n    def run(self):\n        return helper(${i})\n`;
  }
  return files;
}
