/**
 * Cases: calls written as JSON — OpenAI-style objects (arguments as object, string, double-encoded),
 * bare objects and arrays, fenced json blocks, containers, several calls in order. Data only.
 */
import { call, type ParserCase } from '../case-types.js';

export const JSON_CASES: ParserCase[] = [
  {
    name: 'bare object with name and arguments (Qwen2.5-Coder without tags)',
    text: '{"name": "read_file", "arguments": {"path": "src/index.ts"}}',
    expect: { calls: [call('read_file', { path: 'src/index.ts' })] },
  },
  {
    name: 'OpenAI tool_calls object with arguments as a JSON string',
    text: '{"tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "bash", "arguments": "{\\"command\\": \\"npm test\\"}"}}]}',
    expect: { calls: [call('bash', { command: 'npm test' })], repairs: /JSON string/ },
  },
  {
    name: 'OpenAI function object with arguments as an object',
    text: '{"type": "function", "function": {"name": "read_file", "arguments": {"path": "a.py"}}}',
    expect: { calls: [call('read_file', { path: 'a.py' })] },
  },
  {
    name: 'arguments double-encoded as a string inside a string',
    text: '{"name": "read_file", "arguments": "\\"{\\\\\\"path\\\\\\": \\\\\\"lib/x.go\\\\\\"}\\""}',
    expect: { calls: [call('read_file', { path: 'lib/x.go' })], repairs: /double-encoded/ },
  },
  {
    name: 'Llama 3.x name + parameters without python_tag',
    text: '{"name": "search", "parameters": {"pattern": "TODO", "path": "src"}}',
    expect: { calls: [call('search', { pattern: 'TODO', path: 'src' })] },
  },
  {
    name: 'array of two calls keeps order',
    text: '[{"name": "read_file", "arguments": {"path": "a.ts"}}, {"name": "read_file", "arguments": {"path": "b.ts"}}]',
    expect: { calls: [call('read_file', { path: 'a.ts' }), call('read_file', { path: 'b.ts' })] },
  },
  {
    name: 'fenced json block after a sentence',
    text: "I'll look at the config first.\n\n```json\n{\"name\": \"read_file\", \"arguments\": {\"path\": \"tsconfig.json\"}}\n```",
    expect: { calls: [call('read_file', { path: 'tsconfig.json' })] },
  },
  {
    name: 'unlabelled fence with a call',
    text: '```\n{"name": "bash", "arguments": {"command": "ls -la"}}\n```',
    expect: { calls: [call('bash', { command: 'ls -la' })] },
  },
  {
    name: 'fenced tool_call block',
    text: '```tool_call\n{"name": "find_files", "arguments": {"pattern": "**/*.test.ts"}}\n```',
    expect: { calls: [call('find_files', { pattern: '**/*.test.ts' })] },
  },
  {
    name: 'two fenced json blocks in one message',
    text: 'First:\n```json\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n```\nThen:\n```json\n{"name": "bash", "arguments": {"command": "npm test"}}\n```',
    expect: { calls: [call('read_file', { path: 'a.ts' }), call('bash', { command: 'npm test' })] },
  },
  {
    name: 'JSON lines: two objects on separate lines in one fence',
    text: '```json\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n{"name": "read_file", "arguments": {"path": "b.ts"}}\n```',
    expect: { calls: [call('read_file', { path: 'a.ts' }), call('read_file', { path: 'b.ts' })] },
  },
  {
    name: '{"tool": ..., "args": ...} shape',
    text: '{"tool": "bash", "args": {"command": "git status"}}',
    expect: { calls: [call('bash', { command: 'git status' })] },
  },
  {
    name: '{"tool_name": ..., "tool_input": ...} shape',
    text: '{"tool_name": "web_fetch", "tool_input": {"url": "https://example.com/docs"}}',
    expect: { calls: [call('web_fetch', { url: 'https://example.com/docs' })] },
  },
  {
    name: 'LangChain action / action_input shape',
    text: '```json\n{\n  "action": "search",\n  "action_input": {"pattern": "parseArgs"}\n}\n```',
    expect: { calls: [call('search', { pattern: 'parseArgs' })] },
  },
  {
    name: 'tool name as the single key',
    text: '{"read_file": {"path": "README.md"}}',
    expect: { calls: [call('read_file', { path: 'README.md' })] },
  },
  {
    name: 'arguments beside the name, not nested',
    text: '{"name": "write_file", "path": "out.txt", "content": "hello\\n"}',
    expect: { calls: [call('write_file', { path: 'out.txt', content: 'hello\n' })] },
  },
  {
    name: 'function_calls container',
    text: '{"function_calls": [{"name": "bash", "arguments": {"command": "make"}}]}',
    expect: { calls: [call('bash', { command: 'make' })] },
  },
  {
    name: 'multi_tool_use style recipient_name',
    text: '{"tool_uses": [{"recipient_name": "functions.read_file", "parameters": {"path": "a.md"}}, {"recipient_name": "functions.bash", "parameters": {"command": "ls"}}]}',
    expect: { calls: [call('read_file', { path: 'a.md' }), call('bash', { command: 'ls' })] },
  },
  {
    name: 'JSON call embedded mid-paragraph',
    text: 'Sure, reading it now {"name": "read_file", "arguments": {"path": "main.go"}} and then I will explain.',
    expect: { calls: [call('read_file', { path: 'main.go' })] },
  },
  {
    name: 'pretty-printed multi-line object',
    text: '{\n  "name": "patch",\n  "arguments": {\n    "path": "src/app.ts",\n    "search": "const port = 3000;",\n    "replace": "const port = Number(process.env.PORT ?? 3000);"\n  }\n}',
    expect: { calls: [call('patch', { path: 'src/app.ts', search: 'const port = 3000;', replace: 'const port = Number(process.env.PORT ?? 3000);' })] },
  },
  {
    name: 'escaped newlines in content are decoded',
    text: '{"name": "write_file", "arguments": {"path": "a.py", "content": "def f():\\n    return 1\\n"}}',
    expect: { calls: [call('write_file', { path: 'a.py', content: 'def f():\n    return 1\n' })] },
  },
  {
    name: 'unicode escapes are decoded',
    text: '{"name": "write_file", "arguments": {"path": "x.txt", "content": "caf\\u00e9"}}',
    expect: { calls: [call('write_file', { path: 'x.txt', content: 'café' })] },
  },
  {
    name: 'whole call encoded as a JSON string in a tool_call fence',
    text: '```tool_call\n"{\\"name\\": \\"bash\\", \\"arguments\\": {\\"command\\": \\"pwd\\"}}"\n```',
    expect: { calls: [call('bash', { command: 'pwd' })] },
  },
  {
    name: 'json fence with a leading explanation and a trailing note',
    text: 'Let me run the tests to see what fails.\n```json\n{"name": "bash", "arguments": {"command": "npx vitest run"}}\n```\nI will wait for the output.',
    expect: { calls: [call('bash', { command: 'npx vitest run' })] },
  },
  {
    name: 'object with id and type noise around name/arguments',
    text: '{"id": "call_abc", "type": "function", "name": "read_file", "arguments": {"path": "pkg/a.go"}}',
    expect: { calls: [call('read_file', { path: 'pkg/a.go' })] },
  },
  {
    name: 'empty arguments object for a tool with optional params',
    text: '{"name": "todo", "arguments": {"action": "list"}}',
    expect: { calls: [call('todo', { action: 'list' })] },
  },
  {
    name: 'json fence labelled JSON in capitals',
    text: '```JSON\n{"name": "read_file", "arguments": {"path": "a"}}\n```',
    expect: { calls: [call('read_file', { path: 'a' })] },
  },
  {
    name: 'tilde fence',
    text: '~~~json\n{"name": "bash", "arguments": {"command": "ls"}}\n~~~',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'inline ```json{...}``` on one line',
    text: '```json{"name": "read_file", "arguments": {"path": "a.ts"}}```',
    expect: { calls: [call('read_file', { path: 'a.ts' })] },
  },
  {
    name: 'xLAM style top-level list in tool_calls key',
    text: '{"thought": "need the file", "tool_calls": [{"name": "read_file", "arguments": {"path": "x.rs"}}]}',
    expect: { calls: [call('read_file', { path: 'x.rs' })] },
  },
  {
    name: 'nested quotes properly escaped stay exact',
    text: '{"name": "bash", "arguments": {"command": "grep -rn \\"TODO\\" src"}}',
    expect: { calls: [call('bash', { command: 'grep -rn "TODO" src' })] },
  },
  {
    name: 'Windows path with escaped backslashes',
    text: '{"name": "read_file", "arguments": {"path": "C:\\\\proj\\\\a.ts"}}',
    expect: { calls: [call('read_file', { path: 'C:\\proj\\a.ts' })] },
  },
  {
    name: 'a call followed by the same call again is kept once',
    text: '{"name": "read_file", "arguments": {"path": "a.ts"}}\n{"name": "read_file", "arguments": {"path": "a.ts"}}',
    expect: { calls: [call('read_file', { path: 'a.ts' })], repairs: /repeated/ },
  },
  {
    name: 'json fence whose content has ``` lines (README being written)',
    text: '```json\n{"name": "write_file", "arguments": {"path": "README.md", "content": "# Tool\\n\\n```bash\\nnpm install tool\\n```\\n\\nDone.\\n"}}\n```',
    expect: { calls: [call('write_file', { path: 'README.md', content: '# Tool\n\n```bash\nnpm install tool\n```\n\nDone.\n' })] },
  },
  {
    name: 'json fence whose raw multi-line content has ``` lines',
    text: '```json\n{"name": "write_file", "arguments": {"path": "docs/usage.md", "content": "## Usage\n```sh\nsmallcode run \\"task\\"\n```\n"}}\n```\nThis writes the docs.',
    expect: { calls: [call('write_file', { path: 'docs/usage.md', content: '## Usage\n```sh\nsmallcode run "task"\n```\n' })] },
  },
  {
    name: 'two objects separated by a space (Llama 3.1 on Ollama)',
    text: '{\n  "name": "read_file",\n  "arguments": {\n    "path": "a.ts"\n  }\n} {\n  "name": "bash",\n  "arguments": {\n    "command": "ls"\n  }\n}',
    expect: { calls: [call('read_file', { path: 'a.ts' }), call('bash', { command: 'ls' })] },
  },
  {
    name: 'toolcalls container without underscore and a squashed tool name (Devstral)',
    text: '{\n  "toolcalls": [\n    {\n      "name": "readfile",\n      "arguments": {"path": "src/util.rs", "startline": 20},\n      "id": "162875335"\n    }\n  ]\n}',
    expect: { calls: [call('read_file', { path: 'src/util.rs', start_line: 20 })] },
  },
  {
    name: 'Llama 4 JSON with a capitalised tool name and cut-off arguments',
    text: '{"type": "function", "name": "Bash", "parameters": {"command": "echo hello", "timeout": 12000',
    expect: { calls: [call('bash', { command: 'echo hello', timeout: 12000 })] },
  },
  {
    name: 'Llama JSON followed by a question to the user',
    text: '{"type": "function", "name": "todo", "parameters": {"action": "list"}} \n\nWould you like me to add more items?',
    expect: { calls: [call('todo', { action: 'list' })] },
  },
  {
    name: 'fence language is the tool name, body is the argument object',
    text: '```read_file\n{"path": "src/config.ts"}\n```',
    expect: { calls: [call('read_file', { path: 'src/config.ts' })] },
  },
  {
    name: 'bash-named fence with an argument object',
    text: '```bash\n{"command": "npm run lint"}\n```',
    expect: { calls: [call('bash', { command: 'npm run lint' })] },
  },
];
