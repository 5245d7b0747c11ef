/**
 * Golden tests of the text the model reads from the budget engine: the fallback summary, the
 * truncation marker, the eviction stub and the stage-1 routing text. A change here changes what
 * small models see, so it must be deliberate.
 */
import { describe, expect, it } from 'vitest';
import { applyCompaction, fallbackSummary, formatStructuredSummary, summariserFrom } from '../../../server/model/budget/compact.js';
import { evictionStub } from '../../../server/model/budget/evict.js';
import { routeTools } from '../../../server/model/budget/tool-routing.js';
import { truncateToolResult } from '../../../server/model/budget/truncate-tool-result.js';
import type { ChatMessage } from '../../../server/model/messages.js';

const call = (id: string, name: string, args: object): ChatMessage => ({ role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] });
const result = (id: string, content: string): ChatMessage => ({ role: 'tool', tool_call_id: id, content });

describe('agent-facing text (golden)', () => {
  it('fallback summary', () => {
    const range: ChatMessage[] = [
      { role: 'assistant', content: '[Summary of earlier work in this task]\nTask: fix parser\nFiles read: src/lex.ts' },
      { role: 'user', content: 'Continue the task from the summary above.' },
      call('1', 'read_file', { path: 'src/parse.ts' }),
      result('1', 'export function parse() {}'),
      { role: 'assistant', content: '<think>hmm</think>The bug is in parse(): it drops trailing commas.', tool_calls: [{ id: '2', type: 'function', function: { name: 'edit_file', arguments: '{"path":"src/parse.ts","search":"a","replace":"b"}' } }] },
      result('2', 'Error: no match for the search text; closest candidate at line 12'),
      call('3', 'bash', { command: 'npm test' }),
      result('3', 'FAIL test/parse.test.ts > trailing comma\nexpected 2 to be 3'),
      { role: 'user', content: 'Try the other branch.' },
    ];
    expect(fallbackSummary(range, 'Fix the failing parser test in src/parse.ts.')).toBe(
      [
        'Task: Fix the failing parser test in src/parse.ts.',
        'Before that: Files read: src/lex.ts',
        'Files read: src/parse.ts',
        'Files changed: src/parse.ts',
        'Tools called: read_file x1 (ok), edit_file x1 (1 failed), bash x1 (1 failed)',
        'Last errors:',
        '- edit_file(path=src/parse.ts, search=a, replace=b): Error: no match for the search text; closest candidate at line 12',
        '- bash(command=npm test): FAIL test/parse.test.ts > trailing comma expected 2 to be 3',
        'Last note: The bug is in parse(): it drops trailing commas.',
        'Last user message: Try the other branch.',
      ].join('\n'),
    );
  });

  it('summary message and the continue turn', () => {
    const ms: ChatMessage[] = [{ role: 'system', content: 's' }, { role: 'user', content: 't' }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'u' }, { role: 'assistant', content: 'b' }];
    expect(applyCompaction(ms, 1, 4, 'Did a.')).toEqual([
      ms[0],
      ms[1],
      { role: 'assistant', content: '[Summary of earlier work in this task]\nDid a.' },
      { role: 'user', content: 'Continue the task from the summary above.' },
      ms[4],
    ]);
    expect(applyCompaction(ms, 1, 3, 'Did a.')[3]).toBe(ms[3]);
  });

  it('model summary rendered from a structured summary', async () => {
    const s = { summary: 'Found the bug in parse().', facts: ['tests use vitest'], filesTouched: ['src/parse.ts'], openQuestions: ['keep the old API?'] };
    const text = 'Found the bug in parse().\nFacts:\n- tests use vitest\nFiles touched: src/parse.ts\nOpen questions:\n- keep the old API?';
    expect(formatStructuredSummary(s)).toBe(text);
    const seen: { task?: string }[] = [];
    const summarise = summariserFrom(async (input) => {
      seen.push(input);
      return s;
    });
    expect(await summarise([], { maxTokens: 100, task: 'fix' })).toBe(text);
    expect(seen[0]!.task).toBe('fix');
  });

  it('truncation marker', () => {
    const text = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(truncateToolResult(text, { maxChars: 300, toolName: 'read_file' }).text).toBe(
      `${Array.from({ length: 13 }, (_, i) => `line ${i + 1}`).join('\n')}\n[... 19 lines (lines 14-32), 152 chars cut; read them with read_file using start_line=14 and end_line=32 ...]\n${Array.from({ length: 8 }, (_, i) => `line ${i + 33}`).join('\n')}`,
    );
  });

  it('eviction stub', () => {
    expect(evictionStub({ id: 'x', type: 'function', function: { name: 'grep', arguments: '{"pattern":"parse\\\\(","path":"src","max_results":50}' } })).toBe(
      '[result of grep(pattern=parse\\(, path=src, max_results=50) evicted to save context; call again if needed]',
    );
    expect(evictionStub(undefined, 'bash')).toBe('[result of bash() evicted to save context; call again if needed]');
  });

  it('stage-1 routing text and tool', () => {
    const def = (name: string) => ({ name, parameters: { type: 'object' } });
    const r = routeTools([{ definition: def('read_file'), category: 'read' }, { definition: def('edit_file'), category: 'write' }, { definition: def('bash'), category: 'run' }], 8192);
    expect(r.stage1Text).toBe(
      'Before acting, answer with one word naming the kind of tool you need next:\n- read: look at files (read_file)\n- write: create or change files (edit_file)\n- run: run commands or tests (bash)',
    );
    expect(r.stage1Tool.description).toBe('Pick the kind of tool you need next. read: look at files (read_file); write: create or change files (edit_file); run: run commands or tests (bash).');
  });
});
