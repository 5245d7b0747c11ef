import { describe, expect, it } from 'vitest';
import { syntaxCheckCommands } from '../../server/agent/turn-checks.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('syntaxCheckCommands', () => {
  it('parses JavaScript with node --check and Python with its own parser, and skips other files', () => {
    expect(syntaxCheckCommands(['src/a.js', 'lib/b.mjs', 'lib/c.cjs', "it's.py", 'README.md', 'src/c.ts']).map((c) => c.command)).toEqual([
      "if grep -qE '^[[:space:]]*(import|export)[[:space:]{*]' 'src/a.js'; then node --input-type=module --check < 'src/a.js'; else node --check 'src/a.js'; fi",
      "node --input-type=module --check < 'lib/b.mjs'",
      "node --check 'lib/c.cjs'",
      "python3 -c 'import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])' 'it'\\''s.py'",
    ]);
  });
});

describe('end to end: a project without tests', () => {
  it('does not accept "done" while a changed file does not parse, and tells the model where', async () => {
    const ws = open.workspace(makeTempWorkspace({ 'src/math.js': 'export function add(a, b) {\n  return a - b;\n}\n' }));
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: '  return a - b;', replace: '  return a + ;' } }] },
        { content: 'Fixed add.' },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/math.js', search: '  return a + ;', replace: '  return a + b;' } }] },
        { content: 'Fixed add, for real.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, task: 'fix add in src/math.js: it must add' });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    const told = String(lastMessage(server.chatRequests[3])?.content);
    expect(told).toMatch(/src\/math\.js does not parse:/);
    expect(told).toMatch(/SyntaxError/);
    expect(readText(ws.root, 'src/math.js')).toBe('export function add(a, b) {\n  return a + b;\n}\n');
    expect(server.chatRequests.length).toBe(5);
  });
});
