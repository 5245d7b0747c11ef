import { describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';
import { lastMessage, readText, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end: a Python module and its pytest suite', () => {
  it('detects the test command, sends a failing run back to the model, and succeeds once pytest passes', async () => {
    const ws = open.workspace(makeTempWorkspace({
      'calc.py': 'def mean(values):\n    return sum(values) / (len(values) + 1)\n',
      'test_calc.py': 'from calc import mean\n\n\ndef test_mean():\n    assert mean([1, 2, 3]) == 2\n',
    }));
    const server = open.server(await startModelServer({
      models: ['sim-7b'],
      script: [
        { content: '[read_file(path="calc.py")]' },
        // Pythonic call with a sloppy argument name; the fix is still wrong.
        { content: '[patch(file="calc.py", search="    return sum(values) / (len(values) + 1)", replace="    return sum(values) / (len(values) - 1)")]' },
        { content: 'Fixed mean.' },
        { content: '[patch(path="calc.py", search="(len(values) - 1)", replace="len(values)")]' },
        { content: 'Now mean divides by the count.' },
      ],
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b', task: 'fix mean in calc.py' });
    expect(run.code, run.stderr).toBe(0);
    expect(result.success).toBe(true);
    expect(result.validation.command ?? '').toMatch(/pytest/);
    expect(String(lastMessage(server.chatRequests[3])?.content)).toMatch(/tests fail[\s\S]*assert/);
    expect(readText(ws.root, 'calc.py')).toBe('def mean(values):\n    return sum(values) / len(values)\n');
  });
});
