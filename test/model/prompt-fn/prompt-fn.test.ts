/**
 * Prompt functions against the scripted model server: validated outputs, the content-hash cache
 * with TTL, the one repair retry, failures as data, stats for smallcode/cognition, and the
 * built-in prompt files.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelProvider } from '../../../server/model/provider/provider.js';
import { PromptCache, contentKey } from '../../../server/model/prompt-fn/cache.js';
import { definePromptFunction, type PromptSpan } from '../../../server/model/prompt-fn/define.js';
import { classifyTask, decomposeTask, repairToolCall, summariseHistory } from '../../../server/model/prompt-fn/functions.js';
import { extractJson } from '../../../server/model/prompt-fn/json-extract.js';
import { loadPromptFiles, parsePromptFile } from '../../../server/model/prompt-fn/prompt-files.js';
import { CognitionStats, median } from '../../../server/model/prompt-fn/stats.js';
import { CognitionResult } from '../../../protocol-ext/cognition.js';
import { startModelServer } from '../../support/model-server.js';
import { openedResources } from '../../support/opened-resources.js';

const open = openedResources();

const FAST = { baseDelayMs: 5, maxDelayMs: 10 };
const CLASS = { kind: 'fix', complexity: 'small', needsPlan: false, files: ['src/a.ts'], summary: 'Fix the off-by-one in a.ts' };

function fresh(): { cache: PromptCache; stats: CognitionStats } {
  return { cache: new PromptCache(), stats: new CognitionStats() };
}

describe('prompt functions over HTTP', () => {
  it('returns the validated output and answers the same input from the cache', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: `Sure!\n\`\`\`json\n${JSON.stringify(CLASS)}\n\`\`\``, usage: { prompt_tokens: 100, completion_tokens: 20 } }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'qwen2.5-coder:7b', retry: FAST });
    const env = fresh();
    const a = await classifyTask.run(p, { task: 'fix the off-by-one in src/a.ts' }, env);
    const b = await classifyTask.run(p, { task: 'fix the off-by-one in src/a.ts' }, env);
    expect(a).toMatchObject({ ok: true, value: CLASS, cached: false, tokens: 120 });
    expect(b).toMatchObject({ ok: true, value: CLASS, cached: true, tokens: 0 });
    expect(srv.chatRequests).toHaveLength(1);
    const body = srv.chatRequests[0]!.body!;
    expect(body.max_tokens).toBe(300);
    expect(body.temperature).toBe(0);
    expect((body.messages as { role: string; content: string }[])[0]?.content).toContain('You classify programming tasks');
    const row = env.stats.snapshot().functions[0]!;
    expect(row).toMatchObject({ name: 'classify-task', calls: 2, cacheHits: 1, failures: 0, repairs: 0, tokens: 120 });
    expect(row.p50LatencyMs).not.toBeNull();
  });

  it('asks again for a different input (the key is the content hash)', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: JSON.stringify(CLASS) }, { content: JSON.stringify({ ...CLASS, kind: 'explain' }) }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'm', retry: FAST });
    const env = fresh();
    await classifyTask.run(p, { task: 'one' }, env);
    const r = await classifyTask.run(p, { task: 'two' }, env);
    expect(r.ok && r.value.kind).toBe('explain');
    expect(srv.chatRequests).toHaveLength(2);
  });

  it('retries once with a repair prompt naming the problem, then succeeds', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: '<think>hmm</think>The steps are: read, edit, test.' }, { content: '{"steps":[{"text":"Read src/a.ts"},{"text":"Run npm test",}]}' }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'm', retry: FAST });
    const env = fresh();
    const spans: PromptSpan[] = [];
    const r = await decomposeTask.run(p, { task: 'fix a' }, { ...env, onSpan: (s) => spans.push(s) });
    expect(r).toMatchObject({ ok: true, repaired: true, value: { steps: [{ text: 'Read src/a.ts', files: [] }, { text: 'Run npm test', files: [] }] } });
    const second = srv.chatRequests[1]!.body!.messages as { role: string; content: string }[];
    expect(second.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(second[3]?.content).toContain('no JSON object found in the answer');
    expect(second[3]?.content).toContain('"steps"'); // the JSON Schema hint
    expect(spans).toEqual([expect.objectContaining({ name: 'decompose-task', ok: true, repaired: true, attempts: 2 })]);
    expect(env.stats.snapshot().functions[0]).toMatchObject({ calls: 1, repairs: 1, failures: 0 });
  });

  it('returns a failure as data after the repair also fails, and does not cache it', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: '{"summary": 42}' }, { content: 'still not it' }, { content: '{"summary":"done","facts":["a.ts has 3 exports"]}' }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'm', retry: FAST });
    const env = fresh();
    const input = { messages: [{ role: 'user' as const, content: 'edit a.ts' }, { role: 'assistant' as const, content: 'done' }] };
    const bad = await summariseHistory.run(p, input, env);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toContain('summarise-history: invalid output after one repair');
      expect(bad.raw).toBe('still not it');
    }
    const good = await summariseHistory.run(p, input, env);
    expect(good).toMatchObject({ ok: true, cached: false, value: { summary: 'done', facts: ['a.ts has 3 exports'], filesTouched: [], openQuestions: [] } });
    expect(env.stats.snapshot().functions[0]).toMatchObject({ calls: 2, failures: 1, cacheHits: 0 });
  });

  it('repairToolCall rejects a tool that was not offered and repairs to one that was', async () => {
    const tools = [{ name: 'edit_file', parameters: { type: 'object', properties: { path: { type: 'string' }, search: { type: 'string' }, replace: { type: 'string' } } } }];
    const srv = open.server(await startModelServer({ script: [
      { content: '{"call":{"name":"write","arguments":{"path":"a.ts"}}}' },
      { content: '{"call":{"name":"edit_file","arguments":{"path":"a.ts","search":"x","replace":"y"}},"reason":"edit"}' },
    ] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'm', retry: FAST });
    const r = await repairToolCall.run(p, { text: 'edit_file path=a.ts x -> y', tools, error: 'no JSON found' }, fresh());
    expect(r).toMatchObject({ ok: true, repaired: true, value: { call: { name: 'edit_file', arguments: { path: 'a.ts', search: 'x', replace: 'y' } } } });
    expect(String((srv.chatRequests[1]!.body!.messages as { content: string }[])[3]?.content)).toContain('"write" is not one of the tools: edit_file');
    expect(String((srv.chatRequests[0]!.body!.messages as { content: string }[])[1]?.content)).toContain('Why the answer could not be read: no JSON found');
  });

  it('asks the server for JSON-schema decoding when responseFormat is set', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: JSON.stringify(CLASS) }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'm', retry: FAST });
    await classifyTask.run(p, { task: 'x' }, { ...fresh(), responseFormat: true });
    const rf = srv.chatRequests[0]!.body!.response_format as { type: string; json_schema: { name: string; schema: { properties: Record<string, unknown> } } };
    expect(rf.type).toBe('json_schema');
    expect(rf.json_schema.name).toBe('classify-task');
    expect(Object.keys(rf.json_schema.schema.properties)).toContain('needsPlan');
  });

  it('lets a model failure throw (it is not an invalid output) and counts it', async () => {
    const srv = open.server(await startModelServer({ script: [{ fault: 'overflow' }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'm', retry: FAST });
    const env = fresh();
    await expect(classifyTask.run(p, { task: 'x' }, env)).rejects.toMatchObject({ code: 'ContextOverflow' });
    expect(env.stats.snapshot().functions[0]).toMatchObject({ calls: 1, failures: 1 });
  });

  it('stats snapshot fits the smallcode/cognition result schema', async () => {
    const stats = new CognitionStats();
    stats.record('a', { cached: false, ok: true, repaired: false, latencyMs: 10, tokens: 5 });
    stats.record('a', { cached: false, ok: true, repaired: false, latencyMs: 30, tokens: 5 });
    stats.record('a', { cached: true, ok: true, repaired: false, latencyMs: 0 });
    const snap = stats.snapshot();
    expect(CognitionResult.parse(snap)).toEqual(snap);
    expect(snap.functions[0]).toMatchObject({ calls: 3, cacheHits: 1, p50LatencyMs: 20, tokens: 10 });
    expect(snap.totals).toEqual({ calls: 3, cacheHits: 1, failures: 0, tokens: 10 });
  });
});

describe('prompt-function parts', () => {
  it('expires cache entries after the TTL', () => {
    let now = 1000;
    const c = new PromptCache(10, () => now);
    c.set('k', 1, 500);
    expect(c.get('k')).toEqual({ hit: true, value: 1 });
    now = 1500;
    expect(c.get('k')).toEqual({ hit: false });
    c.set('z', 1, 0);
    expect(c.get('z')).toEqual({ hit: false });
  });

  it('bounds the cache size, dropping the oldest entry', () => {
    const c = new PromptCache(2);
    c.set('a', 1, 1e6);
    c.set('b', 2, 1e6);
    c.set('c', 3, 1e6);
    expect([c.get('a').hit, c.get('b').hit, c.get('c').hit]).toEqual([false, true, true]);
  });

  it('keys differ when any part differs, even by where the parts split', () => {
    expect(contentKey(['ab', 'c'])).not.toBe(contentKey(['a', 'bc']));
    expect(contentKey(['x'])).toBe(contentKey(['x']));
  });

  it.each([
    ['{"a":1}', { a: 1 }],
    ['Here you go: {"a": [1, 2,],} thanks', { a: [1, 2] }],
    ['```json\n{"a": "x}"}\n```', { a: 'x}' }],
    ['<think>{"wrong": true}</think>{"right": true}', { right: true }],
    ['reasoning done</think>\n{"b": 2}', { b: 2 }],
    ['[1, 2, 3]', [1, 2, 3]],
  ])('extractJson(%j)', (text, value) => {
    expect(extractJson(text)).toEqual({ ok: true, value });
  });

  it('extractJson reports empty and JSON-less answers', () => {
    expect(extractJson('')).toEqual({ ok: false, error: 'the answer was empty' });
    expect(extractJson('no json {here')).toEqual({ ok: false, error: 'no JSON object found in the answer' });
  });

  it('computes the median', () => {
    expect([median([]), median([3]), median([1, 9, 5]), median([1, 2, 3, 4])]).toEqual([null, 3, 5, 2.5]);
  });

  it('loads every built-in prompt file without diagnostics', () => {
    const r = loadPromptFiles();
    expect(r.diagnostics).toEqual([]);
    expect([...r.items.keys()].sort()).toEqual(['classify-task', 'decompose-task', 'repair-tool-call', 'summarise-history']);
  });

  it('reports a bad prompt file instead of throwing', () => {
    expect(parsePromptFile('no front matter', 'x.md')).toEqual({ ok: false, message: 'missing the --- front matter --- block' });
    const r = parsePromptFile('---\nname: Bad Name\nmaxTokens: 5\nttlMs: 0\n---\nbody', 'x.md');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/name.*maxTokens/s);
  });

  it('definePromptFunction works with any zod schema and a custom check', async () => {
    const srv = open.server(await startModelServer({ script: [{ content: '{"n": 3}' }, { content: '{"n": 4}' }] }));
    const even = definePromptFunction({
      name: 'even', system: 'Give an even number as {"n": number}.', maxTokens: 20, ttlMs: 0,
      output: z.object({ n: z.number() }), render: (x: string) => x,
      check: (o) => (o.n % 2 === 0 ? null : `${o.n} is odd`),
    });
    const p = new ModelProvider({ baseUrl: srv.url, model: 'm', retry: FAST });
    const r = await even.run(p, 'go', fresh());
    expect(r).toMatchObject({ ok: true, value: { n: 4 }, repaired: true });
  });
});

describe('modelSummariser (budget engine adapter)', () => {
  it('formats the structured summary and throws when the model gives none, so the engine falls back', async () => {
    const { modelSummariser } = await import('../../../server/model/prompt-fn/summariser.js');
    const srv = open.server(await startModelServer({ script: [
      { content: '{"summary":"Read a.ts and fixed the loop bound.","facts":["bug was in loop()"],"filesTouched":["src/a.ts"]}' },
      { content: 'no' }, { content: 'still no' },
    ] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'm', retry: FAST });
    const summarise = modelSummariser(p, fresh());
    const msgs = [{ role: 'user' as const, content: 'fix a.ts' }];
    expect(await summarise(msgs, { maxTokens: 400, task: 'fix a.ts' })).toBe('Read a.ts and fixed the loop bound.\n\nFacts:\n- bug was in loop()\n\nFiles touched: src/a.ts');
    await expect(summarise([{ role: 'user', content: 'other' }], { maxTokens: 400, task: 't' })).rejects.toMatchObject({ code: 'ModelBadResponse' });
  });
});
