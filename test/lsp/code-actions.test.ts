import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Commands } from '../../protocol-ext/commands.js';
import { buildCodeActions, commentTask, selectionOf } from '../../server/lsp/code-actions.js';
import { EditorBuffers } from '../support/editor-buffers.js';
import { DEFAULT_CLIENT_CAPABILITIES, LspTestClient } from '../support/lsp-client.js';
import { startModelServer, type ModelServer, type ScriptItem } from '../support/model-server.js';
import { openedResources } from '../support/opened-resources.js';
import { makeTempWorkspace, type TempWorkspace } from '../support/temp-dir.js';

// Each test spawns the real server; on a loaded shared machine that alone can take many seconds.
vi.setConfig({ testTimeout: 120_000 });

interface WireAction {
  title: string;
  kind?: string;
  diagnostics?: unknown[];
  command?: { title: string; command: string; arguments: [{ task: string; mode: string; context: { uri: string; range: unknown }[] }] };
}

const SOURCE = [
  'export function add(a: number, b: number): number {',
  '  return a + b;',
  '}',
  '',
  '// TODO: add a function sub(a, b) that returns a - b',
  'export const total = add(1, undefinedThing);',
  '',
].join('\n');

const HELIX_LIKE = {
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, executeCommand: {} },
  window: { workDoneProgress: true },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite'] } } } },
};

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

let ws: TempWorkspace | undefined;
let server: ModelServer | undefined;
let client: LspTestClient | undefined;
const open = openedResources();

async function start(opts: { script?: ScriptItem[]; autoApprove?: boolean; capabilities?: Record<string, unknown> }): Promise<{ editor: EditorBuffers; uri: string }> {
  ws = open.workspace(makeTempWorkspace({ 'src/calc.ts': SOURCE }));
  server = open.server(await startModelServer({ models: ['qwen2.5-coder:7b'], script: opts.script ?? [] }));
  const editor = new EditorBuffers(ws.root);
  client = open.client(LspTestClient.start({
    cwd: ws.root,
    capabilities: opts.capabilities ?? HELIX_LIKE,
    initializationOptions: { smallcode: { SMALLCODE_BASE_URL: server.url, SMALLCODE_MODEL: 'qwen2.5-coder:7b', SMALLCODE_TEST_DISABLE: true, ...(opts.autoApprove ? { SMALLCODE_AUTO_APPROVE: true } : {}) } },
    applyEdit: editor.applyEdit,
  }));
  const init = await client.initialize();
  expect(init.capabilities['codeActionProvider']).toMatchObject({ codeActionKinds: expect.arrayContaining(['quickfix', 'refactor', 'refactor.rewrite']) });
  await editor.open(client, 'src/calc.ts', SOURCE, 1);
  return { editor, uri: editor.uri('src/calc.ts') };
}

const DIAG = { range: range(5, 29, 5, 43), severity: 1, source: 'ts', code: 2304, message: "Cannot find name 'undefinedThing'." };

