/**
 * Entry of `smallcode-lsp`: `--stdio`, `--socket=PORT` or `--node-ipc` (vscode-languageserver reads
 * them from argv). In stdio mode stdout is the wire: console output is redirected to stderr.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { packageVersion } from '../core/package-root.js';
import { startServer } from './server.js';
import { killAllShells } from '../shell/shell-session.js';

const HELP = `smallcode-lsp ${'{version}'} — the SmallCode language server

Usage: smallcode-lsp --stdio | --socket=PORT | --node-ipc

Options:
  --stdio          speak LSP over stdin/stdout (what editors use)
  --socket=PORT    connect to a client listening on PORT
  --node-ipc       use Node IPC (when spawned by a Node client)
  --version        print the version
  --help           this text

Configuration: see the README (SMALLCODE_* variables, smallcode.toml, initializationOptions).`;

export function main(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP.replace('{version}', packageVersion()) + '\n');
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(packageVersion() + '\n');
    return;
  }
  if (!argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    process.stderr.write('smallcode-lsp: choose a transport: --stdio, --socket=PORT or --node-ipc (see --help)\n');
    process.exitCode = 2;
    return;
  }
  // Nothing but the JSON-RPC framing may write to stdout.
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  // Shell commands run in their own process groups: take them down with the server.
  process.on('exit', () => killAllShells());
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(sig, () => {
      killAllShells();
      process.exit(sig === 'SIGTERM' ? 0 : 1);
    });
  }
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
  connection.listen();
}
