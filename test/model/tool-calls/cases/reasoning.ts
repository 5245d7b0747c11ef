/**
 * Cases: reasoning blocks around calls (Qwen3, DeepSeek-R1 distills, Phi-4-reasoning, GPT-OSS), the
 * answer arriving only in reasoning_content, and unambiguous plain-text intents (ReAct, labels).
 * Data only.
 */
import { call, type ParserCase } from '../case-types.js';

export const REASONING_CASES: ParserCase[] = [
  {
    name: 'Qwen3 think block then a tool_call',
    text: '<think>\nThe user wants the failing test fixed. I should read the test file first.\n</think>\n\n<tool_call>\n{"name": "read_file", "arguments": {"path": "test/a.test.ts"}}\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'test/a.test.ts' })] },
  },
  {
    name: 'think block containing a draft call; only the final call runs',
    text: '<think>Maybe {"name": "bash", "arguments": {"command": "rm -rf dist"}}? No, read first.</think>\n{"name": "read_file", "arguments": {"path": "package.json"}}',
    expect: { calls: [call('read_file', { path: 'package.json' })] },
  },
  {
    name: 'lone </think> (template opened the block) then a call',
    text: 'Okay, I need to list the files. Let me call find_files.\n</think>\n\n<tool_call>\n{"name": "find_files", "arguments": {"pattern": "*.ts"}}\n</tool_call>',
    expect: { calls: [call('find_files', { pattern: '*.ts' })] },
  },
  {
    name: 'DeepSeek-R1 distill: long think, then fenced JSON',
    text: "<think>\nAlright, so I need to figure out why the build fails. The error says cannot find module './utils'.\nI think I should look at the imports. Let me read src/index.ts.\n</think>\n\n```json\n{\"name\": \"read_file\", \"arguments\": {\"path\": \"src/index.ts\"}}\n```",
    expect: { calls: [call('read_file', { path: 'src/index.ts' })] },
  },
  {
    name: 'thinking tag variant <thinking>',
    text: '<thinking>need tests</thinking>\n<tool_call>{"name": "bash", "arguments": {"command": "npm test"}}</tool_call>',
    expect: { calls: [call('bash', { command: 'npm test' })] },
  },
  {
    name: 'answer only in reasoning_content (visible text empty)',
    text: '',
    reasoning: 'The user asks to run the tests.\n<tool_call>\n{"name": "bash", "arguments": {"command": "pytest"}}\n</tool_call>',
    expect: { calls: [call('bash', { command: 'pytest' })], repairs: /reasoning_content/ },
  },
  {
    name: 'reasoning_content holds thinking, </think>, then the answer',
    text: '   ',
    reasoning: 'I will read the file now.</think>\n{"name": "read_file", "arguments": {"path": "a.go"}}',
    expect: { calls: [call('read_file', { path: 'a.go' })] },
  },
  {
    name: 'reasoning_content is ignored when the visible text has the call',
    text: '<tool_call>{"name": "read_file", "arguments": {"path": "b.go"}}</tool_call>',
    reasoning: 'Should I run {"name": "bash", "arguments": {"command": "rm -rf /"}}? no.',
    expect: { calls: [call('read_file', { path: 'b.go' })] },
  },
  {
    name: 'Magistral [THINK] block',
    text: '[THINK]Let me check the docs.[/THINK]<tool_call>{"name": "web_fetch", "arguments": {"url": "https://docs.python.org/3/"}}</tool_call>',
    expect: { calls: [call('web_fetch', { url: 'https://docs.python.org/3/' })] },
  },
  {
    name: 'ReAct Action / Action Input',
    text: 'Thought: I need to see the source.\nAction: read_file\nAction Input: {"path": "src/app.py"}',
    expect: { calls: [call('read_file', { path: 'src/app.py' })] },
  },
  {
    name: 'ReAct with a plain-text input for a one-parameter tool',
    text: 'Thought: run the tests\nAction: bash\nAction Input: npm test',
    expect: { calls: [call('bash', { command: 'npm test' })] },
  },
  {
    name: 'ReAct with bold labels',
    text: '**Action:** search\n**Action Input:** {"pattern": "class User"}',
    expect: { calls: [call('search', { pattern: 'class User' })] },
  },
  {
    name: 'Tool: / Arguments: labels with JSON',
    text: 'Tool: read_file\nArguments: {"path": "lib/db.ts"}',
    expect: { calls: [call('read_file', { path: 'lib/db.ts' })] },
  },
  {
    name: '"I\'ll call read_file with" + JSON on the same line',
    text: 'I\'ll call read_file with {"path": "src/routes.ts"}',
    expect: { calls: [call('read_file', { path: 'src/routes.ts' })] },
  },
  {
    name: 'tool name label then a fenced argument object',
    text: 'Calling `write_file` with:\n```json\n{"path": "out/log.txt", "content": "done\\n"}\n```',
    expect: { calls: [call('write_file', { path: 'out/log.txt', content: 'done\n' })] },
  },
  {
    name: 'tool name alone on a line then an argument object',
    text: 'bash\n{"command": "ls -la"}',
    expect: { calls: [call('bash', { command: 'ls -la' })] },
  },
  {
    name: '"read_file:" label then JSON',
    text: 'read_file: {"path": "a.md"}',
    expect: { calls: [call('read_file', { path: 'a.md' })] },
  },
  {
    name: 'ReAct: the Observation section is not executed',
    text: 'Action: bash\nAction Input: {"command": "ls"}\nObservation: {"name": "bash", "arguments": {"command": "rm -rf /"}}',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'ReAct with a pythonic action',
    text: 'Thought: list\nAction: find_files(pattern="*.md")',
    expect: { calls: [call('find_files', { pattern: '*.md' })] },
  },
  {
    name: 'Harmony analysis channel is reasoning; the commentary call runs',
    text: '<|channel|>analysis<|message|>I might call to=functions.bash rm.<|end|><|start|>assistant<|channel|>commentary to=functions.read_file <|constrain|>json<|message|>{"path": "x"}<|call|>',
    expect: { calls: [call('read_file', { path: 'x' })] },
  },
  {
    name: 'plain-text intent: call a tool with a named backticked value',
    text: "I'll call read_file with path `src/server/index.ts` to see the handler.",
    expect: { calls: [call('read_file', { path: 'src/server/index.ts' })] },
  },
  {
    name: 'plain-text intent for a one-parameter tool',
    text: 'Now I will use bash with `npm test -- --run` to check the fix.',
    expect: { calls: [call('bash', { command: 'npm test -- --run' })] },
  },
  {
    name: 'bold tool name then a fenced argument object',
    text: '**write_file**\n```json\n{"path": "a.txt", "content": "x"}\n```',
    expect: { calls: [call('write_file', { path: 'a.txt', content: 'x' })] },
  },
  {
    name: 'use the X tool with the following arguments + fence',
    text: "I'll use the `search` tool with the following arguments:\n```json\n{\"pattern\": \"TODO\", \"path\": \"src\"}\n```",
    expect: { calls: [call('search', { pattern: 'TODO', path: 'src' })] },
  },
  {
    name: 'empty think block then a call (Qwen3 with thinking off)',
    text: '<think>\n\n</think>\n\n<tool_call>\n{"name": "find_files", "arguments": {"pattern": "**/*.rs"}}\n</tool_call>',
    expect: { calls: [call('find_files', { pattern: '**/*.rs' })] },
  },
  {
    name: 'Devstral label line followed by key: value lines',
    text: 'Tool: read_file\npath: "src/lib.rs"\nstart_line: 1\nend_line: 20',
    expect: { calls: [call('read_file', { path: 'src/lib.rs', start_line: 1, end_line: 20 })] },
  },
  {
    name: 'bracketed [Calling tool: name({...})] line',
    text: '[Calling tool: read_file({"path": "go.mod"})]',
    expect: { calls: [call('read_file', { path: 'go.mod' })] },
  },
  {
    name: 'a call after a hallucinated Observation is not executed',
    text: '<tool_call>{"name": "bash", "arguments": {"command": "npm test"}}</tool_call>\nObservation: All tests passed.\n<tool_call>{"name": "bash", "arguments": {"command": "git commit -am done"}}</tool_call>',
    expect: { calls: [call('bash', { command: 'npm test' })] },
  },
  {
    name: 'DeepSeek-R1 distill: Action: then a json fence after thinking',
    text: '<think>\nI need the config.\n</think>\n\nAction:\n```json\n{"name": "read_file", "arguments": {"path": "config.yaml"}}\n```',
    expect: { calls: [call('read_file', { path: 'config.yaml' })] },
  },
  {
    name: 'reasoning_content ending with a bare JSON call and a short sign-off',
    text: '',
    reasoning: 'The user wants the README. I will read it.\n{"name": "read_file", "arguments": {"path": "README.md"}}\nWaiting for the result.',
    expect: { calls: [call('read_file', { path: 'README.md' })] },
  },
  {
    name: 'ReAct with CRLF line endings',
    text: 'Thought: list files\r\nAction: find_files\r\nAction Input: {"pattern": "*.cs"}\r\n',
    expect: { calls: [call('find_files', { pattern: '*.cs' })] },
  },
  {
    name: 'CRLF json fence',
    text: 'Reading:\r\n```json\r\n{"name": "read_file", "arguments": {"path": "Program.cs"}}\r\n```\r\n',
    expect: { calls: [call('read_file', { path: 'Program.cs' })] },
  },
  {
    name: 'CRLF Tool line with key lines',
    text: 'Tool: read_file\r\npath: "src/lib.rs"\r\n',
    expect: { calls: [call('read_file', { path: 'src/lib.rs' })] },
  },
  {
    name: 'an explanation mentioning "e.g." above a real call does not hide it',
    text: 'The parser fails on empty input, e.g. when the file has no lines, so I will look at it first.\n<tool_call>{"name": "read_file", "arguments": {"path": "src/parser.ts"}}</tool_call>',
    expect: { calls: [call('read_file', { path: 'src/parser.ts' })] },
  },
  {
    name: 'an explanation mentioning a previous output above a real call does not hide it',
    text: 'The test output was long and the failure is in the date helper, which I will open now.\n{"name": "read_file", "arguments": {"path": "src/date.ts"}}',
    expect: { calls: [call('read_file', { path: 'src/date.ts' })] },
  },
];
