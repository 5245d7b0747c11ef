/**
 * Cases: argument and tool-name resolution against the schema — parameter aliases, type coercion,
 * nested arguments, name variants and synonyms, missing required parameters. Data only.
 */
import { call, type ParserCase } from '../case-types.js';
import type { ToolDefinition } from '../../../../server/model/messages.js';

/** A tool set where `edit_file` exists with its own names, to show aliases follow the schema. */
const EDIT_TOOLS: ToolDefinition[] = [
  {
    name: 'edit_file',
    parameters: { type: 'object', properties: { file_path: { type: 'string' }, old_string: { type: 'string' }, new_string: { type: 'string' } }, required: ['file_path', 'old_string', 'new_string'] },
  },
  { name: 'view_file', parameters: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] } },
];

export const ARGUMENT_CASES: ParserCase[] = [
  {
    name: 'file_path -> path',
    text: '{"name": "read_file", "arguments": {"file_path": "src/a.ts"}}',
    expect: { calls: [call('read_file', { path: 'src/a.ts' })], repairs: /file_path" -> "path/ },
  },
  {
    name: 'filename -> path',
    text: '{"name": "read_file", "arguments": {"filename": "a.ts"}}',
    expect: { calls: [call('read_file', { path: 'a.ts' })] },
  },
  {
    name: 'file -> path',
    text: '{"name": "write_file", "arguments": {"file": "a.txt", "content": "x"}}',
    expect: { calls: [call('write_file', { path: 'a.txt', content: 'x' })] },
  },
  {
    name: 'filePath camelCase -> path',
    text: '{"name": "read_file", "arguments": {"filePath": "a.ts"}}',
    expect: { calls: [call('read_file', { path: 'a.ts' })] },
  },
  {
    name: 'old_str / new_str -> search / replace',
    text: '{"name": "patch", "arguments": {"path": "a.ts", "old_str": "let x", "new_str": "const x"}}',
    expect: { calls: [call('patch', { path: 'a.ts', search: 'let x', replace: 'const x' })] },
  },
  {
    name: 'old / new -> search / replace',
    text: '{"name": "patch", "arguments": {"path": "a.ts", "old": "a", "new": "b"}}',
    expect: { calls: [call('patch', { path: 'a.ts', search: 'a', replace: 'b' })] },
  },
  {
    name: 'find / replacement -> search / replace',
    text: '{"name": "patch", "arguments": {"path": "a.ts", "find": "a", "replacement": "b"}}',
    expect: { calls: [call('patch', { path: 'a.ts', search: 'a', replace: 'b' })] },
  },
  {
    name: 'old_string / new_string (Claude Code names) -> search / replace',
    text: '{"name": "patch", "arguments": {"file_path": "a.ts", "old_string": "a", "new_string": "b"}}',
    expect: { calls: [call('patch', { path: 'a.ts', search: 'a', replace: 'b' })] },
  },
  {
    name: 'cmd -> command',
    text: '{"name": "bash", "arguments": {"cmd": "ls"}}',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'script -> command',
    text: '{"name": "bash", "arguments": {"script": "npm test"}}',
    expect: { calls: [call('bash', { command: 'npm test' })] },
  },
  {
    name: 'query -> pattern for search',
    text: '{"name": "search", "arguments": {"query": "TODO"}}',
    expect: { calls: [call('search', { pattern: 'TODO' })] },
  },
  {
    name: 'regex and directory -> pattern and path for search',
    text: '{"name": "search", "arguments": {"regex": "fn\\\\s+main", "directory": "src"}}',
    expect: { calls: [call('search', { pattern: 'fn\\s+main', path: 'src' })] },
  },
  {
    name: 'file_pattern -> glob when the search tool has both pattern and glob',
    text: '{"name": "search", "arguments": {"pattern": "foo", "file_pattern": "*.ts"}}',
    expect: { calls: [call('search', { pattern: 'foo', glob: '*.ts' })] },
  },
  {
    name: 'glob -> pattern for find_files',
    text: '{"name": "find_files", "arguments": {"glob": "**/*.go"}}',
    expect: { calls: [call('find_files', { pattern: '**/*.go' })] },
  },
  {
    name: 'startLine / endLine -> start_line / end_line',
    text: '{"name": "read_file", "arguments": {"path": "a.ts", "startLine": 5, "endLine": 9}}',
    expect: { calls: [call('read_file', { path: 'a.ts', start_line: 5, end_line: 9 })] },
  },
  {
    name: 'start / end -> start_line / end_line with numeric strings',
    text: '{"name": "read_file", "arguments": {"path": "a.ts", "start": "5", "end": "9"}}',
    expect: { calls: [call('read_file', { path: 'a.ts', start_line: 5, end_line: 9 })] },
  },
  {
    name: 'an alias never overwrites a given property',
    text: '{"name": "read_file", "arguments": {"path": "a.ts", "file": "b.ts"}}',
    expect: { calls: [call('read_file', { path: 'a.ts', file: 'b.ts' })] },
  },
  {
    name: 'aliases map onto the schema the tool really has (edit_file with old_string)',
    tools: EDIT_TOOLS,
    text: '{"name": "edit_file", "arguments": {"path": "a.ts", "search": "x", "replace": "y"}}',
    expect: { calls: [call('edit_file', { file_path: 'a.ts', old_string: 'x', new_string: 'y' })] },
  },
  {
    name: 'read_file maps onto view_file when that is the offered name',
    tools: EDIT_TOOLS,
    text: '{"name": "read_file", "arguments": {"path": "a.ts"}}',
    expect: { calls: [call('view_file', { file_path: 'a.ts' })] },
  },
  {
    name: 'numeric string -> integer',
    text: '{"name": "read_file", "arguments": {"path": "a.ts", "start_line": "10"}}',
    expect: { calls: [call('read_file', { path: 'a.ts', start_line: 10 })], repairs: /coerced/ },
  },
  {
    name: '"true" -> boolean',
    text: '{"name": "patch", "arguments": {"path": "a", "search": "b", "replace": "c", "replace_all": "true"}}',
    expect: { calls: [call('patch', { path: 'a', search: 'b', replace: 'c', replace_all: true })] },
  },
  {
    name: 'number -> string where the schema wants a string',
    text: '{"name": "search", "arguments": {"pattern": 404}}',
    expect: { calls: [call('search', { pattern: '404' })] },
  },
  {
    name: 'single value -> one-element array',
    text: '{"name": "todo", "arguments": {"action": "add", "items": "write tests"}}',
    expect: { calls: [call('todo', { action: 'add', items: ['write tests'] })] },
  },
  {
    name: 'JSON array given as a string -> array',
    text: '{"name": "todo", "arguments": {"action": "add", "items": "[\\"a\\", \\"b\\"]"}}',
    expect: { calls: [call('todo', { action: 'add', items: ['a', 'b'] })] },
  },
  {
    name: 'timeout numeric string -> number',
    text: '{"name": "bash", "arguments": {"command": "sleep 1", "timeout": "30"}}',
    expect: { calls: [call('bash', { command: 'sleep 1', timeout: 30 })] },
  },
  {
    name: 'object content -> JSON text where a string is expected',
    text: '{"name": "write_file", "arguments": {"path": "config.json", "content": {"debug": true}}}',
    expect: { calls: [call('write_file', { path: 'config.json', content: '{\n  "debug": true\n}' })] },
  },
  {
    name: 'arguments nested under arguments twice',
    text: '{"name": "read_file", "arguments": {"arguments": {"path": "a.ts"}}}',
    expect: { calls: [call('read_file', { path: 'a.ts' })], repairs: /nested/ },
  },
  {
    name: 'arguments nested under input',
    text: '{"name": "bash", "arguments": {"input": {"command": "ls"}}}',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'arguments nested under params',
    text: '<tool_call>{"name": "read_file", "arguments": {"params": {"path": "x"}}}</tool_call>',
    expect: { calls: [call('read_file', { path: 'x' })] },
  },
  {
    name: 'tool name readFile -> read_file',
    text: '{"name": "readFile", "arguments": {"path": "a"}}',
    expect: { calls: [call('read_file', { path: 'a' })], repairs: /readFile/ },
  },
  {
    name: 'tool name ReadFile -> read_file',
    text: '<tool_call>{"name": "ReadFile", "arguments": {"path": "a"}}</tool_call>',
    expect: { calls: [call('read_file', { path: 'a' })] },
  },
  {
    name: 'tool name read-file -> read_file',
    text: '{"name": "read-file", "arguments": {"path": "a"}}',
    expect: { calls: [call('read_file', { path: 'a' })] },
  },
  {
    name: 'tool name functions.bash -> bash',
    text: '{"name": "functions.bash", "arguments": {"command": "ls"}}',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'synonym view_file -> read_file',
    text: '<tool_call>{"name": "view_file", "arguments": {"path": "a.ts"}}</tool_call>',
    expect: { calls: [call('read_file', { path: 'a.ts' })] },
  },
  {
    name: 'synonym run_command -> bash with cmd alias',
    text: '<tool_call>{"name": "run_command", "arguments": {"cmd": "make"}}</tool_call>',
    expect: { calls: [call('bash', { command: 'make' })] },
  },
  {
    name: 'synonym str_replace_editor-ish edit_file -> patch with old_str/new_str',
    text: '<tool_call>{"name": "edit_file", "arguments": {"path": "a.py", "old_str": "1", "new_str": "2"}}</tool_call>',
    expect: { calls: [call('patch', { path: 'a.py', search: '1', replace: '2' })] },
  },
  {
    name: 'synonym grep -> search',
    text: '<tool_call>{"name": "grep", "arguments": {"pattern": "foo"}}</tool_call>',
    expect: { calls: [call('search', { pattern: 'foo' })] },
  },
  {
    name: 'synonym create_file -> write_file',
    text: '<tool_call>{"name": "create_file", "arguments": {"path": "n.txt", "content": ""}}</tool_call>',
    expect: { calls: [call('write_file', { path: 'n.txt', content: '' })] },
  },
  {
    name: 'missing required argument still returns the call with a note',
    text: '<tool_call>{"name": "patch", "arguments": {"path": "a.ts", "search": "x"}}</tool_call>',
    expect: { calls: [call('patch', { path: 'a.ts', search: 'x' })], repairs: /missing required argument\(s\) "replace"/ },
  },
  {
    name: 'one stray key fills the one missing required parameter',
    text: '<tool_call>{"name": "web_fetch", "arguments": {"target_url": "https://x.dev"}}</tool_call>',
    expect: { calls: [call('web_fetch', { url: 'https://x.dev' })] },
  },
  {
    name: 'bare string arguments fill the single required parameter',
    text: '<tool_call>{"name": "bash", "arguments": "ls -la"}</tool_call>',
    expect: { calls: [call('bash', { command: 'ls -la' })], repairs: /bare text/ },
  },
  {
    name: 'null optional argument is dropped',
    text: '{"name": "read_file", "arguments": {"path": "a.ts", "start_line": null}}',
    expect: { calls: [call('read_file', { path: 'a.ts' })] },
  },
  {
    name: 'single-element array where a string is expected',
    text: '{"name": "read_file", "arguments": {"path": ["a.ts"]}}',
    expect: { calls: [call('read_file', { path: 'a.ts' })] },
  },
  {
    name: 'ReAct input written as key=value pairs',
    text: 'Action: read_file\nAction Input: path=src/a.ts, start_line=3',
    expect: { calls: [call('read_file', { path: 'src/a.ts', start_line: 3 })] },
  },
  {
    name: 'ReAct input written as one YAML pair',
    text: 'Action: search\nAction Input: pattern: TODO',
    expect: { calls: [call('search', { pattern: 'TODO' })] },
  },
  {
    name: 'shell text with = stays the command',
    text: 'Action: bash\nAction Input: FOO=1 npm test',
    expect: { calls: [call('bash', { command: 'FOO=1 npm test' })] },
  },
  {
    name: 'singular key fills the plural property (item -> items)',
    text: '{"name": "todo", "arguments": {"action": "add", "item": ["write docs"]}}',
    expect: { calls: [call('todo', { action: 'add', items: ['write docs'] })] },
  },
  {
    name: 'invented namespace before the tool name',
    text: '<tool_call>{"name": "filesystem.read_file", "arguments": {"path": "a"}}</tool_call>',
    expect: { calls: [call('read_file', { path: 'a' })] },
  },
  {
    name: 'arguments string with a stray closing brace',
    text: '{"name": "read_file", "arguments": "{\\"path\\": \\"a.ts\\"}}"}',
    expect: { calls: [call('read_file', { path: 'a.ts' })], repairs: /stray brackets/ },
  },
  {
    name: 'tool name written with a space',
    text: '<tool_call>{"name": "read file", "arguments": {"path": "a"}}</tool_call>',
    expect: { calls: [call('read_file', { path: 'a' })] },
  },
  {
    name: 'enum value in the wrong case is matched',
    text: '{"name": "todo", "arguments": {"action": "LIST"}}',
    expect: { calls: [call('todo', { action: 'list' })], repairs: /matched "action"/ },
  },
];
