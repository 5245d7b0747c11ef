/**
 * Builds the system prompt (byte-identical across the turns of a task, so the server's KV cache is
 * reused) and the first user message (task, pointed-at code, repo map, memory). Pure text; no I/O.
 */
import type { ToolDefinition } from '../model/messages.js';

export type TextToolFormat = 'native' | 'hermes' | 'json' | 'xml' | 'pythonic' | 'text';

export interface SystemPromptInput {
  root: string;
  project: string | null;
  testCommand: string | null;
  /** How the model should write calls when the server does not parse them natively. */
  format: TextToolFormat;
  /** Tools to describe in the prompt when they are not sent natively. */
  promptTools?: readonly ToolDefinition[];
}

const RULES = [
  'Work in small steps, one tool call per step.',
  'Read a file with read_file before you change it.',
  'Change files with patch (search copied exactly from read_file, without line numbers) or write_file (new files). Never write partial files or "rest unchanged" comments.',
  'After changing code, run the tests with bash and fix what fails.',
  'When the task is done, answer with a short summary and no tool call.',
];

function formatExample(format: TextToolFormat): string {
  switch (format) {
    case 'json':
      return 'To call a tool, answer with only a JSON object: {"name": "read_file", "arguments": {"path": "src/app.ts"}}';
    case 'xml':
      return 'To call a tool, answer with only: <read_file><path>src/app.ts</path></read_file>';
    case 'pythonic':
      return 'To call a tool, answer with only: [read_file(path="src/app.ts")]';
    default:
      return 'To call a tool, answer with only: <tool_call>{"name": "read_file", "arguments": {"path": "src/app.ts"}}</tool_call>';
  }
}

function describeTools(tools: readonly ToolDefinition[]): string {
  return tools
    .map((t) => {
      const props = (t.parameters['properties'] ?? {}) as Record<string, { type?: string }>;
      const required = new Set((t.parameters['required'] as string[] | undefined) ?? []);
      const args = Object.entries(props).map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${v.type ?? 'any'}`);
      return `- ${t.name}(${args.join(', ')}): ${t.description ?? ''}`;
    })
    .join('\n');
}

export function systemPrompt(input: SystemPromptInput): string {
  const parts = [
    'You are SmallCode, a careful coding agent. You change the project only through tools.',
    `Workspace: ${input.root}`,
  ];
  // The project summary already names the test command (or says there is none): say it once.
  if (input.project) parts.push(/^Project:/.test(input.project) ? input.project : `Project: ${input.project}`);
  if (!input.project || (input.testCommand && !input.project.includes(input.testCommand))) {
    parts.push(input.testCommand ? `Test command: ${input.testCommand}` : 'No test command was detected.');
  }
  parts.push('Rules:\n' + RULES.map((r) => `- ${r}`).join('\n'));
  if (input.format !== 'native' || input.promptTools) {
    parts.push(formatExample(input.format === 'native' ? 'hermes' : input.format));
  }
  if (input.promptTools && input.promptTools.length > 0) parts.push('Tools:\n' + describeTools(input.promptTools));
  return parts.join('\n\n');
}

export interface TaskMessageInput {
  task: string;
  pointedAt?: { path: string; text: string }[];
  repoMap?: string | null;
  memory?: string | null;
  plan?: string | null;
}

export function taskMessage(input: TaskMessageInput): string {
  const parts = [`Task: ${input.task.trim()}`];
  for (const p of input.pointedAt ?? []) parts.push(`The user points at ${p.path}:\n\`\`\`\n${p.text}\n\`\`\``);
  if (input.plan) parts.push(`Plan:\n${input.plan}`);
  if (input.memory) parts.push(`Notes from earlier work:\n${input.memory}`);
  if (input.repoMap) parts.push(`Repository map (most relevant files first):\n${input.repoMap}`);
  return parts.join('\n\n');
}

/** Words that mark a task as one that must change files (a question or an explanation need not). */
export function taskNeedsEdits(task: string): boolean {
  // Questions ("explain what add does", "why does X fail?") need an answer, not an edit.
  if (/^\s*(explain|what|why|how|where|which|who|when|describe|summari[sz]e|list|show|tell|is|are|does|do|can|could)\b/i.test(task) && !/\b(then|and) (fix|change|update|implement|add)\b/i.test(task)) return false;
  // A bug report without an imperative ("parseDate is off by one hour", "sum() should ignore nulls") is still a change request.
  return /\b(fix|add|implement|create|write|rename|change|update|refactor|remove|delete|replace|move|make|convert|support|handle|introduce|extract|thread|pass|return|modify|rewrite|insert|append|ensure|allow|accept|validate|throw|raise|bug|wrong|broken|incorrect|fail(s|ing)?|crash(es)?|should|must|instead|off by)\b/i.test(task);
}
