/**
 * The agent's structured sub-calls: classifyTask, decomposeTask, summariseHistory, repairToolCall.
 * Prompts come from ./prompts/*.md (data, not code); output shapes are zod schemas here.
 * Defined lazily so loading this module reads no files until a function is first used.
 */
import { z } from 'zod';
import { SmallCodeError } from '../../core/errors.js';
import type { ChatMessage, ToolDefinition } from '../messages.js';
import { definePromptFunction, type PromptFunction, type PromptFunctionSpec } from './define.js';
import { loadPromptFiles, type PromptFile } from './prompt-files.js';

let prompts: Map<string, PromptFile> | undefined;

function prompt(name: string): PromptFile {
  prompts ??= loadPromptFiles().items;
  const p = prompts.get(name);
  if (!p) throw new SmallCodeError('ConfigInvalid', `The built-in prompt "${name}" is missing or invalid (server/model/prompt-fn/prompts/${name}.md).`);
  return p;
}

function lazy<I, O>(name: string, rest: Omit<PromptFunctionSpec<I, O>, 'name' | 'system' | 'maxTokens' | 'ttlMs' | 'temperature'>): PromptFunction<I, O> {
  let fn: PromptFunction<I, O> | undefined;
  const get = (): PromptFunction<I, O> => {
    if (!fn) {
      const p = prompt(name);
      fn = definePromptFunction<I, O>({ name, system: p.system, maxTokens: p.maxTokens, ttlMs: p.ttlMs, temperature: p.temperature, ...rest });
    }
    return fn;
  };
  return {
    get spec() {
      return get().spec;
    },
    run: (provider, input, opts) => get().run(provider, input, opts),
  };
}

export const TaskClass = z.object({
  kind: z.enum(['edit', 'create', 'fix', 'refactor', 'test', 'explain', 'search', 'run', 'other']),
  complexity: z.enum(['trivial', 'small', 'multi-step', 'large']),
  needsPlan: z.boolean(),
  files: z.array(z.string()).default([]),
  summary: z.string().max(400),
});
export type TaskClassT = z.infer<typeof TaskClass>;

export const classifyTask = lazy<{ task: string; openFiles?: string[] }, TaskClassT>('classify-task', {
  output: TaskClass,
  render: ({ task, openFiles }) => `Task:\n${task}` + (openFiles?.length ? `\n\nFiles open in the editor:\n${openFiles.join('\n')}` : ''),
});

export const TodoStep = z.object({
  text: z.string().min(1).max(300),
  files: z.array(z.string()).default([]),
  verify: z.string().optional(),
});
export const TodoPlan = z.object({ steps: z.array(TodoStep).min(1).max(12) });
export type TodoPlanT = z.infer<typeof TodoPlan>;

export const decomposeTask = lazy<{ task: string; context?: string }, TodoPlanT>('decompose-task', {
  output: TodoPlan,
  maxInputChars: 16_000,
  render: ({ task, context }) => `Task:\n${task}` + (context ? `\n\nWhat is known about the code:\n${context}` : ''),
});

export const HistorySummary = z.object({
  summary: z.string().min(1),
  facts: z.array(z.string()).default([]),
  filesTouched: z.array(z.string()).default([]),
  openQuestions: z.array(z.string()).default([]),
});
export type HistorySummaryT = z.infer<typeof HistorySummary>;

function renderTurn(m: ChatMessage): string {
  switch (m.role) {
    case 'assistant': {
      const calls = (m.tool_calls ?? []).map((c) => `  -> ${c.function.name}(${c.function.arguments})`).join('\n');
      return `ASSISTANT: ${m.content ?? ''}${calls ? `\n${calls}` : ''}`;
    }
    case 'tool':
      return `TOOL RESULT${m.name ? ` (${m.name})` : ''}: ${m.content}`;
    default:
      return `${m.role.toUpperCase()}: ${m.content}`;
  }
}

export const summariseHistory = lazy<{ messages: ChatMessage[]; task?: string }, HistorySummaryT>('summarise-history', {
  output: HistorySummary,
  maxInputChars: 32_000,
  render: ({ messages, task }) => (task ? `The task: ${task}\n\n` : '') + `Conversation to compress:\n\n${messages.map(renderTurn).join('\n\n')}`,
});

export const RepairedCall = z.object({
  call: z.object({ name: z.string().min(1), arguments: z.record(z.string(), z.unknown()) }).nullable(),
  reason: z.string().optional(),
});
export type RepairedCallT = z.infer<typeof RepairedCall>;

export interface RepairInput {
  /** The model's unreadable answer. */
  text: string;
  tools: ToolDefinition[];
  /** What the parser said was wrong. */
  error?: string;
}

export const repairToolCall = lazy<RepairInput, RepairedCallT>('repair-tool-call', {
  output: RepairedCall,
  maxInputChars: 20_000,
  render: ({ text, tools, error }) =>
    `Tools:\n${tools.map((t) => `- ${t.name}${t.description ? `: ${t.description}` : ''}\n  parameters: ${JSON.stringify(t.parameters)}`).join('\n')}` +
    (error ? `\n\nWhy the answer could not be read: ${error}` : '') +
    `\n\nThe model's answer:\n<<<\n${text}\n>>>`,
  check: (out, input) => {
    if (out.call && !input.tools.some((t) => t.name === out.call!.name)) {
      return `"${out.call.name}" is not one of the tools: ${input.tools.map((t) => t.name).join(', ')}`;
    }
    return null;
  },
});
