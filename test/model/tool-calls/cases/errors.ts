/**
 * Cases: clear attempts at a call that cannot be recovered. The error must say what was wrong and
 * what to send instead (real tool names, expected parameters, an example). Data only.
 */
import { call, type ParserCase } from '../case-types.js';

export const ERROR_CASES: ParserCase[] = [
  {
    name: 'unknown tool in a tool_call tag names the real tools',
    text: '<tool_call>{"name": "deploy_app", "arguments": {"env": "prod"}}</tool_call>',
    expect: { error: /Unknown tool "deploy_app"[\s\S]*read_file, write_file, patch, bash/ },
  },
  {
    name: 'unknown tool as bare JSON with arguments',
    text: '{"name": "delete_everything", "arguments": {}}',
    expect: { error: /Unknown tool "delete_everything"/ },
  },
  {
    name: 'unknown tool error shows the exact format to use',
    text: '<tool_call>{"name": "frobnicate", "arguments": {}}</tool_call>',
    expect: { error: /<tool_call>\{"name": "read_file", "arguments": \{"path": "<path>"\}\}<\/tool_call>/ },
  },
  {
    name: 'unreadable JSON in a tool_call tag',
    text: '<tool_call>{"name": "bash", "arguments": {"command" "ls -la"}}</tool_call>',
    expect: { error: /Could not read your tool call|not valid JSON|could not be read/ },
  },
  {
    name: 'tool_call tag with no tool name',
    text: '<tool_call>{"path": "a.ts"}</tool_call>',
    expect: { error: /no tool name/ },
  },
  {
    name: 'empty tool_call tag',
    text: '<tool_call>\n</tool_call>',
    expect: { error: /empty/ },
  },
  {
    name: 'plain-text arguments for a tool with several required parameters',
    text: '<tool_call>{"name": "patch", "arguments": "change x to y"}</tool_call>',
    expect: { error: /arguments for "patch" must be a JSON object with "path", "search", "replace"/ },
  },
  {
    name: 'one good call and one unknown: the good one is returned with an error',
    text: '<tool_call>{"name": "read_file", "arguments": {"path": "a"}}</tool_call>\n<tool_call>{"name": "teleport", "arguments": {}}</tool_call>',
    expect: { error: /Unknown tool "teleport"/, calls: [call('read_file', { path: 'a' })] },
  },
  {
    name: 'unknown tool in a json fence with tool key',
    text: '```json\n{"tool": "open_browser", "args": {"url": "x"}}\n```',
    expect: { error: /Unknown tool "open_browser"/ },
  },
  {
    name: 'unknown Mistral v11 tool',
    text: '[TOOL_CALLS]make_coffee[ARGS]{"size": "large"}',
    expect: { error: /Unknown tool "make_coffee"/ },
  },
  {
    name: 'unknown Qwen3-Coder function',
    text: '<tool_call>\n<function=launch_rocket>\n<parameter=target>\nmoon\n</parameter>\n</function>\n</tool_call>',
    expect: { error: /Unknown tool "launch_rocket"/ },
  },
  {
    name: 'unknown tool in a tool_code fence',
    text: '```tool_code\nsend_email(to="a@b.c")\n```',
    expect: { error: /Unknown tool "send_email"/ },
  },
  {
    name: 'arguments that are a list of strings',
    text: '<tool_call>{"name": "read_file", "arguments": ["a.ts", "b.ts"]}</tool_call>',
    expect: { error: /must be a JSON object with "path"/ },
  },
  {
    name: 'tool_call tag holding prose',
    text: '<tool_call>\nI want to read the main file please\n</tool_call>',
    expect: { error: /Unknown tool|tool name/ },
  },
  {
    name: 'error lists the real tool names when JSON is unreadable',
    text: '<tool_call>{{{{</tool_call>',
    expect: { error: /The available tools are: read_file/ },
  },
  {
    name: 'a misspelt tool name gets a did-you-mean hint',
    text: '<tool_call>{"name": "web_fetcher", "arguments": {"url": "https://x.dev"}}</tool_call>',
    expect: { error: /Unknown tool "web_fetcher"\. Did you mean "web_fetch"\?/ },
  },
];
