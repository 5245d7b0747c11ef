/** The initialize result: standard capabilities plus the custom protocol under experimental.smallcode. */
import { TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node.js';
import { Commands, FEATURES, PROTOCOL_VERSION, REQUESTS } from '../../protocol-ext/index.js';
import { packageVersion } from '../core/package-root.js';
import { CODE_ACTION_KINDS, EXPLAIN_KIND } from './code-actions.js';

export function serverCapabilities(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: {
        openClose: true,
        change: TextDocumentSyncKind.Incremental,
        save: { includeText: false },
      },
      codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS, EXPLAIN_KIND], resolveProvider: false },
      workspaceSymbolProvider: true,
      documentSymbolProvider: true,
      executeCommandProvider: { commands: Object.values(Commands) },
      workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      experimental: {
        smallcode: {
          protocolVersion: PROTOCOL_VERSION,
          features: [...FEATURES],
          methods: REQUESTS.map((r) => r.method),
        },
      },
    },
    serverInfo: { name: 'smallcode', version: packageVersion() },
  };
}
