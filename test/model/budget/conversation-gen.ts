/**
 * Generators of realistic agent conversations for the budget tests and bench: a system prompt, a task,
 * then assistant turns with tool calls and results (code, prose, JSON, non-ASCII), reasoning, and user
 * nudges. Deterministic from a seed; no I/O.
 */
import fc from 'fast-check';
import type { ChatMessage, ToolDefinition } from '../../../server/model/messages.js';

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODE = [
  'export function parse(input: string): Result {',
  '  const lines = input.split("\\n");',
  '  for (let i = 0; i < lines.length; i++) {',
  '    if (!lines[i]) continue;',
  '    result.push({ line: i + 1, text: lines[i].trim() });',
  '  }',
  '  return { ok: true, value: result };',
  '}',
  'def handle(self, request):',
  '    return self.router.dispatch(request.path, request.body)',
];
const PROSE = ['The tests failed because the parser ignores trailing commas.', 'I will read the file first and then edit the function.', 'Next, run the build to check the types.'];
const JSON_BITS = ['{"path": "src/a.ts", "line": 12, "match": "export const x = 1;"}', '{"name": "b", "kind": "function", "range": [3, 9]}'];
const UNICODE = ['编译错误：类型不匹配', 'Ошибка сборки', 'café naïve résumé', '🚀✅❌'];

export type TextKind = 'code' | 'prose' | 'json' | 'unicode';

export function makeText(kind: TextKind, length: number, seed: number): string {
  const r = rng(seed);
  const pool = kind === 'code' ? CODE : kind === 'prose' ? PROSE : kind === 'json' ? JSON_BITS : UNICODE;
  const sep = kind === 'prose' ? ' ' : '\n';
  let out = '';
  while (out.length < length) out += pool[Math.floor(r() * pool.length)]! + sep;
  return out.slice(0, length);
}

export function makeTools(n: number): ToolDefinition[] {
  const names = ['read_file', 'write_file', 'edit_file', 'search', 'grep', 'list_files', 'bash', 'run_tests', 'todo_write', 'find_symbol', 'git_diff', 'create_file', 'delete_file', 'web_fetch'];
  return names.slice(0, n).map((name) => ({
    name,
    description: `The ${name.replace('_', ' ')} tool. Use it when the task needs it; arguments are validated.`,
    parameters: { type: 'object', properties: { path: { type: 'string', description: 'Workspace-relative path' }, start_line: { type: 'integer' } }, required: ['path'] },
  }));
}

export interface TurnSpec {
  /** 'tools': assistant with calls and results; 'text': assistant text answered by a user nudge. */
  type: 'tools' | 'text';
  calls: { tool: number; kind: TextKind; length: number; error: boolean }[];
  reasoning: number;
  inlineThink: boolean;
  userAfter: boolean;
  seed: number;
}

export interface ConversationSpec {
  systemLength: number;
  taskLength: number;
  turns: TurnSpec[];
}

const kindArb = fc.constantFrom<TextKind>('code', 'prose', 'json', 'unicode');
const lengthArb = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 3000 }) }, { weight: 1, arbitrary: fc.integer({ min: 3000, max: 20000 }) });

export const turnArb: fc.Arbitrary<TurnSpec> = fc.record({
  type: fc.constantFrom<'tools' | 'text'>('tools', 'tools', 'tools', 'text'),
  calls: fc.array(fc.record({ tool: fc.integer({ min: 0, max: 13 }), kind: kindArb, length: lengthArb, error: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  reasoning: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4000 })),
  inlineThink: fc.boolean(),
  userAfter: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

export const conversationArb: fc.Arbitrary<ConversationSpec> = fc.record({
  systemLength: fc.integer({ min: 20, max: 3000 }),
  taskLength: fc.integer({ min: 5, max: 2000 }),
  turns: fc.array(turnArb, { maxLength: 40 }),
});

/** Builds the messages of a spec; the result satisfies validateConversation with strictAlternation. */
export function buildConversation(spec: ConversationSpec, tools: readonly ToolDefinition[]): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: 'system', content: `You are SmallCode. ${makeText('prose', spec.systemLength, 1)}` },
    { role: 'user', content: `Task: ${makeText('prose', spec.taskLength, 2)}` },
  ];
  let id = 0;
  spec.turns.forEach((t, ti) => {
    const reasoning = t.reasoning > 0 ? makeText('prose', t.reasoning, t.seed) : '';
    const prev = messages[messages.length - 1]!;
    if (t.type === 'text' || tools.length === 0) {
      if (prev.role === 'assistant') messages.push({ role: 'user', content: 'Please continue.' });
      const body = makeText('prose', 200, t.seed + 1);
      messages.push({ role: 'assistant', content: t.inlineThink && reasoning ? `<think>${reasoning}</think>\n${body}` : body, ...(reasoning && !t.inlineThink ? { reasoning_content: reasoning } : {}) });
      messages.push({ role: 'user', content: `Nudge ${ti}: ${makeText('prose', 80, t.seed + 2)}` });
      return;
    }
    const calls = t.calls.map((c) => {
      const tool = tools[c.tool % tools.length]!;
      return { id: `call_${id++}`, type: 'function' as const, function: { name: tool.name, arguments: JSON.stringify({ path: `src/f${c.tool}.ts`, start_line: c.length % 50 }) } };
    });
    const content = t.inlineThink && reasoning ? `<think>${reasoning}</think>` : null;
    messages.push({ role: 'assistant', content, tool_calls: calls, ...(reasoning && !t.inlineThink ? { reasoning_content: reasoning } : {}) });
    t.calls.forEach((c, i) => {
      const text = (c.error ? 'Error: command failed with exit code 1\n' : '') + makeText(c.kind, c.length, t.seed + i * 7);
      messages.push({ role: 'tool', tool_call_id: calls[i]!.id, name: calls[i]!.function.name, content: text });
    });
    if (t.userAfter) messages.push({ role: 'user', content: 'Keep going, and run the tests when done.' });
  });
  return messages;
}
