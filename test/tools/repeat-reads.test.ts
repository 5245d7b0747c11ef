import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReadsInView } from '../../server/agent/reads-in-view.js';
import { TaskEditService } from '../../server/agent/edit-service.js';
import { Changeset } from '../../server/edit/changeset.js';
import { WriteGuard } from '../../server/edit/write-guard.js';
import { evictionStub } from '../../server/model/budget/evict.js';
import type { ChatMessage } from '../../server/model/messages.js';
import { bashTool } from '../../server/tools/bash.js';
import type { AnyTool } from '../../server/tools/define-tool.js';
import { findFilesTool } from '../../server/tools/find-files.js';
import { explainSymbolTool, graphSearchTool } from '../../server/tools/graph-tools.js';
import { patchTool } from '../../server/tools/patch.js';
import { readFileTool } from '../../server/tools/read-file.js';
import { ToolRegistry, type DispatchResult } from '../../server/tools/registry.js';
import { repeatNote } from '../../server/tools/repeat-note.js';
import { createSearchTool } from '../../server/tools/search.js';
import { Workspace } from '../../server/workspace/workspace.js';
import { tempWorkspace, toolContext } from './tool-test-context.js';

/** A 60-line module: long enough that a note is much shorter than reading it again. */
const SOURCE = Array.from({ length: 60 }, (_, i) => `export function step${i + 1}(x: number): number {  return x + ${i + 1}; }`).join('\n') + '\n';

/**
 * A task's tools over a real temp workspace with the real edit service, and a conversation the results
 * are appended to as the agent does (one assistant call, one tool result), which the CallSite looks at.
 */
function session(files: Record<string, string> = { 'src/steps.ts': SOURCE }) {
  const root = tempWorkspace(files);
  const workspace = new Workspace(root);
  const changeset = new Changeset({ workspace, taskId: 't-repeat', mode: 'apply' });
  const registry = new ToolRegistry([readFileTool, patchTool, createSearchTool({ engine: 'builtin' }), findFilesTool, bashTool]);
  const edit = new TaskEditService(workspace, changeset, new WriteGuard(), { onWrite: () => registry.invalidate() });
  const messages: ChatMessage[] = [{ role: 'system', content: 'sys' }, { role: 'user', content: 'task' }];
  const reads = new ReadsInView(() => messages);
  let seq = 0;
  const call = async (name: string, args: Record<string, unknown>, turn: number, opts: { site?: boolean } = {}): Promise<DispatchResult & { id: string }> => {
    const id = `call_${++seq}`;
    messages.push({ role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] });
    const ctx = toolContext(root, { workspace, edit, ...(opts.site === false ? {} : { call: reads.site(id, turn) }) });
    const r = await registry.dispatch(name, args, ctx);
    messages.push({ role: 'tool', tool_call_id: id, content: r.output });
    return { ...r, id };
  };
  const resultIndex = (id: string): number => messages.findIndex((m) => m.role === 'tool' && m.tool_call_id === id);
  return { root, registry, messages, call, resultIndex };
}

