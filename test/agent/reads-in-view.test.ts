import { describe, expect, it } from 'vitest';
import { ReadsInView, resultInView } from '../../server/agent/reads-in-view.js';
import { evictToolResults, evictionStub } from '../../server/model/budget/evict.js';
import { createEstimator } from '../../server/model/budget/token-estimate.js';
import type { ChatMessage } from '../../server/model/messages.js';

const FILE = Array.from({ length: 80 }, (_, i) => `${String(i + 1).padStart(2)}│ const line${i} = ${i};`).join('\n');

function conversation(): ChatMessage[] {
  return [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'task' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: FILE },
    { role: 'assistant', content: null, tool_calls: [{ id: 'c2', type: 'function', function: { name: 'search', arguments: '{"pattern":"x"}' } }] },
    { role: 'tool', tool_call_id: 'c2', content: 'a.ts:1: const line0 = 0;' },
  ];
}

describe('resultInView', () => {
  it('finds a result whole, also with text the runner appended after it (the plan)', () => {
    const ms = conversation();
    expect(resultInView(ms, 'c1', FILE)).toBe(true);
    ms[3] = { role: 'tool', tool_call_id: 'c1', content: `${FILE}\n\n[Plan]\n1. [ ] fix it` };
    expect(resultInView(ms, 'c1', FILE)).toBe(true);
    expect(resultInView(ms, 'c9', FILE)).toBe(false);
  });

  it('does not count a result the budget evicted (the real eviction), compacted away or cut', () => {
    const evicted = evictToolResults(conversation(), { protectBefore: 2, protectFrom: 4, needTokens: Infinity, estimator: createEstimator('qwen') });
    expect(evicted.evicted).toBeGreaterThan(0);
    const call = evicted.messages[2] as Extract<ChatMessage, { role: 'assistant' }>;
    expect((evicted.messages[3] as { content: string }).content).toBe(evictionStub(call.tool_calls?.[0]));
    expect(resultInView(evicted.messages, 'c1', FILE)).toBe(false);
    const compacted = conversation();
    compacted.splice(2, 2, { role: 'assistant', content: '[Summary of earlier work in this task]\nread a.ts' });
    expect(resultInView(compacted, 'c1', FILE)).toBe(false);
    const cut = conversation();
    cut[3] = { role: 'tool', tool_call_id: 'c1', content: `${FILE.slice(0, 200)}\n[... 60 lines cut ...]\n${FILE.slice(-200)}` };
    expect(resultInView(cut, 'c1', FILE)).toBe(false);
  });
});

describe('ReadsInView', () => {
  it('says a call left the view only once its last full answer is gone, and ignores short notes', () => {
    const ms = conversation();
    const reads = new ReadsInView(() => ms);
    const key = 'read_file {"path":"a.ts"}';
    expect(reads.leftView(key)).toBe(false);
    reads.noteResult(key, 'c1', { ok: true, output: FILE });
    expect(reads.leftView(key)).toBe(false);
    // A note pointing at c1 does not replace it as the full answer.
    reads.noteResult(key, 'c3', { ok: true, output: 'You already read a.ts', repeatOf: { id: 'c1', turn: 1 } });
    expect(reads.site('c4', 2).shownInView('c1', FILE)).toBe(true);
    ms[3] = { role: 'tool', tool_call_id: 'c1', content: '[result of read_file(path=a.ts) evicted to save context; call again if needed]' };
    expect(reads.leftView(key)).toBe(true);
    expect(reads.site('c4', 2).shownInView('c1', FILE)).toBe(false);
  });
});
