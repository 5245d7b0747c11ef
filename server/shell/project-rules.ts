/**
 * Decides what a project is from a snapshot of its files: runtimes, package manager, frameworks,
 * and the test / type-check / lint commands. Pure (plain data in, plain data out; the snapshot is
 * gathered by project-detect.ts); never calls a model and never runs anything.
 */

export type Runtime = 'node' | 'deno' | 'python' | 'go' | 'rust' | 'java' | 'ruby' | 'php' | 'dotnet';

export interface ProjectSnapshot {
  /** Names of the entries in the workspace root (files and folders). */
  entries: ReadonlySet<string>;
  /** Root folders among `entries`. */
  dirs: ReadonlySet<string>;
  /** Contents of the known manifest/config files that exist (package.json, pyproject.toml, Makefile, ...), by root-relative name. */
  files: Readonly<Record<string, string>>;
  /** Workspace-relative paths of test-looking files found by a shallow scan. */
  testFiles: readonly string[];
  /** Heads of Python test files, to tell unittest from pytest. */
  pythonTestHeads: readonly string[];
  /** Executables found on PATH (only the ones asked about). */
  tools: ReadonlySet<string>;
  /** Packages installed in node_modules that matter here (typescript, eslint, ...). */
  nodeModules: ReadonlySet<string>;
  /** Workspace-relative interpreter of a project virtualenv (.venv/bin/python), if any. */
  venvPython?: string | null;
}

export interface ProjectOverrides {
  testRunner?: string | null;
  testDisable?: boolean;
}

export interface ProjectDetection {
  /** Every runtime found, the primary (first with a test command, else first found) first. */
  runtimes: Runtime[];
  packageManager: string | null;
  frameworks: string[];
  testCommand: string | null;
  /** Why this test command: "package.json scripts.test", "SMALLCODE_TEST_RUNNER", "pytest config", ... */
  testSource: string | null;
  /** SMALLCODE_TEST_DISABLE: no test command is injected or run. */
  testDisabled: boolean;
  typecheckCommand: string | null;
  lintCommand: string | null;
  notes: string[];
}

interface Finding {
  runtime: Runtime;
  packageManager: string | null;
  frameworks: string[];
  test: { command: string; source: string } | null;
  typecheck: string | null;
  lint: string | null;
  notes: string[];
}

function has(s: ProjectSnapshot, ...names: string[]): boolean {
  return names.some((n) => s.entries.has(n));
}

function hasPrefix(s: ProjectSnapshot, prefix: string): boolean {
  for (const e of s.entries) if (e.startsWith(prefix)) return true;
  return false;
}

interface PackageJson {
  scripts: Record<string, string>;
  deps: Set<string>;
  packageManager: string | null;
}

