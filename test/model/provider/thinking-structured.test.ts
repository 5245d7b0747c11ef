/**
 * What the provider sends for the thinking switch (per family) and for structured output, checked
 * on the scripted server's captured requests, plus the reasoning split and the tool-call schema.
 */
import { describe, expect, it } from 'vitest';
import { ModelProvider } from '../../../server/model/provider/provider.js';
import { detectProfile } from '../../../server/model/profiles/detect.js';
import { applyThinkingSwitch, describeThinkingSwitch, splitReasoning, ThinkStreamSplitter } from '../../../server/model/thinking.js';
import { chooseStructuredOutput, readStructuredToolCall, structuredOutputBody, toolCallJsonSchema } from '../../../server/model/structured-output.js';
import type { ToolDefinition } from '../../../server/model/messages.js';
import { startModelServer, type ModelServer } from '../../support/model-server.js';
import { openedResources } from '../../support/opened-resources.js';

let srv: ModelServer | undefined;
const open = openedResources();

const TOOLS: ToolDefinition[] = [
  { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'bash', parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } },
];

describe('thinking switch as sent on the wire', () => {
  async function sentBody(model: string, disable: boolean): Promise<Record<string, unknown>> {
    srv = open.server(await startModelServer({ script: [{ content: 'ok' }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model, profile: detectProfile(model).profile, thinkingDisable: disable });
    await p.chat({ messages: [{ role: 'system', content: 'You are a coder.' }, { role: 'user', content: 'hi' }] });
    return srv.chatRequests[0]!.body!;
  }

  it('Qwen3 gets /no_think at the end of the system message and enable_thinking=false', async () => {
    const body = await sentBody('qwen3:8b', true);
    expect((body.messages as { content: string }[])[0]?.content).toBe('You are a coder.\n/no_think');
    expect(body.chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(body.reasoning_effort).toBeUndefined();
  });

  it('GPT-OSS gets reasoning_effort low and an untouched system message', async () => {
    const body = await sentBody('gpt-oss:20b', true);
    expect(body.reasoning_effort).toBe('low');
    expect((body.messages as { content: string }[])[0]?.content).toBe('You are a coder.');
    expect(body.chat_template_kwargs).toBeUndefined();
  });

  it('families without a switch get nothing (DeepSeek-R1, Qwen2.5-Coder)', async () => {
    for (const model of ['deepseek-r1:14b', 'qwen2.5-coder:7b', 'llama3.1:8b']) {
      const body = await sentBody(model, true);
      expect(body.chat_template_kwargs).toBeUndefined();
      expect(body.reasoning_effort).toBeUndefined();
      expect(JSON.stringify(body.messages)).not.toContain('no_think');
      await srv?.close();
    }
  });

  it('sends nothing when SMALLCODE_THINKING_DISABLE is off', async () => {
    const body = await sentBody('qwen3:8b', false);
    expect(body.chat_template_kwargs).toBeUndefined();
    expect((body.messages as { content: string }[])[0]?.content).toBe('You are a coder.');
  });

  it('keeps the system message byte-identical across turns (no double suffix) and adds one when missing', () => {
    const q = detectProfile('qwen3:8b').profile;
    const once = applyThinkingSwitch([{ role: 'system', content: 'S' }], q, true).messages;
    const twice = applyThinkingSwitch(once, q, true).messages;
    expect(twice).toEqual(once);
    expect(applyThinkingSwitch([{ role: 'user', content: 'u' }], q, true).messages[0]).toEqual({ role: 'system', content: '/no_think' });
  });

  it('describes per family what is sent', () => {
    expect(describeThinkingSwitch(detectProfile('gpt-oss:20b').profile)).toBe('reasoning_effort "low"');
    expect(describeThinkingSwitch(detectProfile('deepseek-r1:7b').profile)).toBe('no switch: this model always reasons');
    expect(describeThinkingSwitch(detectProfile('granite3.3:8b').profile)).toBe('thinking is off by default; nothing is sent');
  });
});

describe('families without a system role', () => {
  it('fold the system message into the first user message (DeepSeek-R1, Gemma 3) and leave others alone', () => {
    const msgs = [{ role: 'system' as const, content: 'Rules.' }, { role: 'user' as const, content: 'Task.' }, { role: 'assistant' as const, content: 'ok' }];
    const r1 = new ModelProvider({ baseUrl: 'http://127.0.0.1:1/v1', model: 'deepseek-r1:14b', profile: detectProfile('deepseek-r1:14b').profile });
    expect(r1.buildBody({ messages: msgs }).messages).toEqual([{ role: 'user', content: 'Rules.\n\nTask.' }, { role: 'assistant', content: 'ok' }]);
    const q = new ModelProvider({ baseUrl: 'http://127.0.0.1:1/v1', model: 'qwen2.5-coder:7b', profile: detectProfile('qwen2.5-coder:7b').profile });
    expect((q.buildBody({ messages: msgs }).messages as unknown[])[0]).toEqual({ role: 'system', content: 'Rules.' });
  });
});

describe('splitReasoning', () => {
  it.each([
    ['<think>plan</think>Answer', 'Answer', 'plan'],
    ['plan only, template opened the tag</think>\nAnswer', 'Answer', 'plan only, template opened the tag'],
    ['<think>cut off by max_tokens', '', 'cut off by max_tokens'],
    ['No reasoning here', 'No reasoning here', ''],
    ['A<think>x</think>B<think>y</think>C', 'ABC', 'x\n\ny'],
    ['<|channel|>analysis<|message|>User wants X.<|end|><|start|>assistant<|channel|>final<|message|>Here is X.<|return|>', 'Here is X.', 'User wants X.'],
    ['<|channel|>analysis<|message|>Need to read.<|end|><|start|>assistant<|channel|>commentary to=functions.read_file <|constrain|>json<|message|>{"path":"a"}<|call|>', '<|start|>assistant<|channel|>commentary to=functions.read_file <|constrain|>json<|message|>{"path":"a"}<|call|>', 'Need to read.'],
  ])('%j', (text, content, reasoning) => {
    expect(splitReasoning(text)).toEqual({ content, reasoning });
  });
});

describe('ThinkStreamSplitter', () => {
  function run(fragments: string[]): { content: string; reasoning: string } {
    const sp = new ThinkStreamSplitter();
    const pieces = [...fragments.flatMap((f) => sp.push(f)), ...sp.flush()];
    return { content: pieces.map((p) => p.content ?? '').join(''), reasoning: pieces.map((p) => p.reasoning ?? '').join('') };
  }

  it('keeps tags split across fragments out of both streams', () => {
    expect(run(['Hi <th', 'ink>plan ', 'more</thi', 'nk> answer'])).toEqual({ content: 'Hi  answer', reasoning: 'plan more' });
  });

  it('splits at every possible fragment boundary the same way', () => {
    const text = 'a<think>xy</think>b<think>z</think>c';
    for (let i = 1; i < text.length; i++) {
      expect(run([text.slice(0, i), text.slice(i)])).toEqual({ content: 'abc', reasoning: 'xyz' });
    }
  });

  it('releases a held-back partial tag that never completes', () => {
    expect(run(['a < b and x <th'])).toEqual({ content: 'a < b and x <th', reasoning: '' });
  });

  it('streams inline reasoning to onDelta as reasoning', async () => {
    srv = open.server(await startModelServer({ script: [{ reasoning: 'inline plan', reasoningField: 'think', content: 'final', chunkSize: 3 }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'qwen3:8b' });
    const seen = { content: '', reasoning: '' };
    const r = await p.chat({ messages: [{ role: 'user', content: 'x' }] }, { onDelta: (d) => { seen.content += d.content ?? ''; seen.reasoning += d.reasoning ?? ''; } });
    expect(seen).toEqual({ content: 'final', reasoning: 'inline plan' });
    expect([r.content, r.reasoning]).toEqual(['final', 'inline plan']);
  });
});

describe('structured output', () => {
  it('builds one anyOf branch per tool with the name pinned', () => {
    const s = toolCallJsonSchema(TOOLS) as { anyOf: { properties: { name: { enum: string[] }; arguments: unknown } }[] };
    expect(s.anyOf).toHaveLength(2);
    expect(s.anyOf[0]?.properties.name.enum).toEqual(['read_file']);
    expect(s.anyOf[1]?.properties.arguments).toEqual(TOOLS[1]!.parameters);
  });

  it('is chosen by profile and server kind, and off when the server is unknown', () => {
    const gemma = detectProfile('gemma3:12b').profile;
    const qwen3 = detectProfile('qwen3:8b').profile;
    expect(chooseStructuredOutput(gemma, 'llamacpp').mode).toBe('response_format');
    expect(chooseStructuredOutput(gemma, 'unknown').mode).toBeNull();
    expect(chooseStructuredOutput(qwen3, 'ollama').mode).toBeNull();
    expect(chooseStructuredOutput({ ...qwen3, structuredOutput: 'on' }, 'vllm').mode).toBe('response_format');
    expect(chooseStructuredOutput({ ...gemma, structuredOutput: 'off' }, 'lmstudio').mode).toBeNull();
  });

  it('is sent as response_format json_schema and the constrained answer is read back', async () => {
    srv = open.server(await startModelServer({ script: [{ content: '{"name":"bash","arguments":{"command":"npm test"}}' }] }));
    const p = new ModelProvider({ baseUrl: srv.url, model: 'gemma3:12b' });
    const r = await p.chat({ messages: [{ role: 'user', content: 'run tests' }], extraBody: structuredOutputBody('response_format', toolCallJsonSchema(TOOLS)) });
    const rf = srv.chatRequests[0]!.body!.response_format as { type: string; json_schema: { schema: { anyOf: unknown[] } } };
    expect(rf.type).toBe('json_schema');
    expect(rf.json_schema.schema.anyOf).toHaveLength(2);
    expect(readStructuredToolCall(r.content, TOOLS)).toEqual({ name: 'bash', arguments: { command: 'npm test' } });
  });

  it('offers vLLM guided_json as a mode and rejects a call to a tool that was not offered', () => {
    expect(structuredOutputBody('guided_json', { type: 'object' })).toEqual({ guided_json: { type: 'object' } });
    expect(readStructuredToolCall('{"name":"rm","arguments":{}}', TOOLS)).toBeNull();
    expect(readStructuredToolCall('not json', TOOLS)).toBeNull();
  });
});
