/**
 * Cases: Gemma tool_code and other pythonic calls, XML-ish tool tags, YAML blocks. Data only.
 */
import { call, type ParserCase } from '../case-types.js';

export const PYTHONIC_XML_YAML_CASES: ParserCase[] = [
  {
    name: 'Gemma tool_code fence',
    text: '```tool_code\nread_file(path="src/main.py")\n```',
    expect: { calls: [call('read_file', { path: 'src/main.py' })] },
  },
  {
    name: 'Gemma tool_code with print(default_api...)',
    text: '```tool_code\nprint(default_api.bash(command="pytest -x"))\n```',
    expect: { calls: [call('bash', { command: 'pytest -x' })] },
  },
  {
    name: 'tool_code with two calls on two lines',
    text: '```tool_code\nread_file(path="a.py")\nread_file(path="b.py")\n```',
    expect: { calls: [call('read_file', { path: 'a.py' }), call('read_file', { path: 'b.py' })] },
  },
  {
    name: 'pythonic call with an integer and a keyword string',
    text: 'read_file(path="src/big.py", start_line=40, end_line=80)',
    expect: { calls: [call('read_file', { path: 'src/big.py', start_line: 40, end_line: 80 })] },
  },
  {
    name: 'Llama 3.2 pythonic list',
    text: '[read_file(path="a.txt"), bash(command="wc -l a.txt")]',
    expect: { calls: [call('read_file', { path: 'a.txt' }), call('bash', { command: 'wc -l a.txt' })] },
  },
  {
    name: 'pythonic call on its own line after prose',
    text: 'I need to see the tests first.\n\nfind_files(pattern="tests/**/*.py")',
    expect: { calls: [call('find_files', { pattern: 'tests/**/*.py' })] },
  },
  {
    name: 'pythonic call in backticks on its own line',
    text: 'Running the suite:\n`bash(command="npm test")`',
    expect: { calls: [call('bash', { command: 'npm test' })] },
  },
  {
    name: 'pythonic call with a triple-quoted multi-line string',
    text: 'write_file(path="hello.py", content="""def hello():\n    print("hi")\n""")',
    expect: { calls: [call('write_file', { path: 'hello.py', content: 'def hello():\n    print("hi")\n' })] },
  },
  {
    name: 'pythonic positional argument maps onto the first parameter',
    text: 'read_file("src/util.ts")',
    expect: { calls: [call('read_file', { path: 'src/util.ts' })], repairs: /positional/ },
  },
  {
    name: 'pythonic True literal is a boolean',
    text: 'patch(path="a.py", search="x = 1", replace="x = 2", replace_all=True)',
    expect: { calls: [call('patch', { path: 'a.py', search: 'x = 1', replace: 'x = 2', replace_all: true })] },
  },
  {
    name: 'python fence holding only a tool call',
    text: '```python\nbash(command="python -m pytest")\n```',
    expect: { calls: [call('bash', { command: 'python -m pytest' })] },
  },
  {
    name: 'pythonic call with a list argument',
    text: "todo(action='add', items=['write tests', 'fix parser'])",
    expect: { calls: [call('todo', { action: 'add', items: ['write tests', 'fix parser'] })] },
  },
  {
    name: 'pythonic with a camelCase tool name',
    text: 'readFile(path="a.go")',
    expect: { calls: [call('read_file', { path: 'a.go' })] },
  },
  {
    name: 'XML-ish tool tag with child parameters',
    text: '<read_file>\n<path>src/components/Button.tsx</path>\n</read_file>',
    expect: { calls: [call('read_file', { path: 'src/components/Button.tsx' })] },
  },
  {
    name: 'XML-ish write with multi-line content keeps code',
    text: '<write_file>\n<path>src/sum.js</path>\n<content>\nfunction sum(a, b) {\n  return a + b;\n}\nmodule.exports = { sum };\n</content>\n</write_file>',
    expect: { calls: [call('write_file', { path: 'src/sum.js', content: 'function sum(a, b) {\n  return a + b;\n}\nmodule.exports = { sum };' })] },
  },
  {
    name: 'XML-ish patch with angle brackets inside the code',
    text: '<patch>\n<path>src/App.tsx</path>\n<search>return <div>Hello</div>;</search>\n<replace>return <main>Hello</main>;</replace>\n</patch>',
    expect: { calls: [call('patch', { path: 'src/App.tsx', search: 'return <div>Hello</div>;', replace: 'return <main>Hello</main>;' })] },
  },
  {
    name: 'XML-ish after prose (Cline-like)',
    text: 'I will check the package manifest.\n\n<read_file>\n<path>package.json</path>\n</read_file>',
    expect: { calls: [call('read_file', { path: 'package.json' })] },
  },
  {
    name: 'XML-ish bash with the command as the only text',
    text: '<bash>npm run build</bash>',
    expect: { calls: [call('bash', { command: 'npm run build' })] },
  },
  {
    name: 'XML-ish self-closing tag with attributes',
    text: '<read_file path="lib/index.js" />',
    expect: { calls: [call('read_file', { path: 'lib/index.js' })] },
  },
  {
    name: 'XML-ish cut off before the closing tag',
    text: '<write_file>\n<path>a.txt</path>\n<content>\nline one\nline two',
    expect: { calls: [call('write_file', { path: 'a.txt', content: 'line one\nline two' })] },
  },
  {
    name: 'XML-ish with a misnamed child',
    text: '<read_file><file_path>src/a.ts</file_path></read_file>',
    expect: { calls: [call('read_file', { path: 'src/a.ts' })] },
  },
  {
    name: 'two XML-ish calls in order',
    text: '<read_file><path>a.ts</path></read_file>\n<read_file><path>b.ts</path></read_file>',
    expect: { calls: [call('read_file', { path: 'a.ts' }), call('read_file', { path: 'b.ts' })] },
  },
  {
    name: 'xml fence with a tool tag',
    text: '```xml\n<bash>\n<command>ls -R</command>\n</bash>\n```',
    expect: { calls: [call('bash', { command: 'ls -R' })] },
  },
  {
    name: 'YAML fence with tool and arguments',
    text: '```yaml\ntool: read_file\narguments:\n  path: src/index.ts\n```',
    expect: { calls: [call('read_file', { path: 'src/index.ts' })] },
  },
  {
    name: 'YAML fence with name and a block scalar',
    text: '```yaml\nname: write_file\narguments:\n  path: hello.sh\n  content: |\n    #!/bin/sh\n    echo hi\n```',
    expect: { calls: [call('write_file', { path: 'hello.sh', content: '#!/bin/sh\necho hi\n' })] },
  },
  {
    name: 'YAML fence keyed by tool name',
    text: '```yaml\nbash:\n  command: make lint\n```',
    expect: { calls: [call('bash', { command: 'make lint' })] },
  },
  {
    name: 'YAML fence with a list of calls',
    text: '```yml\n- tool: read_file\n  args:\n    path: a.py\n- tool: read_file\n  args:\n    path: b.py\n```',
    expect: { calls: [call('read_file', { path: 'a.py' }), call('read_file', { path: 'b.py' })] },
  },
  {
    name: 'YAML-ish prose block: Tool / Arguments lines',
    text: 'Tool: search\nArguments:\n  pattern: useEffect\n  path: src',
    expect: { calls: [call('search', { pattern: 'useEffect', path: 'src' })] },
  },
  {
    name: 'YAML numbers are typed',
    text: '```yaml\ntool: read_file\nargs:\n  path: a.ts\n  start_line: 10\n  end_line: 20\n```',
    expect: { calls: [call('read_file', { path: 'a.ts', start_line: 10, end_line: 20 })] },
  },
  {
    name: 'pythonic keyword argument with a colon (model sloppiness)',
    text: 'bash(command: "ls -a")',
    expect: { calls: [call('bash', { command: 'ls -a' })] },
  },
  {
    name: 'Gemma tool_code with a trailing explanation',
    text: '```tool_code\nsearch(pattern="def main")\n```\nThis finds the entry point.',
    expect: { calls: [call('search', { pattern: 'def main' })] },
  },
  {
    name: 'pythonic call with one dict argument',
    text: 'read_file({"path": "src/a.ts", "start_line": 3})',
    expect: { calls: [call('read_file', { path: 'src/a.ts', start_line: 3 })] },
  },
  {
    name: 'pythonic call after a short label',
    text: 'Tool call: bash(command="npm run build")',
    expect: { calls: [call('bash', { command: 'npm run build' })] },
  },
  {
    name: 'pythonic call after "Let me read it:"',
    text: 'Let me read it: read_file(path="config/app.yml")',
    expect: { calls: [call('read_file', { path: 'config/app.yml' })] },
  },
  {
    name: 'Llama 3.2 pythonic list inside a python fence',
    text: '```python\n[read_file(path="a.py"), read_file(path="b.py")]\n```',
    expect: { calls: [call('read_file', { path: 'a.py' }), call('read_file', { path: 'b.py' })] },
  },
  {
    name: 'tool_code with an assignment in front of the call',
    text: '```tool_code\nresult = read_file(path="x.py")\n```',
    expect: { calls: [call('read_file', { path: 'x.py' })] },
  },
  {
    name: 'multi-line pythonic call with a trailing comma',
    text: 'write_file(\n    path="src/x.py",\n    content="print(1)\\n",\n)',
    expect: { calls: [call('write_file', { path: 'src/x.py', content: 'print(1)\n' })] },
  },
  {
    name: 'XML-ish content in CDATA',
    text: '<write_file><path>a.xml</path><content><![CDATA[<a>1</a>]]></content></write_file>',
    expect: { calls: [call('write_file', { path: 'a.xml', content: '<a>1</a>' })] },
  },
  {
    name: 'pythonic call inside a tool_call tag',
    text: '<tool_call>\nread_file(path="a.ts")\n</tool_call>',
    expect: { calls: [call('read_file', { path: 'a.ts' })] },
  },
  {
    name: 'Aider SEARCH/REPLACE block in a fence of the file language, path above',
    text: 'src/calc.py\n```python\n<<<<<<< SEARCH\ndef add(a, b):\n    return a - b\n=======\ndef add(a, b):\n    return a + b\n>>>>>>> REPLACE\n```',
    expect: { calls: [call('patch', { path: 'src/calc.py', search: 'def add(a, b):\n    return a - b', replace: 'def add(a, b):\n    return a + b' })] },
  },
  {
    name: 'two SEARCH/REPLACE blocks in a row share the path',
    text: '`lib/a.js`\n```js\n<<<<<<< SEARCH\nvar x = 1;\n=======\nconst x = 1;\n>>>>>>> REPLACE\n<<<<<<< SEARCH\nvar y = 2;\n=======\nconst y = 2;\n>>>>>>> REPLACE\n```',
    expect: { calls: [call('patch', { path: 'lib/a.js', search: 'var x = 1;', replace: 'const x = 1;' }), call('patch', { path: 'lib/a.js', search: 'var y = 2;', replace: 'const y = 2;' })] },
  },
  {
    name: 'SEARCH/REPLACE maps onto the edit tool parameter names the schema uses',
    tools: [{ name: 'edit_file', parameters: { type: 'object', properties: { file_path: { type: 'string' }, old_string: { type: 'string' }, new_string: { type: 'string' } }, required: ['file_path', 'old_string', 'new_string'] } }],
    text: 'app.go\n```go\n<<<<<<< SEARCH\nfmt.Println("a")\n=======\nfmt.Println("b")\n>>>>>>> REPLACE\n```',
    expect: { calls: [call('edit_file', { file_path: 'app.go', old_string: 'fmt.Println("a")', new_string: 'fmt.Println("b")' })] },
  },
  {
    name: 'XML-ish search keeps leading indentation while the path is trimmed',
    text: '<patch>\n<path> src/a.py </path>\n<search>    return x</search>\n<replace>    return y</replace>\n</patch>',
    expect: { calls: [call('patch', { path: 'src/a.py', search: '    return x', replace: '    return y' })] },
  },
  {
    name: 'Qwen3-Coder indented single-line parameter keeps its indentation',
    text: '<tool_call>\n<function=patch>\n<parameter=path>\nm.py\n</parameter>\n<parameter=search>\n        pass\n</parameter>\n<parameter=replace>\n        return 1\n</parameter>\n</function>\n</tool_call>',
    expect: { calls: [call('patch', { path: 'm.py', search: '        pass', replace: '        return 1' })] },
  },
  {
    name: 'pythonic keyword argument with an unquoted path on its own line',
    text: 'Next:\nread_file(path=src/main.py)',
    expect: { calls: [call('read_file', { path: 'src/main.py' })] },
  },
];
