/**
 * Gathers the snapshot project-rules.ts decides from: root entries, known manifest files, a shallow
 * scan for test files, executables on PATH and a few node_modules packages. Reads files only; never
 * runs a command and never calls a model.
 */
import { accessSync, constants as fsConstants, existsSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Config } from '../config/variables.js';
import { errorMessage } from '../core/errors.js';
import { decideProject, type ProjectDetection, type ProjectSnapshot } from './project-rules.js';

export type { ProjectDetection, Runtime } from './project-rules.js';
export { projectSummary } from './project-rules.js';

const KNOWN_FILES = [
  'package.json', 'pyproject.toml', 'setup.cfg', 'tox.ini', 'Pipfile', 'Makefile', 'makefile', 'GNUmakefile', 'go.mod', 'Cargo.toml',
];
const TOOLS = ['python3', 'python', 'uv', 'poetry', 'pdm', 'pipenv', 'make', 'node', 'npm', 'pnpm', 'yarn', 'bun', 'go', 'cargo'];
const NODE_PACKAGES = ['typescript', 'vitest', 'jest', 'mocha', 'eslint', '@biomejs/biome'];
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'target', 'vendor', '__pycache__', 'venv', '.venv', 'env', '.tox', '.smallcode', 'coverage']);
const TEST_FILE = /(^|\/)(tests?|spec|__tests__)\/|(\.|_)(test|spec)\.[a-z]+$|(^|\/)test_[^/]*\.py$|(^|\/)conftest\.py$|_test\.go$/;
const MAX_READ = 256 * 1024;

async function readHead(abs: string, bytes: number): Promise<string | null> {
  let fh;
  try {
    fh = await open(abs, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') process.stderr.write(`[project-detect] ${abs}: ${errorMessage(err)}\n`);
    return null;
  }
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

function onPath(name: string, pathEnv: string): boolean {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), fsConstants.X_OK);
      return true;
    } catch (err) {
      void err; // not in this PATH entry
    }
  }
  return false;
}

async function scanTests(root: string, rel: string, depth: number, out: string[]): Promise<void> {
  if (depth > 3 || out.length >= 200) return;
  let entries;
  try {
    entries = await readdir(rel ? join(root, rel) : root, { withFileTypes: true });
  } catch (err) {
    process.stderr.write(`[project-detect] cannot list ${rel || '.'}: ${errorMessage(err)}\n`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const childRel = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
      await scanTests(root, childRel, depth + 1, out);
    } else if (e.isFile() && TEST_FILE.test(childRel)) {
      out.push(childRel);
    }
  }
}

/** Reads what detection needs from `root` (pure decisions happen in project-rules.ts). */
export async function gatherSnapshot(root: string, pathEnv: string = process.env.PATH ?? ''): Promise<ProjectSnapshot> {
  const dirents = await readdir(root, { withFileTypes: true });
  const entries = new Set(dirents.map((d) => d.name));
  const dirs = new Set(dirents.filter((d) => d.isDirectory()).map((d) => d.name));
  const files: Record<string, string> = {};
  const wanted = [...KNOWN_FILES, ...[...entries].filter((n) => /^requirements.*\.txt$/.test(n))];
  for (const name of wanted) {
    if (!entries.has(name)) continue;
    const text = await readHead(join(root, name), MAX_READ);
    if (text !== null) files[name] = text;
  }
  const testFiles: string[] = [];
  await scanTests(root, '', 0, testFiles);
  const pythonTestHeads: string[] = [];
  for (const f of testFiles.filter((t) => t.endsWith('.py') && !t.endsWith('conftest.py')).slice(0, 20)) {
    const head = await readHead(join(root, f), 4096);
    if (head !== null) pythonTestHeads.push(head);
  }
  const tools = new Set(TOOLS.filter((t) => onPath(t, pathEnv)));
  const nodeModules = new Set(NODE_PACKAGES.filter((p) => existsSync(join(root, 'node_modules', p, 'package.json'))));
  const venvPython = ['.venv', 'venv', 'env'].map((d) => `${d}/bin/python`).find((p) => existsSync(join(root, p))) ?? null;
  return { entries, dirs, files, testFiles, pythonTestHeads, tools, nodeModules, venvPython };
}

/** Detects runtime, package manager, frameworks and commands; SMALLCODE_TEST_RUNNER and SMALLCODE_TEST_DISABLE apply. */
export async function detectProject(root: string, config?: Pick<Config, 'testRunner' | 'testDisable'>, pathEnv?: string): Promise<ProjectDetection> {
  const snapshot = await gatherSnapshot(root, pathEnv);
  return decideProject(snapshot, { testRunner: config?.testRunner ?? null, testDisable: config?.testDisable ?? false });
}
