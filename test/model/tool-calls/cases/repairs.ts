/**
 * Cases: broken JSON that small models produce and the parser repairs — trailing commas, single
 * quotes, unquoted keys, comments, Python literals, raw newlines and unescaped quotes in code,
 * truncation, missing commas and brackets. Data only.
 */
import { call, type ParserCase } from '../case-types.js';

export const REPAIR_CASES: ParserCase[] = [
  {
    name: 'trailing comma in arguments',
    text: '{"name": "read_file", "arguments": {"path": "a.ts",}}',
    expect: { calls: [call('read_file', { path: 'a.ts' })], repairs: /trailing commas/ },
  },
  {
    name: 'trailing comma in an array of calls',
    text: '[{"name": "read_file", "arguments": {"path": "a"}},]',
    expect: { calls: [call('read_file', { path: 'a' })], repairs: /trailing commas/ },
  },
  {
    name: 'single-quoted keys and values (Python dict)',
    text: "{'name': 'bash', 'arguments': {'command': 'ls -la'}}",
    expect: { calls: [call('bash', { command: 'ls -la' })], repairs: /single quotes/ },
  },
  {
    name: 'unquoted keys (JavaScript object)',
    text: '{name: "read_file", arguments: {path: "src/a.ts"}}',
    expect: { calls: [call('read_file', { path: 'src/a.ts' })], repairs: /unquoted keys/ },
  },
  {
    name: 'line comment after a value',
    text: '{\n  "name": "read_file", // the file with the bug\n  "arguments": {"path": "src/bug.ts"}\n}',
    expect: { calls: [call('read_file', { path: 'src/bug.ts' })], repairs: /comments/ },
  },
  {
    name: 'block comment',
    text: '{"name": "bash", /* run tests */ "arguments": {"command": "npm test"}}',
    expect: { calls: [call('bash', { command: 'npm test' })], repairs: /comments/ },
  },
  {
    name: 'Python True/None literals',
    text: "{'name': 'patch', 'arguments': {'path': 'a.py', 'search': 'a', 'replace': 'b', 'replace_all': True}}",
    expect: { calls: [call('patch', { path: 'a.py', search: 'a', replace: 'b', replace_all: true })] },
  },
  {
    name: 'raw newlines inside a code string',
    text: '<tool_call>\n{"name": "write_file", "arguments": {"path": "a.py", "content": "import os\n\ndef main():\n    print(os.getcwd())\n"}}\n</tool_call>',
    expect: { calls: [call('write_file', { path: 'a.py', content: 'import os\n\ndef main():\n    print(os.getcwd())\n' })], repairs: /raw newlines/ },
  },
  {
    name: 'unescaped double quotes inside code',
    text: '<tool_call>{"name": "patch", "arguments": {"path": "a.js", "search": "console.log("hi")", "replace": "console.log("hello")"}}</tool_call>',
    expect: { calls: [call('patch', { path: 'a.js', search: 'console.log("hi")', replace: 'console.log("hello")' })], repairs: /quotes/ },
  },
  {
    name: 'unescaped quotes and raw newlines together in a Python file',
    text: '{"name": "write_file", "arguments": {"path": "greet.py", "content": "def greet(name):\n    return f"Hello, {name}!"\n"}}',
    expect: { calls: [call('write_file', { path: 'greet.py', content: 'def greet(name):\n    return f"Hello, {name}!"\n' })] },
  },
  {
    name: 'unescaped quotes with a comma inside code',
    text: '{"name": "write_file", "arguments": {"path": "a.ts", "content": "const xs = ["a", "b"];\n"}}',
    expect: { calls: [call('write_file', { path: 'a.ts', content: 'const xs = ["a", "b"];\n' })] },
  },
  {
    name: 'truncated JSON closed (missing two braces)',
    text: '{"name": "read_file", "arguments": {"path": "src/a.ts"',
    expect: { calls: [call('read_file', { path: 'src/a.ts' })], repairs: /truncated/ },
  },
  {
    name: 'truncated mid-value of the last argument keeps the prefix',
    text: '{"name": "bash", "arguments": {"command": "npm run te',
    expect: { calls: [call('bash', { command: 'npm run te' })], repairs: /truncated/ },
  },
  {
    name: 'truncated after a key drops the dangling key',
    text: '{"name": "read_file", "arguments": {"path": "a.ts", "start_line":',
    expect: { calls: [call('read_file', { path: 'a.ts' })], repairs: /truncated/ },
  },
  {
    name: 'missing comma between members',
    text: '{"name": "read_file" "arguments": {"path": "a.ts"}}',
    expect: { calls: [call('read_file', { path: 'a.ts' })], repairs: /missing commas/ },
  },
  {
    name: 'mismatched closing bracket',
    text: '{"name": "read_file", "arguments": {"path": "a.ts"]}',
    expect: { calls: [call('read_file', { path: 'a.ts' })], repairs: /mismatched/ },
  },
  {
    name: 'unquoted string values',
    text: '{name: read_file, arguments: {path: src/index.ts}}',
    expect: { calls: [call('read_file', { path: 'src/index.ts' })], repairs: /unquoted values/ },
  },
  {
    name: 'regex backslashes that are not valid JSON escapes are kept',
    text: '{"name": "search", "arguments": {"pattern": "\\d+\\s*px"}}',
    expect: { calls: [call('search', { pattern: '\\d+\\s*px' })], repairs: /invalid escapes/ },
  },
  {
    name: 'extra text after the JSON inside tool_call',
    text: '<tool_call>{"name": "bash", "arguments": {"command": "ls"}} (listing files)</tool_call>',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'equals sign instead of colon',
    text: '{"name" = "read_file", "arguments" = {"path" = "a.md"}}',
    expect: { calls: [call('read_file', { path: 'a.md' })] },
  },
  {
    name: 'backtick template string as content',
    text: '{"name": "write_file", "arguments": {"path": "a.md", "content": `# Title\nbody`}}',
    expect: { calls: [call('write_file', { path: 'a.md', content: '# Title\nbody' })] },
  },
  {
    name: 'tab characters inside a string',
    text: '{"name": "write_file", "arguments": {"path": "Makefile", "content": "all:\n\tgo build ./...\n"}}',
    expect: { calls: [call('write_file', { path: 'Makefile', content: 'all:\n\tgo build ./...\n' })] },
  },
  {
    name: 'fenced JSON with a trailing comma and a comment',
    text: '```json\n{\n  "name": "bash",\n  "arguments": {\n    "command": "cargo test", // run everything\n  },\n}\n```',
    expect: { calls: [call('bash', { command: 'cargo test' })] },
  },
  {
    name: 'truncated fenced JSON (no closing fence)',
    text: '```json\n{"name": "write_file", "arguments": {"path": "a.txt", "content": "abc',
    expect: { calls: [call('write_file', { path: 'a.txt', content: 'abc' })] },
  },
  {
    name: 'JSON with HTML inside the content',
    text: '<tool_call>{"name": "write_file", "arguments": {"path": "index.html", "content": "<html>\n<body><h1 class=\\"t\\">Hi</h1></body>\n</html>\n"}}</tool_call>',
    expect: { calls: [call('write_file', { path: 'index.html', content: '<html>\n<body><h1 class="t">Hi</h1></body>\n</html>\n' })] },
  },
  {
    name: 'content containing a JSON document with braces',
    text: '{"name": "write_file", "arguments": {"path": "package.json", "content": "{\\n  \\"name\\": \\"demo\\"\\n}\\n"}}',
    expect: { calls: [call('write_file', { path: 'package.json', content: '{\n  "name": "demo"\n}\n' })] },
  },
  {
    name: 'Go code with unescaped quotes and braces',
    text: '<tool_call>\n{"name": "write_file", "arguments": {"path": "main.go", "content": "package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n"}}\n</tool_call>',
    expect: { calls: [call('write_file', { path: 'main.go', content: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n' })] },
  },
  {
    name: 'shell command with unescaped quotes and a pipe',
    text: '{"name": "bash", "arguments": {"command": "grep -rn "useState" src | head"}}',
    expect: { calls: [call('bash', { command: 'grep -rn "useState" src | head' })] },
  },
  {
    name: 'hash comment line inside JSON',
    text: '{\n  # read the file\n  "name": "read_file",\n  "arguments": {"path": "a.py"}\n}',
    expect: { calls: [call('read_file', { path: 'a.py' })] },
  },
  {
    name: 'double comma',
    text: '{"name": "read_file",, "arguments": {"path": "a.py"}}',
    expect: { calls: [call('read_file', { path: 'a.py' })] },
  },
  {
    name: 'smart-quoted string that ends a code line with a semicolon',
    text: '{"name": "patch", "arguments": {"path": "a.ts", "search": "const s = "x";", "replace": "const s = "y";"}}',
    expect: { calls: [call('patch', { path: 'a.ts', search: 'const s = "x";', replace: 'const s = "y";' })] },
  },
  {
    name: 'truncated nested array of calls',
    text: '[{"name": "read_file", "arguments": {"path": "a"}}, {"name": "read_file", "arguments": {"path": "b"',
    expect: { calls: [call('read_file', { path: 'a' }), call('read_file', { path: 'b' })] },
  },
  {
    name: 'Qwen2.5-Coder HTML content with unescaped attribute quotes',
    text: '```json\n{"name": "write_file", "arguments": {"file_path": "index.html", "content": "\\n<html lang="en">\\n<meta charset="UTF-8">\\n<title>Doc</title>\\n</html>\\n"}}\n```',
    expect: { calls: [call('write_file', { path: 'index.html', content: '\n<html lang="en">\n<meta charset="UTF-8">\n<title>Doc</title>\n</html>\n' })] },
  },
  {
    name: 'multi-line search/replace with raw newlines in a json fence',
    text: '```json\n{\n  "name": "patch",\n  "arguments": {\n    "path": "src/math.ts",\n    "search": "export function add(a, b) {\n  return a - b;\n}",\n    "replace": "export function add(a, b) {\n  return a + b;\n}"\n  }\n}\n```',
    expect: { calls: [call('patch', { path: 'src/math.ts', search: 'export function add(a, b) {\n  return a - b;\n}', replace: 'export function add(a, b) {\n  return a + b;\n}' })] },
  },
  {
    name: 'arguments string written with Python single quotes',
    text: '{"name": "bash", "arguments": "{\'command\': \'ls\'}"}',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'Windows path with single backslashes keeps them',
    text: '{"name": "read_file", "arguments": {"path": "C:\\Users\\me\\a.txt"}}',
    expect: { calls: [call('read_file', { path: 'C:\\Users\\me\\a.txt' })] },
  },
];
