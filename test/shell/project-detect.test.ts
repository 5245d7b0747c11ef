import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ValidationOutcome } from '../../protocol-ext/agent.js';
import { detectProject, projectSummary, type ProjectDetection } from '../../server/shell/project-detect.js';
import { makefileTestTarget } from '../../server/shell/project-rules.js';
import { ShellSession } from '../../server/shell/shell-session.js';
import { runValidation } from '../../server/shell/validation-run.js';
import { openedResources } from '../support/opened-resources.js';

function tree(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'sc-detect-')));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

/** A PATH holding exactly these (empty) executables, so detection does not depend on this machine. */
function fakePath(tools: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sc-bin-'));
  for (const t of tools) {
    writeFileSync(join(dir, t), '#!/bin/sh\n');
    chmodSync(join(dir, t), 0o755);
  }
  return dir;
}

async function check(files: Record<string, string>, tools: string[], expected: Partial<ProjectDetection>, config = {}) {
  const d = await detectProject(tree(files), { testRunner: null, testDisable: false, ...config }, fakePath(tools));
  expect(d).toMatchObject(expected);
  return d;
}

const pkg = (o: object): string => JSON.stringify(o);

describe('project detection', () => {
  it('node: scripts.test with the lockfile package manager, tsc and eslint', async () => {
    await check(
      {
        'package.json': pkg({ scripts: { test: 'vitest', lint: 'eslint src' }, devDependencies: { typescript: '5', vitest: '3', react: '18' } }),
        'pnpm-lock.yaml': '',
        'tsconfig.json': '{}',
      },
      ['node', 'pnpm'],
      { runtimes: ['node'], packageManager: 'pnpm', testCommand: 'pnpm test', testSource: 'package.json scripts.test', typecheckCommand: 'pnpm exec tsc --noEmit', lintCommand: 'pnpm run lint', frameworks: ['typescript', 'react'] },
    );
  });

  it('node: the npm placeholder test script is ignored in favour of the framework', async () => {
    const d = await check(
      { 'package.json': pkg({ scripts: { test: 'echo "Error: no test specified" && exit 1' }, devDependencies: { jest: '29' } }), 'package-lock.json': '{}' },
      ['node', 'npm'],
      { packageManager: 'npm', testCommand: 'npx jest', testSource: 'jest', typecheckCommand: null },
    );
    expect(d.notes).toContain('package.json scripts.test is the npm placeholder; ignored');
  });

  it('node: vitest config, yarn, mocha, and plain node --test', async () => {
    await check({ 'package.json': pkg({}), 'yarn.lock': '', 'vitest.config.ts': '' }, [], { packageManager: 'yarn', testCommand: 'yarn vitest run' });
    await check({ 'package.json': pkg({ devDependencies: { mocha: '10' } }) }, [], { testCommand: 'npx mocha' });
    await check({ 'package.json': pkg({}), 'test/math.test.js': '' }, [], { testCommand: 'node --test' });
    await check({ 'package.json': pkg({ scripts: { test: 'bun test' } }), 'bun.lockb': '' }, [], { packageManager: 'bun', testCommand: 'bun run test' });
  });

  it('python: pytest from pyproject configuration, uv when installed, ruff and mypy', async () => {
    await check(
      { 'pyproject.toml': '[project]\nname="x"\n[tool.pytest.ini_options]\naddopts="-q"\n[tool.ruff]\n[tool.mypy]\n', 'uv.lock': '', 'tests/test_a.py': 'def test_a(): pass\n' },
      ['uv', 'python3'],
      { runtimes: ['python'], packageManager: 'uv', testCommand: 'uv run pytest -q', testSource: 'pytest configuration', lintCommand: 'uv run ruff check .', typecheckCommand: 'uv run mypy .' },
    );
  });

  it('python: bare test files, conftest, unittest-only suites, and no python3', async () => {
    await check({ 'calc.py': '', 'test_calc.py': 'from calc import add\ndef test_add(): assert add(1, 2) == 3\n' }, ['python3'], { runtimes: ['python'], packageManager: 'pip', testCommand: 'python3 -m pytest -q', testSource: 'test_*.py files' });
    await check({ 'setup.py': '', 'tests/conftest.py': '', 'tests/test_x.py': '' }, ['python3'], { testCommand: 'python3 -m pytest -q', testSource: 'pytest configuration' });
    await check(
      { 'pkg/__init__.py': '', 'tests/test_pkg.py': 'import unittest\nclass T(unittest.TestCase):\n  pass\n', 'setup.py': '' },
      ['python'],
      { testCommand: 'python -m unittest discover -s tests -t . -q', testSource: 'unittest test files' },
    );
    await check({ 'requirements.txt': 'flask\npytest==8\n', 'app.py': '' }, ['python3'], { testCommand: 'python3 -m pytest -q', frameworks: ['flask'] });
    await check({ 'manage.py': '', 'requirements.txt': 'Django>=4' }, [], { frameworks: ['django'], testCommand: null });
  });

  it('python: a project virtualenv runs the tools directly', async () => {
    await check({ 'pyproject.toml': '[tool.pytest.ini_options]\n', 'uv.lock': '', '.venv/bin/python': '' }, ['uv', 'python3'], { packageManager: 'uv', testCommand: '.venv/bin/python -m pytest -q' });
  });

  it('go, rust, java, ruby, dotnet', async () => {
    await check({ 'go.mod': 'module x\nrequire github.com/gin-gonic/gin v1\n', 'main.go': '' }, ['go'], { runtimes: ['go'], testCommand: 'go test ./...', typecheckCommand: 'go build ./...', lintCommand: 'go vet ./...', frameworks: ['gin'] });
    await check({ 'Cargo.toml': '[package]\nname="x"\n[dependencies]\ntokio = "1"\n' }, ['cargo'], { runtimes: ['rust'], packageManager: 'cargo', testCommand: 'cargo test', typecheckCommand: 'cargo check', frameworks: ['tokio'] });
    await check({ 'pom.xml': '<project/>', mvnw: '' }, [], { runtimes: ['java'], testCommand: './mvnw -q test' });
    await check({ 'build.gradle.kts': '' }, [], { testCommand: 'gradle test' });
    await check({ Gemfile: '', 'spec/x_spec.rb': '' }, [], { runtimes: ['ruby'], testCommand: 'bundle exec rspec' });
    await check({ 'App.sln': '' }, [], { runtimes: ['dotnet'], testCommand: 'dotnet test' });
  });

  it('a Makefile test target wins over inferred commands when make is installed', async () => {
    await check({ 'go.mod': 'module x\n', Makefile: 'build:\n\tgo build\ntest: build\n\tgo test -race ./...\n' }, ['make'], { testCommand: 'make test', testSource: 'Makefile target' });
    const d = await check({ 'go.mod': 'module x\n', Makefile: 'test:\n\tgo test\n' }, [], { testCommand: 'go test ./...' });
    expect(d.notes).toContain('the Makefile has a test target but make is not installed');
    expect(makefileTestTarget('TEST_FLAGS := -v\ncheck:\n\ttrue\n')).toBe('make check');
    expect(makefileTestTarget('test := 1\n')).toBeNull();
  });

  it('SMALLCODE_TEST_RUNNER overrides and SMALLCODE_TEST_DISABLE turns tests off', async () => {
    await check({ 'go.mod': 'module x\n' }, [], { testCommand: './run-tests.sh', testSource: 'SMALLCODE_TEST_RUNNER' }, { testRunner: './run-tests.sh' });
    const d = await check({ 'go.mod': 'module x\n' }, [], { testCommand: null, testDisabled: true }, { testDisable: true });
    expect(projectSummary(d)).toBe('Project: go (go)\nTests: disabled by configuration.\nType-check: go build ./...\nLint: go vet ./...');
  });

  it('an empty folder is reported as such', async () => {
    const d = await check({}, [], { runtimes: [], testCommand: null, packageManager: null });
    expect(projectSummary(d)).toBe('Project: no known build or package files found.\nTests: none found.');
  });

  it('summarises a node project in a few lines', async () => {
    const d = await check({ 'package.json': pkg({ scripts: { test: 'node --test' } }) }, [], {});
    expect(projectSummary(d)).toBe('Project: node (npm)\nRun tests: npm test');
  });

  it('reports broken package.json instead of throwing', async () => {
    const d = await check({ 'package.json': '{ nope', 'test/a.test.js': '' }, [], { runtimes: ['node'], testCommand: 'node --test' });
    expect(d.notes.some((n) => n.startsWith('package.json is not valid JSON'))).toBe(true);
  });
});