describe('repeated read-only calls while the earlier result is in view', () => {
  it('answers a second identical read_file of a range with a short note naming the file, range, turn and the next call', async () => {
    const s = session();
    const first = await s.call('read_file', { path: 'src/steps.ts', start_line: 1, end_line: 40 }, 3);
    expect(first.output).toContain('step40');
    const second = await s.call('read_file', { start_line: 1, path: 'src/steps.ts', end_line: 40 }, 5);
    expect(second.ok).toBe(true);
    expect(second.cached).toBe(true);
    expect(second.repeatOf).toEqual({ id: first.id, turn: 3 });
    expect(second.output).toBe(
      'You already read src/steps.ts lines 1-40 at turn 3 and nothing has been changed since: the same result is in the conversation above. ' +
        'Next: patch src/steps.ts (path, search, replace) or read a different range (start_line, end_line).',
    );
    expect(second.output).not.toContain('step1(');
    expect(second.output.length).toBeLessThan(first.output.length / 5);
    expect(s.registry.cacheStats).toMatchObject({ hits: 1, repeatNotes: 1 });
  });

  it('points every further repeat at the same full result, and says "earlier in this turn" within one turn', async () => {
    const s = session();
    const first = await s.call('read_file', { path: 'src/steps.ts' }, 2);
    const second = await s.call('read_file', { path: 'src/steps.ts' }, 2);
    expect(second.output).toMatch(/^You already read src\/steps\.ts earlier in this turn/);
    const third = await s.call('read_file', { path: 'src/steps.ts' }, 4);
    expect(third.repeatOf).toEqual({ id: first.id, turn: 2 });
    expect(third.output).toContain('at turn 2');
  });

  it('gives a different range of the same file in full', async () => {
    const s = session();
    await s.call('read_file', { path: 'src/steps.ts', start_line: 1, end_line: 20 }, 1);
    const other = await s.call('read_file', { path: 'src/steps.ts', start_line: 21, end_line: 40 }, 2);
    expect(other.repeatOf).toBeUndefined();
    expect(other.output).toContain('step21');
  });

  it('answers repeated search and find_files with notes naming the pattern', async () => {
    const s = session({ 'src/steps.ts': SOURCE, 'src/more.ts': SOURCE.replace(/step/g, 'stage') });
    const found = await s.call('search', { pattern: 'return x', path: 'src' }, 1);
    expect(found.output).toMatch(/src\/(steps|more)\.ts:1:/);
    const again = await s.call('search', { pattern: 'return x', path: 'src' }, 2);
    expect(again.output).toMatch(/^You already searched for "return x" in src at turn 1 .* Next: read_file a file it found/);
    const files = Array.from({ length: 30 }, (_, i) => [`lib/module-number-${i}.ts`, 'export {};\n'] as const);
    const t = session(Object.fromEntries(files));
    await t.call('find_files', { pattern: '*.ts' }, 1);
    const listed = await t.call('find_files', { pattern: '*.ts' }, 2);
    expect(listed.output).toMatch(/^You already listed the files matching \*\.ts at turn 1/);
  });

  it('repeats a result shorter than the note itself (an empty file) in full', async () => {
    const s = session({ 'empty.ts': '' });
    await s.call('read_file', { path: 'empty.ts' }, 1);
    const again = await s.call('read_file', { path: 'empty.ts' }, 2);
    expect(again.repeatOf).toBeUndefined();
    expect(again.output).toBe('empty.ts is empty (0 lines).');
  });

  it('repeats the full result when the caller gives no CallSite (it cannot know what the model sees)', async () => {
    const s = session();
    await s.call('read_file', { path: 'src/steps.ts' }, 1, { site: false });
    const again = await s.call('read_file', { path: 'src/steps.ts' }, 2, { site: false });
    expect(again.cached).toBe(true);
    expect(again.repeatOf).toBeUndefined();
    expect(again.output).toContain('step1(');
  });
});

describe('repeated reads after a write', () => {
  it('reads the file in full again after a patch of it, with the new text', async () => {
    const s = session();
    await s.call('read_file', { path: 'src/steps.ts', start_line: 1, end_line: 10 }, 1);
    const patched = await s.call('patch', { path: 'src/steps.ts', search: 'return x + 1; }', replace: 'return x + 100; }' }, 2);
    expect(patched.ok, patched.output).toBe(true);
    expect(readFileSync(join(s.root, 'src/steps.ts'), 'utf8')).toContain('return x + 100;');
    const after = await s.call('read_file', { path: 'src/steps.ts', start_line: 1, end_line: 10 }, 3);
    expect(after.repeatOf).toBeUndefined();
    expect(after.output).toContain('return x + 100;');
    // The new full result is what later repeats point at.
    const again = await s.call('read_file', { path: 'src/steps.ts', start_line: 1, end_line: 10 }, 4);
    expect(again.repeatOf).toEqual({ id: after.id, turn: 3 });
  });

  it('reads in full again after any other write (a shell command), following the cache invalidation', async () => {
    const s = session({ 'src/steps.ts': SOURCE, 'other.txt': 'x\n' });
    await s.call('read_file', { path: 'src/steps.ts' }, 1);
    await s.call('bash', { command: 'echo y > other.txt' }, 2);
    writeFileSync(join(s.root, 'src/steps.ts'), SOURCE.replace('step1(', 'stepOne('));
    const after = await s.call('read_file', { path: 'src/steps.ts' }, 3);
    expect(after.repeatOf).toBeUndefined();
    expect(after.output).toContain('stepOne(');
  });
});

