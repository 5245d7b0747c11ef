import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load.js';
import { VARIABLES } from '../../server/config/variables.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const open = openedResources();

describe('configuration precedence', () => {
  it('uses the built-in defaults when nothing is set', () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = loadConfig({ cwd: ws.root, env: {} });
    expect(r.config.thinkingBudget).toBe(2000);
    expect(r.config.maxToolResultChars).toBe(4000);
    expect(r.config.shellPersist).toBe(true);
    expect(r.config.writeGuard).toBe(true);
    expect(r.config.baseUrl).toBeNull();
    expect(r.sources.thinkingBudget).toBe('default');
    expect(r.problems).toEqual([]);
  });

  it('layers smallcode.toml < .env < environment < initializationOptions < client settings', () => {
    const ws = open.workspace(makeTempWorkspace({
      'smallcode.toml': 'SMALLCODE_MODEL = "from-toml"\nSMALLCODE_BASH_TIMEOUT = 11\nSMALLCODE_THINKING_BUDGET = 100\nSMALLCODE_PLAN = true\nSMALLCODE_CONTEXT_WINDOW = 4096\n',
      '.env': 'SMALLCODE_MODEL=from-dotenv\nSMALLCODE_BASH_TIMEOUT=22\nSMALLCODE_THINKING_BUDGET=200\nUNRELATED=1\n',
    }));
    const r = loadConfig({
      cwd: ws.root,
      env: { SMALLCODE_MODEL: 'from-env', SMALLCODE_BASH_TIMEOUT: '33' },
      initializationOptions: { smallcode: { model: 'from-init' } },
      clientSettings: { SMALLCODE_THINKING_BUDGET: 500 },
    });
    expect(r.config.model).toBe('from-init');
    expect(r.sources.model).toBe('initializationOptions');
    expect(r.config.bashTimeout).toBe(33);
    expect(r.sources.bashTimeout).toBe('environment');
    expect(r.config.thinkingBudget).toBe(500);
    expect(r.sources.thinkingBudget).toBe('workspace/configuration');
    expect(r.config.plan).toBe(true);
    expect(r.sources.plan).toBe('smallcode.toml');
    expect(r.config.contextWindow).toBe(4096);
    expect(r.problems).toEqual([]);
  });

  it('accepts the [smallcode] table and lower-case keys in smallcode.toml', () => {
    const ws = open.workspace(makeTempWorkspace({ 'smallcode.toml': '[smallcode]\nmodel = "qwen3:8b"\nwebBrowse = true\n' }));
    const r = loadConfig({ cwd: ws.root, env: {} });
    expect(r.config.model).toBe('qwen3:8b');
    expect(r.config.webBrowse).toBe(true);
  });

  it('declares every variable the product documents', () => {
    const names = VARIABLES.map((v) => v.env);
    for (const n of [
      'SMALLCODE_MODEL', 'SMALLCODE_BASE_URL', 'SMALLCODE_MODEL_MEDIUM', 'SMALLCODE_MODEL_STRONG', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY',
      'DEEPSEEK_API_KEY', 'SMALLCODE_THINKING_BUDGET', 'SMALLCODE_THINKING_DISABLE', 'SMALLCODE_SHELL_PERSIST', 'SMALLCODE_BASH_TIMEOUT',
      'SMALLCODE_WRITE_GUARD', 'SMALLCODE_SNAPSHOT', 'SMALLCODE_AUTO_ROLLBACK', 'SMALLCODE_PLAN', 'SMALLCODE_TEST_RUNNER',
      'SMALLCODE_TEST_DISABLE', 'SMALLCODE_WEB_BROWSE', 'SMALLCODE_TEMP_ADAPT', 'SMALLCODE_TRUST_DECAY', 'SMALLCODE_CONTEXT_WINDOW',
      'SMALLCODE_MAX_TOOL_RESULT_CHARS', 'SMALLCODE_MODEL_TIMEOUT', 'SMALLCODE_AUTO_APPROVE',
    ]) expect(names).toContain(n);
  });
});

describe('bad configuration values', () => {
  it('reports a non-numeric budget with its name, source and what is expected, and keeps the default', () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = loadConfig({ cwd: ws.root, env: { SMALLCODE_THINKING_BUDGET: 'lots' } });
    expect(r.config.thinkingBudget).toBe(2000);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ name: 'SMALLCODE_THINKING_BUDGET', source: 'environment', value: 'lots' });
    expect(r.problems[0]!.message).toMatch(/expected a whole number/);
  });

  it('reports a malformed base URL and keeps auto-detection', () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = loadConfig({ cwd: ws.root, env: { SMALLCODE_BASE_URL: 'localhost:11434 /v1' } });
    expect(r.config.baseUrl).toBeNull();
    expect(r.problems[0]!.name).toBe('SMALLCODE_BASE_URL');
    expect(r.problems[0]!.message).toMatch(/http\(s\) URL/);
  });

  it('rejects a non-http URL scheme', () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = loadConfig({ cwd: ws.root, env: { SMALLCODE_BASE_URL: 'ftp://example.com/v1' } });
    expect(r.config.baseUrl).toBeNull();
    expect(r.problems).toHaveLength(1);
  });

  it('normalises a trailing slash on the base URL', () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = loadConfig({ cwd: ws.root, env: { SMALLCODE_BASE_URL: 'http://127.0.0.1:8080/v1/' } });
    expect(r.config.baseUrl).toBe('http://127.0.0.1:8080/v1');
  });

  it('reports an unknown key in smallcode.toml', () => {
    const ws = open.workspace(makeTempWorkspace({ 'smallcode.toml': 'SMALLCODE_MODLE = "typo"\n' }));
    const r = loadConfig({ cwd: ws.root, env: {} });
    expect(r.problems[0]).toMatchObject({ name: 'SMALLCODE_MODLE', source: 'smallcode.toml' });
    expect(r.problems[0]!.message).toMatch(/unknown setting/);
  });

  it('reports a smallcode.toml that is not TOML and still resolves the rest', () => {
    const ws = open.workspace(makeTempWorkspace({ 'smallcode.toml': 'model = = "x"\n' }));
    const r = loadConfig({ cwd: ws.root, env: { SMALLCODE_MODEL: 'm' } });
    expect(r.config.model).toBe('m');
    expect(r.problems[0]!.message).toMatch(/not valid TOML/);
  });

  it('reports a bad boolean and a bad value from client settings', () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = loadConfig({ cwd: ws.root, env: { SMALLCODE_WRITE_GUARD: 'maybe' }, clientSettings: { smallcode: { maxToolResultChars: -5 } } });
    expect(r.config.writeGuard).toBe(true);
    expect(r.config.maxToolResultChars).toBe(4000);
    expect(r.problems.map((p) => `${p.name}@${p.source}`)).toEqual(['SMALLCODE_WRITE_GUARD@environment', 'SMALLCODE_MAX_TOOL_RESULT_CHARS@workspace/configuration']);
  });

  it('reports an unknown SMALLCODE_ variable in the environment as a likely typo', () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = loadConfig({ cwd: ws.root, env: { SMALLCODE_MODLE: 'x' } });
    expect(r.problems[0]!.name).toBe('SMALLCODE_MODLE');
  });

  it('never echoes a secret value in a problem', () => {
    const ws = open.workspace(makeTempWorkspace());
    const r = loadConfig({ cwd: ws.root, env: {}, initializationOptions: { OPENAI_API_KEY: 12345 } });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).not.toContain('12345');
    expect(r.problems[0]!.value).toBe('<redacted>');
  });
});
