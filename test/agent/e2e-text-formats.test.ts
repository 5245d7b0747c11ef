import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, readText, runTaskCli, toolResults } from './agent-harness.js';

const open = openedResources();

describe('end to end: tool calls written as text in five formats', () => {
  it('recovers Hermes, pythonic, fenced JSON, XML-ish and Qwen3-Coder calls and completes the fix', async () => {
    const ws = open.workspace(buggyNodeProject());
    const server = open.server(await startModelServer({
      models: ['qwen2.5-coder:7b'],
      script: [
        // 1. Hermes
        { content: '<tool_call>\n{"name": "read_file", "arguments": {"path": "src/math.js"}}\n</tool_call>' },
        // 2. pythonic
        { content: 'Let me look at the tests too.\n[read_file(path="test/math.test.js")]' },
        // 3. fenced JSON
        { content: 'I will fix the subtraction.\n```json\n{"name": "patch", "arguments": {"path": "src/math.js", "search": "    return a - b;", "replace": "    return a + b;"}}\n```' },
        // 4. XML-ish tags named after the tool
        { content: '<find_files><pattern>src/*.js</pattern></find_files>' },
        // 5. Qwen3-Coder
        { content: '<tool_call>\n<function=bash>\n<parameter=command>\nnpm test\n</parameter>\n</function>\n</tool_call>' },
        { content: 'The add function now adds; npm test passes.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(result.toolCalls.map((c) => `${c.name}:${c.ok}`)).toEqual(['read_file:true', 'read_file:true', 'patch:true', 'find_files:true', 'bash:true']);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
    // Each recovered call was answered: the model saw the file, the patch result, the glob hits and the passing test run.
    const seen = toolResults(server.chatRequests[5]);
    expect(seen[0]).toContain('return a - b;');
    expect(seen[1]).toContain("test('add'");
    expect(seen[2]).toMatch(/^Patched src\/math\.js/);
    expect(seen[3]).toContain('src/math.js');
    expect(seen[4]).toMatch(/exit code 0/);
    expect(server.chatRequests.length).toBe(6);
  });
});