describe('runValidation', () => {
  const opened = openedResources();

  it('runs the test command from the root and reports pass and fail in the protocol shape', async () => {
    const root = tree({ 'sub/.keep': '' });
    const shell = new ShellSession({ cwd: root });
    opened.add(() => shell.dispose(), 'shell');
    await shell.run('cd sub');
    const base: ProjectDetection = { runtimes: [], packageManager: null, frameworks: [], testCommand: 'test -f sub/.keep && echo all passed', testSource: 'x', testDisabled: false, typecheckCommand: 'echo bad types; exit 2', lintCommand: null, notes: [] };
    const ok = await runValidation(shell, base, { root });
    expect(ok).toEqual({ ran: true, passed: true, command: 'test -f sub/.keep && echo all passed', output: 'all passed\n' });
    expect(ValidationOutcome.parse(ok)).toEqual(ok);
    const bad = await runValidation(shell, base, { root, kind: 'typecheck' });
    expect(bad).toMatchObject({ ran: true, passed: false, output: 'bad types\n' });
    expect(await runValidation(shell, base, { kind: 'lint' })).toEqual({ ran: false, passed: null, output: 'no lint command was found for this project' });
    expect((await shell.run('pwd')).output).toBe(`${join(root, 'sub')}\n`);
  });

  it('runs nothing when tests are disabled', async () => {
    const shell = new ShellSession({ cwd: tmpdir() });
    opened.add(() => shell.dispose(), 'shell');
    const d: ProjectDetection = { runtimes: [], packageManager: null, frameworks: [], testCommand: null, testSource: null, testDisabled: true, typecheckCommand: null, lintCommand: null, notes: [] };
    expect(await runValidation(shell, d)).toMatchObject({ ran: false, passed: null });
    expect(shell.pid).toBeNull();
  });

  it('detects and runs a real node --test suite end to end', async () => {
    const root = tree({
      'package.json': pkg({ scripts: { test: 'node --test' } }),
      'test/add.test.js': "const test = require('node:test');\nconst assert = require('node:assert');\ntest('adds', () => assert.equal(1 + 1, 2));\n",
    });
    const shell = new ShellSession({ cwd: root });
    opened.add(() => shell.dispose(), 'shell');
    const d = await detectProject(root, { testRunner: null, testDisable: false });
    const r = await runValidation(shell, d, { root, timeoutSec: 60 });
    expect(r.command).toBe('npm test');
    expect(r.passed).toBe(true);
    expect(r.output).toContain('pass 1');
  });
});
