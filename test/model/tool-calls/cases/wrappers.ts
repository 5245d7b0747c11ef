/**
 * Cases: explicit call wrappers and special tokens — Hermes/Qwen <tool_call>, Llama <|python_tag|>,
 * Mistral [TOOL_CALLS] (old and v11), <function=...>, Qwen3-Coder parameters, Liquid, Granite, Phi,
 * DeepSeek, Kimi, GLM, GPT-OSS Harmony, <invoke>, cut-off tags. Data only.
 */
import { call, type ParserCase } from '../case-types.js';

export const WRAPPER_CASES: ParserCase[] = [
  {
    name: 'Hermes / Qwen2.5 tool_call tag',
    text: '<tool_call>\n{"name": "read_file", "arguments": {"path": "src/server.ts"}}\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'src/server.ts' })] },
  },
  {
    name: 'two tool_call tags in order',
    text: '<tool_call>\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n</tool_call>\n<tool_call>\n{"name": "read_file", "arguments": {"path": "b.ts"}}\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'a.ts' }), call('read_file', { path: 'b.ts' })] },
  },
  {
    name: 'tool_call tag after prose',
    text: "The failing test imports `parse` from utils. Let me read it.\n<tool_call>\n{\"name\": \"read_file\", \"arguments\": {\"path\": \"src/utils.ts\"}}\n</tool_call>",
    expect: { calls: [call('read_file', { path: 'src/utils.ts' })] },
  },
  {
    name: 'tool_call tag without closing tag (cut by max_tokens)',
    text: '<tool_call>\n{"name": "bash", "arguments": {"command": "npm test"}}',
    expect: { calls: [call('bash', { command: 'npm test' })], repairs: /cut off/ },
  },
  {
    name: 'tool_call tag with JSON truncated mid-string',
    text: '<tool_call>\n{"name": "write_file", "arguments": {"path": "notes.md", "content": "# Notes\n- first',
    expect: { calls: [call('write_file', { path: 'notes.md', content: '# Notes\n- first' })], repairs: /truncated/ },
  },
  {
    name: 'second tool_call opens before the first closed',
    text: '<tool_call>{"name": "read_file", "arguments": {"path": "a.ts"}}\n<tool_call>{"name": "read_file", "arguments": {"path": "b.ts"}}</tool_call>',
    expect: { calls: [call('read_file', { path: 'a.ts' }), call('read_file', { path: 'b.ts' })] },
  },
  {
    name: 'tool_call tag with fenced JSON inside',
    text: '<tool_call>\n```json\n{"name": "bash", "arguments": {"command": "ls"}}\n```\n</tool_call>',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'tool_call tag holding an array of calls',
    text: '<tool_call>[{"name": "read_file", "arguments": {"path": "a"}}, {"name": "bash", "arguments": {"command": "ls"}}]</tool_call>',
    expect: { calls: [call('read_file', { path: 'a' }), call('bash', { command: 'ls' })] },
  },
  {
    name: 'tool_call tag with `name {json}` body',
    text: '<tool_call>read_file {"path": "lib/a.rb"}</tool_call>',
    expect: { calls: [call('read_file', { path: 'lib/a.rb' })] },
  },
  {
    name: 'Llama 3.1 python_tag with JSON',
    text: '<|python_tag|>{"name": "bash", "parameters": {"command": "go test ./..."}}<|eom_id|>',
    expect: { calls: [call('bash', { command: 'go test ./...' })] },
  },
  {
    name: 'Llama python_tag with two calls separated by a semicolon',
    text: '<|python_tag|>{"name": "read_file", "parameters": {"path": "a.go"}}; {"name": "read_file", "parameters": {"path": "b.go"}}',
    expect: { calls: [call('read_file', { path: 'a.go' }), call('read_file', { path: 'b.go' })] },
  },
  {
    name: 'Llama built-in style python_tag call with .call()',
    text: '<|python_tag|>web_fetch.call(url="https://nodejs.org/api/fs.html")<|eom_id|>',
    expect: { calls: [call('web_fetch', { url: 'https://nodejs.org/api/fs.html' })] },
  },
  {
    name: 'Llama 3.2 plain JSON with parameters at the start of the answer',
    text: '{"type": "function", "name": "find_files", "parameters": {"pattern": "*.py"}}',
    expect: { calls: [call('find_files', { pattern: '*.py' })] },
  },
  {
    name: 'Mistral [TOOL_CALLS] with a JSON array',
    text: '[TOOL_CALLS] [{"name": "read_file", "arguments": {"path": "main.py"}}]',
    expect: { calls: [call('read_file', { path: 'main.py' })] },
  },
  {
    name: 'Mistral [TOOL_CALLS] with ids and </s>',
    text: '[TOOL_CALLS][{"name": "bash", "arguments": {"command": "pytest -q"}, "id": "a1b2c3d4e"}]</s>',
    expect: { calls: [call('bash', { command: 'pytest -q' })] },
  },
  {
    name: 'Mistral v11 / Devstral name[ARGS]{...}',
    text: '[TOOL_CALLS]read_file[ARGS]{"path": "src/lib.rs"}',
    expect: { calls: [call('read_file', { path: 'src/lib.rs' })] },
  },
  {
    name: 'Mistral v11 two calls',
    text: '[TOOL_CALLS]read_file[ARGS]{"path": "a.rs"}[TOOL_CALLS]read_file[ARGS]{"path": "b.rs"}',
    expect: { calls: [call('read_file', { path: 'a.rs' }), call('read_file', { path: 'b.rs' })] },
  },
  {
    name: 'Mistral with [CALL_ID]',
    text: '[TOOL_CALLS]bash[CALL_ID]abc123xyz[ARGS]{"command": "cargo build"}',
    expect: { calls: [call('bash', { command: 'cargo build' })] },
  },
  {
    name: 'Llama 3.1 custom <function=name>{json}</function>',
    text: '<function=read_file>{"path": "app/models.py"}</function>',
    expect: { calls: [call('read_file', { path: 'app/models.py' })] },
  },
  {
    name: '<function=name> followed by prose',
    text: '<function=bash>{"command": "npm run lint"}</function>\n\nThis will show lint errors.',
    expect: { calls: [call('bash', { command: 'npm run lint' })] },
  },
  {
    name: 'Qwen3-Coder XML parameters inside tool_call',
    text: '<tool_call>\n<function=write_file>\n<parameter=path>\nsrc/add.ts\n</parameter>\n<parameter=content>\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n</parameter>\n</function>\n</tool_call>',
    expect: { calls: [call('write_file', { path: 'src/add.ts', content: 'export function add(a: number, b: number): number {\n  return a + b;\n}' })] },
  },
  {
    name: 'Qwen3-Coder integer parameter is coerced',
    text: '<tool_call>\n<function=read_file>\n<parameter=path>\nsrc/big.ts\n</parameter>\n<parameter=start_line>\n120\n</parameter>\n</function>\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'src/big.ts', start_line: 120 })] },
  },
  {
    name: 'Qwen3-Coder without the tool_call wrapper',
    text: '<function=bash>\n<parameter=command>\nls src\n</parameter>\n</function>',
    expect: { calls: [call('bash', { command: 'ls src' })] },
  },
  {
    name: 'Qwen3-Coder cut off inside a parameter',
    text: '<tool_call>\n<function=write_file>\n<parameter=path>\nsrc/a.ts\n</parameter>\n<parameter=content>\nexport const a = 1;\n',
    expect: { calls: [call('write_file', { path: 'src/a.ts', content: 'export const a = 1;' })] },
  },
  {
    name: 'Qwen3-Coder two function blocks in one tool_call',
    text: '<tool_call>\n<function=read_file>\n<parameter=path>\na.ts\n</parameter>\n</function>\n<function=read_file>\n<parameter=path>\nb.ts\n</parameter>\n</function>\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'a.ts' }), call('read_file', { path: 'b.ts' })] },
  },
  {
    name: 'Liquid LFM2 pythonic list between special tokens',
    text: "<|tool_call_start|>[read_file(path='src/index.js')]<|tool_call_end|>Reading the entry point.",
    expect: { calls: [call('read_file', { path: 'src/index.js' })] },
  },
  {
    name: 'Liquid with two calls',
    text: "<|tool_call_start|>[find_files(pattern='*.md'), search(pattern='TODO')]<|tool_call_end|>",
    expect: { calls: [call('find_files', { pattern: '*.md' }), call('search', { pattern: 'TODO' })] },
  },
  {
    name: 'Granite <|tool_call|> JSON list',
    text: '<|tool_call|>[{"name": "bash", "arguments": {"command": "make test"}}]',
    expect: { calls: [call('bash', { command: 'make test' })] },
  },
  {
    name: 'Phi-4-mini functools[...]',
    text: 'functools[{"name": "read_file", "arguments": {"path": "setup.py"}}]',
    expect: { calls: [call('read_file', { path: 'setup.py' })] },
  },
  {
    name: 'DeepSeek V3 special tokens with fenced JSON',
    text: '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>bash\n```json\n{"command": "ls -la"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
    expect: { calls: [call('bash', { command: 'ls -la' })] },
  },
  {
    name: 'DeepSeek V3.1 name<sep>args',
    text: '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>read_file<｜tool▁sep｜>{"path": "src/a.ts"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
    expect: { calls: [call('read_file', { path: 'src/a.ts' })] },
  },
  {
    name: 'Kimi K2 section tokens with functions.name:0',
    text: '<|tool_calls_section_begin|><|tool_call_begin|>functions.read_file:0<|tool_call_argument_begin|>{"path": "a.py"}<|tool_call_end|><|tool_calls_section_end|>',
    expect: { calls: [call('read_file', { path: 'a.py' })] },
  },
  {
    name: 'GPT-OSS Harmony commentary channel',
    text: '<|start|>assistant<|channel|>analysis<|message|>I should list the files.<|end|><|start|>assistant<|channel|>commentary to=functions.find_files <|constrain|>json<|message|>{"pattern":"src/**/*.ts"}<|call|>',
    expect: { calls: [call('find_files', { pattern: 'src/**/*.ts' })] },
  },
  {
    name: 'Harmony-ish text without the analysis part',
    text: '<|channel|>commentary to=functions.bash<|message|>{"command": "git diff"}<|call|>',
    expect: { calls: [call('bash', { command: 'git diff' })] },
  },
  {
    name: 'invoke / parameter name= form',
    text: '<function_calls>\n<invoke name="read_file">\n<parameter name="path">docs/api.md</parameter>\n</invoke>\n</function_calls>',
    expect: { calls: [call('read_file', { path: 'docs/api.md' })] },
  },
  {
    name: 'GLM-4.5 arg_key / arg_value',
    text: '<tool_call>bash\n<arg_key>command</arg_key>\n<arg_value>npm ci</arg_value>\n</tool_call>',
    expect: { calls: [call('bash', { command: 'npm ci' })] },
  },
  {
    name: 'tool_call with name / arguments child tags',
    text: '<tool_call>\n<name>read_file</name>\n<arguments>{"path": "index.html"}</arguments>\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'index.html' })] },
  },
  {
    name: 'FunctionGemma escape tokens',
    text: '<start_function_call>call:read_file{path:<escape>src/app.py<escape>}<end_function_call>',
    expect: { calls: [call('read_file', { path: 'src/app.py' })] },
  },
  {
    name: 'InternLM action tokens',
    text: '<|action_start|><|plugin|>\n{"name": "bash", "parameters": {"command": "uname -a"}}<|action_end|>',
    expect: { calls: [call('bash', { command: 'uname -a' })] },
  },
  {
    name: 'tool_call tag in upper case',
    text: '<TOOL_CALL>{"name": "read_file", "arguments": {"path": "A.md"}}</TOOL_CALL>',
    expect: { calls: [call('read_file', { path: 'A.md' })] },
  },
  {
    name: 'unclosed Liquid token at end of output',
    text: "<|tool_call_start|>[bash(command='npm test')]",
    expect: { calls: [call('bash', { command: 'npm test' })] },
  },
  {
    name: 'tool_call with a bare tool name and no arguments',
    text: '<tool_call>{"name": "todo", "arguments": {"action": "list"}}</tool_call>',
    expect: { calls: [call('todo', { action: 'list' })] },
  },
  {
    name: 'Glaive <functioncall> with single-quoted JSON arguments string',
    text: `<functioncall> {"name": "read_file", "arguments": '{"path": "src/db.py"}'} <|endoftext|>`,
    expect: { calls: [call('read_file', { path: 'src/db.py' })] },
  },
  {
    name: '<function> tag holding JSON (no name attribute)',
    text: '<function>{"name": "bash", "arguments": {"command": "ls"}}</function>',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'Qwen2.5-Coder hallucinated <tools> wrapper',
    text: '<tools>\n{"name": "read_file", "arguments": {"path": "a.c"}}\n</tools>',
    expect: { calls: [call('read_file', { path: 'a.c' })] },
  },
  {
    name: '<tool_use> tag with name and input',
    text: '<tool_use>{"name": "search", "input": {"pattern": "fetch("}}</tool_use>',
    expect: { calls: [call('search', { pattern: 'fetch(' })] },
  },
  {
    name: '<tool_code> tag with a pythonic call (Gemma variant)',
    text: '<tool_code>\nread_file(path="main.dart")\n</tool_code>',
    expect: { calls: [call('read_file', { path: 'main.dart' })] },
  },
  {
    name: 'Harmony recipient without the functions. prefix',
    text: '<|channel|>commentary to=read_file <|constrain|>json<|message|>{"path": "x.md"}<|call|>',
    expect: { calls: [call('read_file', { path: 'x.md' })] },
  },
  {
    name: 'GPT-OSS argv command array becomes the shell line',
    text: '<|start|>assistant<|channel|>commentary to=functions.bash <|constrain|>json<|message|>{"command": ["bash", "-lc", "ls -la src"]}<|call|>',
    expect: { calls: [call('bash', { command: 'ls -la src' })] },
  },
  {
    name: 'doubled <tool_call> opener is a stutter, not an empty call',
    text: '<tool_call>\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a"}}\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'a' })] },
  },
  {
    name: 'tool_call JSON followed by chat-template end token and no closing tag',
    text: '<tool_call>\n{"name": "bash", "arguments": {"command": "npm ci"}}\n<|im_end|>',
    expect: { calls: [call('bash', { command: 'npm ci' })] },
  },
  {
    name: 'XML-ish tool tag inside a tool_call wrapper',
    text: '<tool_call>\n<read_file>\n<path>lib/x.ex</path>\n</read_file>\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'lib/x.ex' })] },
  },
  {
    name: 'Command-R style Action with an inline json fence',
    text: 'Action: ```json\n[{"tool_name": "bash", "parameters": {"command": "make"}}]\n```',
    expect: { calls: [call('bash', { command: 'make' })] },
  },
  {
    name: 'tool_call whose JSON string quotes a closing tool_call tag',
    text: '<tool_call>{"name": "write_file", "arguments": {"path": "doc.md", "content": "use <tool_call>...</tool_call> tags"}}</tool_call>',
    expect: { calls: [call('write_file', { path: 'doc.md', content: 'use <tool_call>...</tool_call> tags' })] },
  },
  {
    name: 'tool_call writing a test file that contains tool_call text',
    text: '<tool_call>\n{"name": "write_file", "arguments": {"path": "t.test.ts", "content": "parse(\'<tool_call>{\\"name\\": \\"x\\"}</tool_call>\');\\n"}}\n</tool_call>\n<tool_call>\n{"name": "bash", "arguments": {"command": "npx vitest run"}}\n</tool_call>',
    expect: { calls: [call('write_file', { path: 't.test.ts', content: 'parse(\'<tool_call>{"name": "x"}</tool_call>\');\n' }), call('bash', { command: 'npx vitest run' })] },
  },
  {
    name: 'YAML mapping inside tool_call',
    text: '<tool_call>\nname: read_file\narguments:\n  path: src/a.ts\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'src/a.ts' })] },
  },
  {
    name: 'name line plus JSON arguments line inside tool_call',
    text: '<tool_call>\nname: bash\narguments: {"command": "ls"}\n</tool_call>',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'Functionary v3.2 >>>name followed by JSON',
    text: '>>>read_file\n{"path": "src/main.rs"}',
    expect: { calls: [call('read_file', { path: 'src/main.rs' })] },
  },
  {
    name: 'Functionary >>>all text channel then a call',
    text: '>>>all\nLet me check the file.>>>read_file\n{"path": "a.rs"}',
    expect: { calls: [call('read_file', { path: 'a.rs' })] },
  },
  {
    name: 'Qwen-Agent ✿FUNCTION✿ / ✿ARGS✿ markers',
    text: '✿FUNCTION✿: bash\n✿ARGS✿: {"command": "python -V"}\n✿RESULT✿: Python 3.12',
    expect: { calls: [call('bash', { command: 'python -V' })] },
  },
  {
    name: 'Hermes-2-Pro Python dict repr inside tool_call',
    text: "<tool_call>\n{'arguments': {'path': 'setup.cfg'}, 'name': 'read_file'}\n</tool_call>",
    expect: { calls: [call('read_file', { path: 'setup.cfg' })] },
  },
  {
    name: 'Anthropic-style tool_use object',
    text: '{"type": "tool_use", "id": "toolu_01", "name": "search", "input": {"pattern": "TODO"}}',
    expect: { calls: [call('search', { pattern: 'TODO' })] },
  },
  {
    name: 'Gemini-style functionCall object',
    text: '{"functionCall": {"name": "read_file", "args": {"path": "a.kt"}}}',
    expect: { calls: [call('read_file', { path: 'a.kt' })] },
  },
  {
    name: 'tool_call with tool_name and XML parameters children',
    text: '<tool_call>\n<tool_name>bash</tool_name>\n<parameters>\n<command>ls -la</command>\n</parameters>\n</tool_call>',
    expect: { calls: [call('bash', { command: 'ls -la' })] },
  },
  {
    name: 'Llama python_tag followed by an explanation',
    text: '<|python_tag|>{"name": "read_file", "parameters": {"path": "x.md"}}\n\nThis will read the file.',
    expect: { calls: [call('read_file', { path: 'x.md' })] },
  },
  {
    name: 'four-backtick json fence',
    text: '````json\n{"name": "bash", "arguments": {"command": "ls"}}\n````',
    expect: { calls: [call('bash', { command: 'ls' })] },
  },
  {
    name: 'Gorilla OpenFunctions <<function>> prefix',
    text: '<<function>>read_file(path="src/index.js")',
    expect: { calls: [call('read_file', { path: 'src/index.js' })] },
  },
  {
    name: 'NexusRaven Call: line with an end token',
    text: 'Thought: I need the file\nCall: read_file(path="a.py")<bot_end>',
    expect: { calls: [call('read_file', { path: 'a.py' })] },
  },
  {
    name: 'ChatGLM3 tool name line then python tool_call(...)',
    text: 'bash\n```python\ntool_call(command="pytest -q")\n```',
    expect: { calls: [call('bash', { command: 'pytest -q' })] },
  },
  {
    name: 'Harmony with the recipient before the channel',
    text: '<|start|>assistant to=functions.read_file<|channel|>commentary json<|message|>{"path": "a.md"}<|call|>',
    expect: { calls: [call('read_file', { path: 'a.md' })] },
  },
  {
    name: 'Harmony printed without special tokens',
    text: 'assistantcommentary to=functions.read_file json{"path":"x.ts"}',
    expect: { calls: [call('read_file', { path: 'x.ts' })] },
  },
  {
    name: 'Harmony final channel only: no call',
    text: '<|channel|>analysis<|message|>Need list.<|end|><|start|>assistant<|channel|>final<|message|>Here is the answer.<|return|>',
    expect: { calls: [] },
  },
];
