/**
 * Benchmark of the short note that answers a repeated read-only call: tokens of the full result vs the
 * note for read_file / search / find_files over copies of this repository's own sources, and the dispatch
 * cost of checking the conversation (a 200-message history) against a plain cache hit.
 * Run: npx vite-node bench/repeat-reads.ts   (prints medians / p99 and ratios; no assertions).
 */
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { ReadsInView } from '../server/agent/reads-in-view.js';
import { TaskEditService } from '../server/agent/edit-service.js';
import { defaultConfig } from '../server/config/variables.js';
import { Changeset } from '../server/edit/changeset.js';
import { WriteGuard } from '../server/edit/write-guard.js';
import type { ChatMessage } from '../server/model/messages.js';
import type { ToolContext } from '../server/tools/define-tool.js';
import { findFilesTool } from '../server/tools/find-files.js';
import { readFileTool } from '../server/tools/read-file.js';
import { ToolRegistry } from '../server/tools/registry.js';
import { createSearchTool } from '../server/tools/search.js';
import { Workspace } from '../server/workspace/workspace.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const enc = new Tiktoken(cl100k);

function stats(ms: number[]): { p50: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)] as number, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] as number };
}

const root = realpathSync(mkdtempSync(join(tmpdir(), 'sc-bench-repeat-')));
cpSync(join(ROOT, 'server'), join(root, 'server'), { recursive: true });
const workspace = new Workspace(root);
const registry = new ToolRegistry([readFileTool, createSearchTool({ engine: 'builtin' }), findFilesTool]);
const edit = new TaskEditService(workspace, new Changeset({ workspace, taskId: 'bench', mode: 'propose' }), new WriteGuard());
const messages: ChatMessage[] = [{ role: 'system', content: 'sys' }, { role: 'user', content: 'task' }];
const reads = new ReadsInView(() => messages);
let seq = 0;
const ctx = (id?: string): ToolContext => ({ root, signal: new AbortController().signal, config: defaultConfig(), taskId: 'bench', workspace, edit, ...(id ? { call: reads.site(id, 1) } : {}) });

async function call(name: string, args: Record<string, unknown>, withSite = true): Promise<string> {
  const id = `call_${++seq}`;
  messages.push({ role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] });
  const r = await registry.dispatch(name, args, ctx(withSite ? id : undefined));
  messages.push({ role: 'tool', tool_call_id: id, content: r.output });
  return r.output;
}

const cases: Array<[string, string, Record<string, unknown>]> = [
  ['read_file whole (long file: head + outline)', 'read_file', { path: 'server/agent/task-runner.ts' }],
  ['read_file lines 1-120', 'read_file', { path: 'server/tools/registry.ts', start_line: 1, end_line: 120 }],
  ['read_file small file', 'read_file', { path: 'server/agent/scratchpad.ts' }],
  ['search "ToolContext"', 'search', { pattern: 'ToolContext' }],
  ['find_files **/*.ts', 'find_files', { pattern: '**/*.ts' }],
];
console.log('tokens (cl100k) of the repeated answer: full result -> note');
let fullTotal = 0;
let noteTotal = 0;
for (const [label, name, args] of cases) {
  const full = await call(name, args);
  const note = await call(name, args);
  const f = enc.encode(full).length;
  const n = enc.encode(note).length;
  fullTotal += f;
  noteTotal += n;
  console.log(`  ${label.padEnd(46)} ${String(f).padStart(5)} -> ${String(n).padStart(4)}  (${(n / f).toFixed(2)}x)`);
}
console.log(`  all five repeats                               ${String(fullTotal).padStart(5)} -> ${String(noteTotal).padStart(4)}  (${(noteTotal / fullTotal).toFixed(2)}x, ${fullTotal - noteTotal} tokens saved)`);

// Dispatch cost of a repeat: the in-view check scans the history (here ~200 messages of real results).
while (messages.length < 200) await call('read_file', { path: 'server/tools/registry.ts', start_line: (seq % 50) + 1, end_line: (seq % 50) + 40 });
await call('read_file', { path: 'server/tools/search.ts' });
const N = 2000;
const noted: number[] = [];
const plain: number[] = [];
for (let i = 0; i < N; i++) {
  let t = performance.now();
  await registry.dispatch('read_file', { path: 'server/tools/search.ts' }, ctx(`x${i}`));
  noted.push(performance.now() - t);
  t = performance.now();
  await registry.dispatch('read_file', { path: 'server/tools/search.ts' }, ctx());
  plain.push(performance.now() - t);
}
const a = stats(noted);
const b = stats(plain);
console.log(`dispatch of a repeat, ${messages.length}-message history (${N} runs):`);
console.log(`  note (cache hit + in-view check) p50 ${a.p50.toFixed(3)} ms  p99 ${a.p99.toFixed(3)} ms`);
console.log(`  plain cache hit (no CallSite)    p50 ${b.p50.toFixed(3)} ms  p99 ${b.p99.toFixed(3)} ms  (ratio p50 ${(a.p50 / b.p50).toFixed(2)})`);
rmSync(root, { recursive: true, force: true });