function readPackageJson(text: string | undefined, notes: string[]): PackageJson | null {
  if (text === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    notes.push(`package.json is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    return { scripts: {}, deps: new Set(), packageManager: null };
  }
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const scripts: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(obj.scripts))) if (typeof v === 'string') scripts[k] = v;
  const deps = new Set([...Object.keys(rec(obj.dependencies)), ...Object.keys(rec(obj.devDependencies)), ...Object.keys(rec(obj.peerDependencies))]);
  return { scripts, deps, packageManager: typeof obj.packageManager === 'string' ? obj.packageManager : null };
}

const NPM_PLACEHOLDER = /no test specified/i;

const NODE_FRAMEWORKS: ReadonlyArray<[string, string]> = [
  ['next', 'next'], ['react', 'react'], ['vue', 'vue'], ['svelte', 'svelte'], ['@angular/core', 'angular'], ['nuxt', 'nuxt'],
  ['astro', 'astro'], ['@remix-run/node', 'remix'], ['express', 'express'], ['fastify', 'fastify'], ['@nestjs/core', 'nestjs'],
  ['koa', 'koa'], ['hono', 'hono'], ['electron', 'electron'], ['vite', 'vite'],
];

function nodeRules(s: ProjectSnapshot): Finding | null {
  if (!has(s, 'package.json')) return null;
  const notes: string[] = [];
  const pkg = readPackageJson(s.files['package.json'], notes) as PackageJson;
  const declared = pkg.packageManager?.split('@')[0] ?? null;
  const pm =
    has(s, 'bun.lockb', 'bun.lock') ? 'bun'
    : has(s, 'pnpm-lock.yaml') ? 'pnpm'
    : has(s, 'yarn.lock') ? 'yarn'
    : has(s, 'package-lock.json', 'npm-shrinkwrap.json') ? 'npm'
    : declared && ['npm', 'pnpm', 'yarn', 'bun'].includes(declared) ? declared
    : 'npm';
  const run = (script: string): string =>
    pm === 'npm' ? (script === 'test' ? 'npm test' : `npm run ${script}`)
    : pm === 'yarn' ? (script === 'test' ? 'yarn test' : `yarn ${script}`)
    : pm === 'pnpm' ? (script === 'test' ? 'pnpm test' : `pnpm run ${script}`)
    : `bun run ${script}`;
  const exec = pm === 'pnpm' ? 'pnpm exec' : pm === 'yarn' ? 'yarn' : pm === 'bun' ? 'bunx' : 'npx';
  const dep = (name: string): boolean => pkg.deps.has(name) || s.nodeModules.has(name);

  let test: Finding['test'] = null;
  const script = pkg.scripts.test;
  if (script && !NPM_PLACEHOLDER.test(script)) test = { command: run('test'), source: 'package.json scripts.test' };
  else if (dep('vitest') || hasPrefix(s, 'vitest.config.') || hasPrefix(s, 'vitest.workspace')) test = { command: `${exec} vitest run`, source: 'vitest' };
  else if (dep('jest') || hasPrefix(s, 'jest.config.')) test = { command: `${exec} jest`, source: 'jest' };
  else if (dep('mocha') || hasPrefix(s, '.mocharc')) test = { command: `${exec} mocha`, source: 'mocha' };
  else if (dep('ava')) test = { command: `${exec} ava`, source: 'ava' };
  else if (s.testFiles.some((f) => /\.(test|spec)\.(c|m)?js$/.test(f) || /^tests?\/.*\.(c|m)?js$/.test(f))) test = { command: 'node --test', source: 'test files with no framework (node --test)' };
  if (script && NPM_PLACEHOLDER.test(script)) notes.push('package.json scripts.test is the npm placeholder; ignored');

  const typecheckScript = ['typecheck', 'type-check', 'tsc', 'check-types', 'types'].find((k) => pkg.scripts[k]);
  const typecheck = typecheckScript ? run(typecheckScript) : has(s, 'tsconfig.json') && dep('typescript') ? `${exec} tsc --noEmit` : null;
  const eslintConfig = hasPrefix(s, 'eslint.config.') || hasPrefix(s, '.eslintrc');
  const lint = pkg.scripts.lint ? run('lint')
    : eslintConfig && dep('eslint') ? `${exec} eslint .`
    : has(s, 'biome.json', 'biome.jsonc') && dep('@biomejs/biome') ? `${exec} biome check .`
    : null;
  const frameworks = NODE_FRAMEWORKS.filter(([d]) => pkg.deps.has(d)).map(([, name]) => name);
  if (dep('typescript') || has(s, 'tsconfig.json')) frameworks.unshift('typescript');
  return { runtime: 'node', packageManager: pm, frameworks, test, typecheck, lint, notes };
}

function denoRules(s: ProjectSnapshot): Finding | null {
  if (!has(s, 'deno.json', 'deno.jsonc')) return null;
  return { runtime: 'deno', packageManager: 'deno', frameworks: [], test: { command: 'deno test', source: 'deno.json' }, typecheck: 'deno check .', lint: 'deno lint', notes: [] };
}

function pythonRules(s: ProjectSnapshot): Finding | null {
  const pyproject = s.files['pyproject.toml'] ?? '';
  const setupCfg = s.files['setup.cfg'] ?? '';
  const tox = s.files['tox.ini'] ?? '';
  const reqs = Object.entries(s.files).filter(([k]) => /^requirements.*\.txt$/.test(k)).map(([, v]) => v).join('\n');
  const anyPy = [...s.entries].some((e) => e.endsWith('.py'));
  if (!has(s, 'pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'tox.ini') && !reqs && !anyPy && !s.testFiles.some((f) => f.endsWith('.py'))) return null;
  const pm = has(s, 'uv.lock') ? 'uv' : has(s, 'poetry.lock') || /\[tool\.poetry\]/.test(pyproject) ? 'poetry' : has(s, 'pdm.lock') ? 'pdm' : has(s, 'Pipfile') ? 'pipenv' : 'pip';
  // A project virtualenv is used directly; otherwise the lockfile's tool runs things when installed.
  const prefix = !s.venvPython && pm !== 'pip' && s.tools.has(pm) ? `${pm} run ` : '';
  const py = s.venvPython ?? (s.tools.has('python3') || !s.tools.has('python') ? 'python3' : 'python');
  const tool = (name: string): string => (prefix ? `${prefix}${name}` : `${py} -m ${name}`);
  const deps = `${pyproject}\n${reqs}\n${s.files['Pipfile'] ?? ''}\n${setupCfg}`.toLowerCase();

  const pytestConfigured =
    has(s, 'pytest.ini', 'conftest.py') || /\[tool\.pytest/.test(pyproject) || /\[tool:pytest\]/.test(setupCfg) || /\[pytest\]/.test(tox) || s.testFiles.some((f) => f.endsWith('conftest.py'));
  const pyTests = s.testFiles.filter((f) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(f));
  const unittestOnly = s.pythonTestHeads.length > 0 && s.pythonTestHeads.every((h) => /\bimport unittest\b|\bfrom unittest\b/.test(h) && !/\bpytest\b/.test(h));
  let test: Finding['test'] = null;
  if (pytestConfigured) test = { command: `${tool('pytest')} -q`, source: 'pytest configuration' };
  else if (/\bpytest\b/.test(deps)) test = { command: `${tool('pytest')} -q`, source: 'pytest in the dependencies' };
  else if (pyTests.length && unittestOnly) {
    const start = s.dirs.has('tests') ? ' -s tests -t .' : s.dirs.has('test') ? ' -s test -t .' : '';
    test = { command: `${prefix}${py} -m unittest discover${start} -q`.replace(/^(\w+ run )python3/, '$1python'), source: 'unittest test files' };
  } else if (pyTests.length) test = { command: `${tool('pytest')} -q`, source: 'test_*.py files' };

  const typecheck = /\[tool\.mypy\]/.test(pyproject) || has(s, 'mypy.ini', '.mypy.ini') || /\[mypy\]/.test(setupCfg) ? `${tool('mypy')} .`
    : has(s, 'pyrightconfig.json') || /\[tool\.pyright\]/.test(pyproject) ? `${prefix}pyright`
    : null;
  const lint = /\[tool\.ruff/.test(pyproject) || has(s, 'ruff.toml', '.ruff.toml') ? `${prefix}ruff check .` : has(s, '.flake8') || /\[flake8\]/.test(setupCfg + tox) ? `${tool('flake8')}` : null;
  const frameworks: string[] = [];
  if (has(s, 'manage.py') || /\bdjango\b/.test(deps)) frameworks.push('django');
  if (/\bflask\b/.test(deps)) frameworks.push('flask');
  if (/\bfastapi\b/.test(deps)) frameworks.push('fastapi');
  return { runtime: 'python', packageManager: pm, frameworks, test, typecheck, lint, notes: [] };
}

function goRules(s: ProjectSnapshot): Finding | null {
  if (!has(s, 'go.mod')) return null;
  const mod = s.files['go.mod'] ?? '';
  const frameworks = [['gin-gonic/gin', 'gin'], ['labstack/echo', 'echo'], ['gofiber/fiber', 'fiber'], ['go-chi/chi', 'chi']].filter(([m]) => mod.includes(m as string)).map(([, n]) => n as string);
  return { runtime: 'go', packageManager: 'go', frameworks, test: { command: 'go test ./...', source: 'go.mod' }, typecheck: 'go build ./...', lint: 'go vet ./...', notes: [] };
}

function rustRules(s: ProjectSnapshot): Finding | null {
  if (!has(s, 'Cargo.toml')) return null;
  const cargo = s.files['Cargo.toml'] ?? '';
  const frameworks = ['actix-web', 'axum', 'rocket', 'tokio', 'bevy'].filter((c) => new RegExp(`^\\s*${c}\\s*=`, 'm').test(cargo));
  return { runtime: 'rust', packageManager: 'cargo', frameworks, test: { command: 'cargo test', source: 'Cargo.toml' }, typecheck: 'cargo check', lint: null, notes: [] };
}

function jvmRules(s: ProjectSnapshot): Finding | null {
  if (has(s, 'pom.xml')) {
    const mvn = has(s, 'mvnw') ? './mvnw' : 'mvn';
    return { runtime: 'java', packageManager: 'maven', frameworks: [], test: { command: `${mvn} -q test`, source: 'pom.xml' }, typecheck: `${mvn} -q compile`, lint: null, notes: [] };
  }
  if (has(s, 'build.gradle', 'build.gradle.kts')) {
    const gradle = has(s, 'gradlew') ? './gradlew' : 'gradle';
    return { runtime: 'java', packageManager: 'gradle', frameworks: [], test: { command: `${gradle} test`, source: 'build.gradle' }, typecheck: null, lint: null, notes: [] };
  }
  return null;
}

function otherRules(s: ProjectSnapshot): Finding[] {
  const out: Finding[] = [];
  if (has(s, 'Gemfile')) {
    const test = s.dirs.has('spec') ? { command: 'bundle exec rspec', source: 'spec/ folder' } : has(s, 'Rakefile') ? { command: 'bundle exec rake test', source: 'Rakefile' } : null;
    out.push({ runtime: 'ruby', packageManager: 'bundler', frameworks: has(s, 'config.ru') ? ['rack'] : [], test, typecheck: null, lint: null, notes: [] });
  }
  if (has(s, 'composer.json')) {
    const test = has(s, 'phpunit.xml', 'phpunit.xml.dist') ? { command: 'vendor/bin/phpunit', source: 'phpunit.xml' } : null;
    out.push({ runtime: 'php', packageManager: 'composer', frameworks: [], test, typecheck: null, lint: null, notes: [] });
  }
  if ([...s.entries].some((e) => /\.(sln|csproj|fsproj)$/.test(e))) {
    out.push({ runtime: 'dotnet', packageManager: 'dotnet', frameworks: [], test: { command: 'dotnet test', source: '.NET project file' }, typecheck: 'dotnet build', lint: null, notes: [] });
  }
  return out;
}

/** The `test` target of a Makefile, if it has one (`test:` or `check:` at the start of a line). */
export function makefileTestTarget(makefile: string | undefined): string | null {
  if (!makefile) return null;
  if (/^test\s*:(?!=)/m.test(makefile)) return 'make test';
  if (/^check\s*:(?!=)/m.test(makefile)) return 'make check';
  return null;
}

export function decideProject(s: ProjectSnapshot, o: ProjectOverrides = {}): ProjectDetection {
  const parts = [nodeRules(s), denoRules(s), pythonRules(s), goRules(s), rustRules(s), jvmRules(s), ...otherRules(s)].filter((p): p is Finding => p !== null);
  const primary = parts.find((p) => p.test) ?? parts[0] ?? null;
  const ordered = primary ? [primary, ...parts.filter((p) => p !== primary)] : parts;
  const notes = parts.flatMap((p) => p.notes);

  let test: { command: string; source: string } | null = null;
  const make = makefileTestTarget(s.files['Makefile'] ?? s.files['makefile'] ?? s.files['GNUmakefile']);
  if (o.testRunner && o.testRunner.trim()) test = { command: o.testRunner.trim(), source: 'SMALLCODE_TEST_RUNNER' };
  else if (primary?.runtime === 'node' && primary.test?.source === 'package.json scripts.test') test = primary.test;
  else if (make && s.tools.has('make')) test = { command: make, source: 'Makefile target' };
  else test = primary?.test ?? null;
  if (make && !s.tools.has('make')) notes.push(`the Makefile has a test target but make is not installed`);

  const disabled = o.testDisable === true;
  if (disabled) notes.push('tests are disabled (SMALLCODE_TEST_DISABLE)');
  return {
    runtimes: ordered.map((p) => p.runtime),
    packageManager: primary?.packageManager ?? null,
    frameworks: [...new Set(ordered.flatMap((p) => p.frameworks))],
    testCommand: disabled ? null : (test?.command ?? null),
    testSource: disabled ? null : (test?.source ?? null),
    testDisabled: disabled,
    typecheckCommand: primary?.typecheck ?? null,
    lintCommand: primary?.lint ?? null,
    notes,
  };
}

/** A few lines for the model's first turn: what the project is and how to check work. */
export function projectSummary(d: ProjectDetection): string {
  const lines: string[] = [];
  if (d.runtimes.length === 0) lines.push('Project: no known build or package files found.');
  else lines.push(`Project: ${d.runtimes.join(' + ')}${d.packageManager ? ` (${d.packageManager})` : ''}${d.frameworks.length ? `; ${d.frameworks.join(', ')}` : ''}`);
  if (d.testDisabled) lines.push('Tests: disabled by configuration.');
  else lines.push(d.testCommand ? `Run tests: ${d.testCommand}` : 'Tests: none found.');
  if (d.typecheckCommand) lines.push(`Type-check: ${d.typecheckCommand}`);
  if (d.lintCommand) lines.push(`Lint: ${d.lintCommand}`);
  return lines.join('\n');
}
