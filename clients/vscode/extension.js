// SmallCode for VS Code: starts `smallcode-lsp --stdio` with vscode-languageclient and adds the commands
// SmallCode: Run Task / Propose Changes / Rollback / Show Plan / Cancel, which send the typed requests of
// `smallcode/protocol` and show smallcode/taskEvent progress. It applies no edit itself: the server's
// workspace/applyEdit is handled by the language client. Not part of the root build (plain CommonJS).
'use strict';

const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {import('vscode-languageclient/node').LanguageClient | undefined} */
let client;
/** The protocol objects (RunTask, Rollback, ...) from the smallcode package, loaded in activate(). */
let protocol;
let lastTaskId;
/** Tasks started here and still running, one marker object each; `marker.taskId` is set by the first task event. */
const running = new Set();

function serverSettings() {
  return vscode.workspace.getConfiguration('smallcode').get('settings') || {};
}

function serverOptions() {
  const custom = vscode.workspace.getConfiguration('smallcode').get('serverPath');
  if (custom) return { command: custom, args: ['--stdio'], transport: TransportKind.stdio };
  const pkgDir = path.dirname(require.resolve('smallcode/package.json'));
  // transport stdio makes the client add --stdio and run the module with VS Code's Node.
  return { module: path.join(pkgDir, 'bin', 'smallcode-lsp.js'), transport: TransportKind.stdio };
}

function describeEvent(ev) {
  switch (ev.kind) {
    case 'tool_start': {
      const a = ev.args || {};
      const target = a.path || a.command || a.pattern || a.query || '';
      return `${ev.name} ${target}`.trim();
    }
    case 'tool_end':
      return `${ev.name} ${ev.ok ? 'done' : 'failed'} (${ev.ms || 0} ms)`;
    case 'plan':
      return 'plan updated';
    case 'error':
      return `error: ${ev.text || ''}`;
    default:
      return (ev.text || '').slice(0, 120);
  }
}

function selectionContext() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const s = editor.selection;
  return [
    {
      uri: editor.document.uri.toString(),
      range: { start: { line: s.start.line, character: s.start.character }, end: { line: s.end.line, character: s.end.character } },
    },
  ];
}

async function ready() {
  if (!client) throw new Error('SmallCode is not running.');
  if (!client.isRunning()) await client.start();
  return client;
}

async function runTask(mode) {
  const task = await vscode.window.showInputBox({
    title: mode === 'propose' ? 'SmallCode: propose changes for a task' : 'SmallCode: run a task',
    prompt: 'What should SmallCode do?',
    placeHolder: 'fix the failing test in src/range.ts',
    ignoreFocusOut: true,
  });
  if (!task) return;
  const c = await ready();
  const context = selectionContext();
  const params = { task, mode, ...(context ? { context } : {}) };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'SmallCode', cancellable: true },
    async (progress, token) => {
      const marker = {};
      running.add(marker);
      const sub = c.onNotification(protocol.TaskEventNotification.method, (ev) => {
        marker.taskId = marker.taskId || ev.taskId;
        if (ev.taskId === marker.taskId) progress.report({ message: describeEvent(ev) });
      });
      try {
        // The token becomes $/cancelRequest, which cancels the task on the server.
        return await c.sendRequest(protocol.RunTask.method, params, token);
      } finally {
        sub.dispose();
        running.delete(marker);
      }
    },
  ).then(
    (r) => r,
    (err) => {
      void vscode.window.showErrorMessage(`SmallCode: ${err && err.message ? err.message : String(err)}`);
      return undefined;
    },
  );
  if (!result) return;
  lastTaskId = result.taskId;
  const files = [...result.filesCreated, ...result.filesEdited];
  const text = `SmallCode ${result.taskId}: ${result.summary}${result.response ? ` ${result.response.slice(0, 300)}` : ''}`;
  const actions = files.length && mode === 'apply' ? ['Rollback'] : [];
  const show = result.success ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const picked = await show(text, ...actions);
  if (picked === 'Rollback') await rollback(result.taskId);
  if (mode === 'propose' && result.edit && (result.edit.documentChanges || result.edit.changes)) {
    // Change annotations with needsConfirmation open VS Code's refactor preview.
    const edit = await c.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    if (edit) await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }
}

async function rollback(taskId) {
  const id =
    typeof taskId === 'string' && taskId
      ? taskId
      : await vscode.window.showInputBox({ title: 'SmallCode: roll back task', value: lastTaskId || '', prompt: 'Task id' });
  if (!id) return;
  const c = await ready();
  try {
    const r = await c.sendRequest(protocol.Rollback.method, { taskId: id });
    void vscode.window.showInformationMessage(`SmallCode: rolled back ${r.taskId} (${r.restored.length} restored, ${r.deleted.length} deleted)`);
  } catch (err) {
    void vscode.window.showErrorMessage(`SmallCode: rollback failed: ${err && err.message ? err.message : String(err)}`);
  }
}

async function showPlan() {
  const c = await ready();
  const plan = await c.sendRequest(protocol.Plan.method, {});
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: plan.markdown || 'No plan yet.' });
  await vscode.window.showTextDocument(doc, { preview: true });
}

async function cancelTask() {
  const c = await ready();
  const ids = [...running].map((m) => m.taskId).filter(Boolean);
  const id = ids.length === 1 ? ids[0] : await vscode.window.showInputBox({ title: 'SmallCode: cancel task', value: ids[0] || lastTaskId || '', prompt: 'Task id' });
  if (!id) return;
  const r = await c.sendRequest(protocol.CancelTask.method, { taskId: id });
  void vscode.window.showInformationMessage(r.cancelled ? `SmallCode: cancelled ${id}` : `SmallCode: ${id} is not running`);
}

async function activate(context) {
  // The smallcode package is ESM; a dynamic import works from this CommonJS file on every Node.
  protocol = await import('smallcode/protocol');
  client = new LanguageClient(
    'smallcode',
    'SmallCode',
    serverOptions(),
    {
      documentSelector: [{ scheme: 'file' }],
      initializationOptions: { smallcode: serverSettings() },
      middleware: {
        workspace: {
          // Answer section "smallcode" with the SMALLCODE_* object only (not serverPath).
          configuration: (params) => params.items.map((item) => (item.section === 'smallcode' ? serverSettings() : null)),
        },
      },
    },
  );
  const reg = (id, fn) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg('smallcode.vscode.runTask', () => runTask('apply'));
  reg('smallcode.vscode.proposeTask', () => runTask('propose'));
  reg('smallcode.vscode.rollback', (taskId) => rollback(taskId));
  reg('smallcode.vscode.showPlan', () => showPlan());
  reg('smallcode.vscode.cancelTask', () => cancelTask());
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('smallcode.settings') && client && client.isRunning()) {
        void client.sendNotification('workspace/didChangeConfiguration', { settings: { smallcode: serverSettings() } });
      }
    }),
  );
  await client.start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