describe('repeated reads whose earlier result left the conversation', () => {
  it('answers in full when the earlier result was evicted by the budget, then notes repeats of the new one', async () => {
    const s = session();
    const first = await s.call('read_file', { path: 'src/steps.ts' }, 1);
    const i = s.resultIndex(first.id);
    const assistant = s.messages[i - 1] as Extract<ChatMessage, { role: 'assistant' }>;
    s.messages[i] = { role: 'tool', tool_call_id: first.id, content: evictionStub(assistant.tool_calls?.[0]) };
    const second = await s.call('read_file', { path: 'src/steps.ts' }, 4);
    expect(second.repeatOf).toBeUndefined();
    expect(second.output).toContain('step1(');
    const third = await s.call('read_file', { path: 'src/steps.ts' }, 5);
    expect(third.repeatOf).toEqual({ id: second.id, turn: 4 });
  });

  it('answers in full when the earlier result was compacted away into a summary', async () => {
    const s = session();
    const first = await s.call('read_file', { path: 'src/steps.ts' }, 1);
    const i = s.resultIndex(first.id);
    s.messages.splice(i - 1, 2, { role: 'assistant', content: '[Summary of earlier work in this task]\nread src/steps.ts' }, { role: 'user', content: 'Continue the task from the summary above.' });
    const second = await s.call('read_file', { path: 'src/steps.ts' }, 6);
    expect(second.repeatOf).toBeUndefined();
    expect(second.output).toContain('step1(');
  });

  it('answers in full when the earlier result was cut in the middle to fit', async () => {
    const s = session();
    const first = await s.call('read_file', { path: 'src/steps.ts' }, 1);
    const i = s.resultIndex(first.id);
    const m = s.messages[i] as Extract<ChatMessage, { role: 'tool' }>;
    s.messages[i] = { ...m, content: `${m.content.slice(0, 300)}\n[... 40 lines cut ...]\n${m.content.slice(-300)}` };
    const second = await s.call('read_file', { path: 'src/steps.ts' }, 2);
    expect(second.repeatOf).toBeUndefined();
    expect(second.output).toContain('step30(');
  });
});

describe('repeatNote wording', () => {
  it('names each read-only tool by what it did and the call that moves on', () => {
    const at = { turn: 2 };
    expect(repeatNote(graphSearchTool as AnyTool, { query: 'parseUser' }, at, 5)).toBe(
      'You already looked up "parseUser" in the code graph at turn 2 and nothing has been changed since: the same result is in the conversation above. ' +
        'Next: read_file a file it named at the lines given, or explain_symbol one of the symbols.',
    );
    expect(repeatNote(explainSymbolTool as AnyTool, { symbol: 'User.save' }, at, 5)).toMatch(/^You already explained User\.save at turn 2 .* Next: read_file its file/);
    expect(repeatNote(readFileTool as AnyTool, { path: 'a.py', start_line: 40 }, at, 5)).toMatch(/^You already read a\.py from line 40 at turn 2/);
    expect(repeatNote(bashTool as AnyTool, { command: 'ls' }, at, 2)).toMatch(/^You already called bash with these same arguments earlier in this turn .* Next: use that result, or call bash with different arguments\.$/);
  });
});
