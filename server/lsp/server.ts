/**
 * Wires one LSP connection to a Host: initialize / capabilities, document sync, configuration
 * (initializationOptions, didChangeConfiguration, workspace/configuration), the request table,
 * and problem reporting through window/showMessage. shutdown/exit follow the spec through
 * vscode-languageserver (exit code 0 after shutdown, 1 without).
 */
import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Host } from '../agent/host.js';
import type { ConfigProblem } from '../config/resolve.js';
import { serverCapabilities } from './capabilities.js';
import { registerCodeActions } from './code-actions.js';
import { registerGraphProviders } from './graph-handlers.js';
import { LspGraphSync, trackedDocuments } from './graph-sync.js';
import { registerHandlers, registerTestHooks } from './handlers.js';
import { Router } from './router.js';

export interface ServerState {
  host?: Host;
  client?: ClientCapabilities;
  documents: TextDocuments<TextDocument>;
  graphSync?: LspGraphSync;
}

function workspaceRoot(params: InitializeParams): string {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  if (uri && uri.startsWith('file:')) return fileURLToPath(uri);
  if (params.rootPath) return params.rootPath;
  return process.cwd();
}

export function startServer(connection: Connection): ServerState {
  const documents = trackedDocuments((uri, text, changes) => state.graphSync?.changed(uri, text, changes));
  const state: ServerState = { documents };
  const verbose = process.env.SMALLCODE_PROFILE === '1';
  const log = (line: string): void => {
    connection.tracer.log(line);
    if (verbose) connection.console.log(line);
  };

  const showProblems = (problems: ConfigProblem[]): void => {
    for (const p of problems) {
      // The notification, not window/showMessageRequest: Helix does not support the request.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `smallcode configuration: ${p.message}` });
      connection.console.warn(`configuration: ${p.message}`);
    }
  };

  connection.onInitialize((params) => {
    state.client = params.capabilities;
    state.host = new Host({ root: workspaceRoot(params), initializationOptions: params.initializationOptions ?? undefined, log: (line) => connection.console.log(line) });
    const router = new Router(connection, log);
    registerHandlers(router, state.host, { connection, client: () => state.client });
    registerCodeActions(connection, state.host, documents, () => state.client);
    state.graphSync = new LspGraphSync(connection, state.host, documents, () => state.client);
    registerGraphProviders(connection, state.graphSync, () => state.client);
    if (process.env.SMALLCODE_TEST_HOOKS === '1') registerTestHooks(router);
    router.finish();
    return serverCapabilities();
  });

  connection.onInitialized(async () => {
    const host = state.host!;
    showProblems(host.configProblems);
    void state.graphSync?.initialized().catch((err: unknown) => connection.console.warn(`graph: start-up index failed: ${String(err)}`));
    const caps = state.client;
    if (caps?.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'smallcode' });
    }
    if (caps?.workspace?.configuration) {
      try {
        const [settings] = await connection.workspace.getConfiguration([{ section: 'smallcode' }]);
        if (settings && typeof settings === 'object' && Object.keys(settings).length > 0) showProblems(host.updateClientSettings(settings));
      } catch (err) {
        connection.console.warn(`workspace/configuration failed: ${String(err)}`);
      }
    }
    connection.console.log(`smallcode ready in ${host.root}`);
  });

  connection.onDidChangeConfiguration((change) => {
    if (!state.host) return;
    const before = new Set(state.host.configProblems.map((p) => p.message));
    const problems = state.host.updateClientSettings(change.settings);
    showProblems(problems.filter((p) => !before.has(p.message)));
  });

  // The workspace view sees unsaved buffer text, version-aware.
  documents.onDidOpen((e) => state.host?.workspace.openDocument(e.document.uri, e.document.getText(), e.document.version));
  documents.onDidChangeContent((e) => state.host?.workspace.changeDocument(e.document.uri, e.document.getText(), e.document.version));
  documents.onDidClose((e) => state.host?.workspace.closeDocument(e.document.uri));
  connection.onShutdown(() => {
    state.graphSync?.dispose();
    state.host?.dispose();
  });
  documents.listen(connection);
  return state;
}