function codeActions(uri: string, r: ReturnType<typeof range>, diagnostics: unknown[] = [], only?: string[]): Promise<WireAction[]> {
  return client!.requestRaw('textDocument/codeAction', { textDocument: { uri }, range: r, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<WireAction[]>;
}

describe('code actions through the real server', () => {
  it('offers fix-this-diagnostic, do-the-comment-task and explain as smallcode.runTask commands', async () => {
    const { uri } = await start({ autoApprove: true });
    // Helix's cursor: a one-character range on the TODO line, with the diagnostic of the next line in context.
    const actions = await codeActions(uri, range(4, 3, 4, 4), [DIAG]);
    const titles = actions.map((a) => a.title);
    expect(titles).toEqual([`SmallCode: fix "Cannot find name 'undefinedThing'."`, 'SmallCode: do the task in this comment', 'SmallCode: explain TODO']);
    for (const a of actions) expect(a.command?.command).toBe(Commands.runTask);

    const [fix, todo, explain] = actions;
    expect(fix!.kind).toBe('quickfix');
    expect(fix!.diagnostics).toEqual([DIAG]);
    expect(fix!.command!.arguments[0]).toEqual({
      task: "Fix this problem in src/calc.ts at line 6 (reported by ts 2304): Cannot find name 'undefinedThing'.",
      mode: 'apply',
      context: [{ uri, range: DIAG.range }],
    });
    expect(todo!.kind).toBe('refactor.rewrite');
    expect(todo!.command!.arguments[0].task).toBe('Do the task written in the comment in src/calc.ts at line 5: add a function sub(a, b) that returns a - b. When it is done, remove that comment.');
    expect(todo!.command!.arguments[0].mode).toBe('apply');
    expect(explain!.kind).toBe('refactor.explain');
    expect(explain!.command!.arguments[0].mode).toBe('propose');
  });

  it('without auto-approve in an editor that cannot ask, the task actions run in propose mode', async () => {
    const { uri } = await start({});
    const actions = await codeActions(uri, range(4, 3, 4, 4), [DIAG]);
    expect(actions.map((a) => a.command!.arguments[0].mode)).toEqual(['propose', 'propose', 'propose']);
  });

  it('honours context.only, and a selection is explained with its text', async () => {
    const { uri } = await start({ autoApprove: true });
    const onlyFix = await codeActions(uri, range(4, 3, 4, 4), [DIAG], ['quickfix']);
    expect(onlyFix.map((a) => a.kind)).toEqual(['quickfix']);
    const onlyRefactor = await codeActions(uri, range(0, 0, 3, 0), [], ['refactor']);
    expect(onlyRefactor.map((a) => a.title)).toEqual(['SmallCode: explain the selection']);
    expect(onlyRefactor[0]!.command!.arguments[0].task).toContain('src/calc.ts at lines 1-3');
    expect(onlyRefactor[0]!.command!.arguments[0].task).toContain('  return a + b;');
  });

  it('a client without code-action literal support gets bare commands', async () => {
    const { uri } = await start({ autoApprove: true, capabilities: { ...DEFAULT_CLIENT_CAPABILITIES, textDocument: {} } });
    const actions = (await codeActions(uri, range(4, 3, 4, 4), [DIAG])) as unknown as { title: string; command: string; kind?: string }[];
    expect(actions.map((a) => a.command)).toEqual([Commands.runTask, Commands.runTask, Commands.runTask]);
    expect(actions.every((a) => a.kind === undefined)).toBe(true);
  });

  it('running the comment action does the task: the file gains the function and loses the TODO', async () => {
    const { uri, editor } = await start({
      autoApprove: true,
      script: [
        { toolCalls: [{ name: 'read_file', arguments: { path: 'src/calc.ts' } }] },
        { toolCalls: [{ name: 'patch', arguments: { path: 'src/calc.ts', search: '// TODO: add a function sub(a, b) that returns a - b', replace: 'export function sub(a: number, b: number): number {\n  return a - b;\n}' } }] },
        { content: 'Added sub and removed the TODO.' },
      ],
    });
    const [todo] = await codeActions(uri, range(4, 10, 4, 11), [], ['refactor.rewrite']);
    const { taskId } = (await client!.requestRaw('workspace/executeCommand', { command: todo!.command!.command, arguments: todo!.command!.arguments })) as { taskId: string };
    await client!.waitForNotification('window/showMessage', (p) => (p as { message: string }).message.includes(taskId), 60_000);
    const text = readFileSync(join(ws!.root, 'src/calc.ts'), 'utf8');
    expect(text).toContain('export function sub(a: number, b: number): number {\n  return a - b;\n}');
    expect(text).not.toContain('TODO');
    expect(editor.text('src/calc.ts')).toBe(text);
    // The model saw the task built from the comment.
    expect(JSON.stringify(server!.chatRequests[0]?.body)).toContain('add a function sub(a, b) that returns a - b');
  });

  it('explain tasks carry what the code graph knows about the symbol once it is indexed', async () => {
    const { uri } = await start({});
    expect(await client!.requestRaw('workspace/executeCommand', { command: Commands.index, arguments: [] })).toEqual({ indexed: true });
    // The cursor on the `add` in `total = add(1, …)`.
    const actions = await codeActions(uri, range(5, 22, 5, 23));
    const explain = actions.find((a) => a.kind === 'refactor.explain')!;
    expect(explain.title).toBe('SmallCode: explain add');
    const task = explain.command!.arguments[0].task;
    expect(task).toContain('What the code graph knows:');
    expect(task.split('What the code graph knows:')[1]).toMatch(/src\/calc\.ts/);
  });

  it('running explain shows the model\'s explanation and changes nothing', async () => {
    const { uri, editor } = await start({ script: [{ content: 'total is the sum of 1 and undefinedThing, computed once at load.' }] });
    const actions = await codeActions(uri, range(5, 15, 5, 16));
    const explain = actions.find((a) => a.kind === 'refactor.explain')!;
    expect(explain.title).toBe('SmallCode: explain total');
    const { taskId } = (await client!.requestRaw('workspace/executeCommand', { command: explain.command!.command, arguments: explain.command!.arguments })) as { taskId: string };
    const shown = (await client!.waitForNotification('window/showMessage', (p) => (p as { message: string }).message.includes(taskId), 60_000)) as { message: string };
    expect(shown.message).toContain('total is the sum of 1 and undefinedThing, computed once at load.');
    expect(server!.chatRequests).toHaveLength(1);
    expect(editor.received).toHaveLength(0);
    expect(readFileSync(join(ws!.root, 'src/calc.ts'), 'utf8')).toBe(SOURCE);
  });
});

describe('code action building (pure)', () => {
  const cases: [string, string, string | null][] = [
    ['ts line comment', '  // TODO: rename x to count', 'rename x to count'],
    ['python hash', '# smallcode: add type hints to parse()', 'add type hints to parse()'],
    ['FIXME with owner', '    // FIXME(ana) - handle empty input', 'handle empty input'],
    ['block comment', '/* TODO make this async */', 'make this async'],
    ['doc star line', ' * TODO: document the return value', 'document the return value'],
    ['lua/sql dashes', '-- TODO: cache the query', 'cache the query'],
    ['lowercase todo', '// todo add retries', 'add retries'],
    ['plain comment is not a task', '// returns the sum', null],
    ['code is not a task', 'const TODO = 1;', null],
    ['empty TODO is not a task', '// TODO:', null],
  ];
  for (const [name, line, expected] of cases) {
    it(`comment task: ${name}`, () => {
      const r = commentTask(`x\n${line}\ny\n`, range(1, 0, 1, 1));
      expect(r?.task ?? null).toBe(expected);
    });
  }

  it('joins continuation comment lines into one task', () => {
    const text = '# TODO: read the config file\n# and fall back to defaults\n# when it is missing\nx = 1\n';
    expect(commentTask(text, range(0, 0, 0, 1))).toEqual({ line: 0, task: 'read the config file and fall back to defaults when it is missing' });
  });

  it('grows a one-character selection to the identifier under it, in CRLF text and after astral characters', () => {
    expect(selectionOf('let a = 1;\r\nconst 😀x = fooBar(2);\r\n', range(1, 14, 1, 15))).toEqual({ text: 'fooBar', isWord: true });
    expect(selectionOf('abc\r\ndef\r\n', range(0, 1, 1, 2))).toEqual({ text: 'bc\r\nde', isWord: false });
  });

  it('puts the graph\'s explain text into an explain task for an identifier, and not for a selection', () => {
    const graphExplain = (symbol: string, path: string): string | null => (symbol === 'fooBar' ? `function fooBar defined in ${path}:1` : null);
    const text = 'function fooBar() {}\nfooBar();\n';
    const word = buildCodeActions({ uri: 'file:///w/a.ts', path: 'a.ts', text, range: range(1, 0, 1, 1), diagnostics: [], mode: 'apply', graphExplain });
    expect((word[0]!.command!.arguments![0] as { task: string }).task).toContain('What the code graph knows:\nfunction fooBar defined in a.ts:1');
    const sel = buildCodeActions({ uri: 'file:///w/a.ts', path: 'a.ts', text, range: range(0, 0, 1, 0), diagnostics: [], mode: 'apply', graphExplain });
    expect((sel[0]!.command!.arguments![0] as { task: string }).task).not.toContain('code graph');
  });

  it('gives one fix action per diagnostic, each carrying its own diagnostic and range', () => {
    const d1 = { range: range(0, 0, 0, 3), message: 'first' };
    const d2 = { range: range(1, 0, 1, 3), message: 'second\n  detail', source: 'eslint', code: 'no-undef' };
    const actions = buildCodeActions({ uri: 'file:///w/a.ts', path: 'a.ts', text: 'abc\ndef\n', range: range(0, 0, 0, 1), diagnostics: [d1, d2], mode: 'apply', only: ['quickfix'] });
    expect(actions.map((a) => a.diagnostics)).toEqual([[d1], [d2]]);
    expect((actions[1]!.command!.arguments![0] as { task: string }).task).toBe('Fix this problem in a.ts at line 2 (reported by eslint no-undef): second detail');
  });
});
