import { describe, expect, it } from 'vitest';
import { buggyNodeProject } from '../support/fixture-projects.js';
import { startModelServer } from '../support/model-server.js';
import type { ScriptItem } from '../support/model-server-script.js';
import { openedResources } from '../support/opened-resources.js';
import { FIXED_MATH, lastMessage, readText, readTrace, runTaskCli } from './agent-harness.js';

const open = openedResources();

describe('end to end (judged): a model that loops on one read, then forgets the task', () => {
  it('steers the loop, re-injects the task after the greeting, and the fix lands with the tests passing', async () => {
    const ws = open.workspace(buggyNodeProject());
    const seen: string[] = [];
    let reads = 0;
    let greeted = false;
    let patched = false;
    const server = open.server(await startModelServer({
      models: ['sim-7b'],
      script: (req): ScriptItem => {
        const last = String(lastMessage(req)?.content ?? '');
        seen.push(last);
        // The same read, four times, whatever it is told in between.
        if (reads < 4) {
          reads++;
          return { content: `[read_file(path="src/math.js")]` };
        }
        if (!greeted) {
          greeted = true;
          return { content: 'Hello! How can I help you today?' };
        }
        if (!patched) {
          // Only once reminded of the task does it act on it.
          if (!/fix the add function/.test(last)) return { content: 'Hello! How can I help you today?' };
          patched = true;
          return { content: '{"name": "patch", "arguments": {"path": "src/math.js", "old_str": "return a - b", "new_str": "return a + b"}}' };
        }
        return { content: 'All done, the function works now.' };
      },
    }));
    const { run, result } = await runTaskCli({ root: ws.root, server, model: 'sim-7b' });
    expect(run.code, `${run.stderr}\n${seen.join('\n=====\n')}`).toBe(0);
    expect(result.success).toBe(true);
    expect(readText(ws.root, 'src/math.js')).toBe(FIXED_MATH);
    expect(result.validation).toMatchObject({ ran: true, passed: true });
    const kinds = readTrace(ws.root, result.taskId).filter((l) => l.type === 'governor').map((l) => String(l.kind));
    expect(kinds.some((k) => /repeat/.test(k))).toBe(true);
    // The steering named the call that moves the task on, with its real parameter names.
    expect(seen.some((m) => /exactly these arguments 3 times[\s\S]*call patch with "path", "search"/.test(m))).toBe(true);
    expect(kinds).toContain('lost_task');
    // The repeated reads were answered without re-reading the file in full each time.
    expect(server.chatRequests.length).toBeLessThanOrEqual(8);
  });
});
