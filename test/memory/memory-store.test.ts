/**
 * The one MemoryStore/MemoryService test suite, run against the SQLite tables and the JSON
 * fallback: remember (with de-duplication and validation), list, search ranked by relevance and
 * recency, forget, evidence recall, persistence and the memory_load text.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryService } from '../../server/memory/memory-service.js';
import { DAY_MS } from '../../server/memory/recall-rank.js';
import { isSmallCodeError } from '../../server/core/errors.js';
import { Memory } from '../../protocol-ext/memory.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace } from '../support/temp-dir.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

describe.each(['sqlite', 'json'] as const)('MemoryService (%s)', (kind) => {
  const opened = openedResources();
  let root: string;
  let svc: MemoryService;
  let clock = NOW;
  const open = (): MemoryService => MemoryService.open(root, { prefer: kind, now: () => clock });

  beforeEach(() => {
    root = opened.workspace(makeTempWorkspace({}, 'sc-mem-')).root;
    clock = NOW;
    svc = open();
    // Reads `svc` at close time: the persistence test closes and reopens it.
    opened.add(() => svc.close(), 'memory service');
    expect(svc.store.kind).toBe(kind);
  });

  const at = (daysAgo: number, fn: () => void): void => {
    clock = NOW - daysAgo * DAY_MS;
    fn();
    clock = NOW;
  };

  it('remembers typed notes, newest first, without duplicates', () => {
    at(3, () => svc.remember('convention', 'Tests use vitest, never jest.', 'user'));
    at(1, () => svc.remember('decision', 'Store the graph in SQLite with a JSON fallback.'));
    const again = svc.remember('convention', '  Tests use vitest, never jest.  ');
    expect(again.created).toBe(false);
    expect(again.text).toMatch(/^Already remembered as convention #\d+\.$/);
    const list = svc.list().memories;
    expect(list.map((m) => m.kind)).toEqual(['decision', 'convention']);
    expect(list[1]).toMatchObject({ text: 'Tests use vitest, never jest.', source: 'user', createdAt: new Date(NOW - 3 * DAY_MS).toISOString() });
    expect(list.every((m) => Memory.safeParse(m).success)).toBe(true);
    expect(svc.list({ kind: 'convention' }).memories).toHaveLength(1);
    expect(svc.list({ limit: 1 }).memories).toHaveLength(1);
  });

  it('rejects an unknown kind, empty text and oversized notes with ToolArgsInvalid', () => {
    for (const [k, t] of [['rule', 'x'], ['fact', '   '], ['fact', 'x'.repeat(2001)]] as const) {
      let caught: unknown;
      try {
        svc.remember(k, t);
      } catch (err) {
        caught = err;
      }
      expect(isSmallCodeError(caught, 'ToolArgsInvalid')).toBe(true);
    }
  });

  it('ranks more relevant memories first, and the newer of two equally relevant ones', () => {
    at(10, () => svc.remember('fact', 'The parser lives in server/model.'));
    at(10, () => svc.remember('fact', 'Tool calls are parsed leniently: JSON, XML tags and YAML.'));
    at(1, () => svc.remember('convention', 'Parser tests are table-driven.'));
    at(0, () => svc.remember('decision', 'Unrelated: the CLI uses no colours in CI.'));
    const r = svc.search({ query: 'how are tool calls parsed' }).memories;
    // Full match first; then two one-word matches, the newer one ahead.
    expect(r.map((m) => m.text)).toEqual([
      'Tool calls are parsed leniently: JSON, XML tags and YAML.',
      'Parser tests are table-driven.',
      'The parser lives in server/model.',
    ]);
    expect(r[0]!.score).toBeGreaterThan(r[1]!.score!);
    // Same relevance, different age: the newer wins.
    at(40, () => svc.remember('fact', 'Snapshots live in .smallcode/snapshots (old note).'));
    at(0, () => svc.remember('fact', 'Snapshots are byte-exact (new note).'));
    expect(svc.search({ query: 'snapshots' }).memories.map((m) => m.text)).toEqual([
      'Snapshots are byte-exact (new note).',
      'Snapshots live in .smallcode/snapshots (old note).',
    ]);
    expect(svc.search({ query: 'kubernetes' }).memories).toEqual([]);
  });

  it('forgets a memory and it stops being recalled', () => {
    const { memory } = svc.remember('fact', 'Ollama runs on port 11434.');
    expect(svc.forget({ id: memory.id })).toEqual({ forgotten: true });
    expect(svc.forget({ id: memory.id })).toEqual({ forgotten: false });
    expect(svc.search({ query: 'ollama' }).memories).toEqual([]);
    expect(svc.list().memories).toEqual([]);
  });

  it('memory_load returns relevant memories and matching recent evidence as text', () => {
    at(2, () => svc.remember('convention', 'Edits go through the search/replace engine.'));
    at(0.5, () => svc.recordEvidence({ taskId: 't1', tool: 'edit_file', args: 'server/edit/apply.ts', outcome: 'failed', error: 'EditNoMatch: search text not found' }));
    at(0.1, () => svc.recordEvidence({ taskId: 't1', tool: 'run_tests', args: 'npx vitest run test/edit', outcome: 'ok', error: null }));
    at(0, () => svc.recordEvidence({ taskId: 't2', tool: 'read_file', args: 'README.md', outcome: 'ok', error: null }));
    const r = svc.load('edit apply');
    expect(r.memories.map((m) => m.text)).toEqual(['Edits go through the search/replace engine.']);
    expect(r.evidence.map((e) => e.tool)).toEqual(['edit_file', 'run_tests']);
    expect(r.text).toBe([
      'Project memory:',
      `- [convention] Edits go through the search/replace engine. (agent, ${new Date(NOW - 2 * DAY_MS).toISOString().slice(0, 10)}, #${r.memories[0]!.id})`,
      'Recent evidence:',
      `- edit_file server/edit/apply.ts → failed: EditNoMatch: search text not found (task t1, 2026-11-25 00:00)`,
      `- run_tests npx vitest run test/edit → ok (task t1, 2026-11-25 09:36)`,
    ].join('\n'));
    expect(svc.load('').evidence[0]!.tool).toBe('read_file');
    expect(svc.load('quantum').text).toBe('No project memory or evidence matches "quantum".');
    expect(svc.store.recentEvidence(10, 't1')).toHaveLength(2);
  });

  it('clips long evidence arguments and errors', () => {
    const e = svc.recordEvidence({ taskId: 't', tool: 'run_command', args: 'x '.repeat(400), outcome: 'failed', error: 'e'.repeat(900) });
    expect(e.args.length).toBeLessThanOrEqual(300);
    expect(e.error!.length).toBeLessThanOrEqual(500);
  });

  it('persists across close and reopen', () => {
    svc.remember('decision', 'Pin better-sqlite3 to 12 for Node 20.');
    svc.recordEvidence({ taskId: 't9', tool: 'npm_install', args: 'better-sqlite3', outcome: 'ok', error: null });
    svc.close();
    svc = open();
    expect(svc.search({ query: 'sqlite' }).memories.map((m) => m.text)).toEqual(['Pin better-sqlite3 to 12 for Node 20.']);
    expect(svc.load('sqlite').evidence.map((e) => e.taskId)).toEqual(['t9']);
  });
});
