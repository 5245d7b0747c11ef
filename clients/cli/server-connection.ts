/**
 * The terminal client's link to the server: spawns `smallcode-lsp --stdio` for a workspace and
 * speaks JSON-RPC with the typed protocol-ext objects. The CLI reports edits itself, so it declares
 * no applyEdit support: the server writes files directly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { z } from 'zod';
import type { NotificationDef, RequestDef } from '../../protocol-ext/define.js';

const LSP_BIN = fileURLToPath(new URL('../../../bin/smallcode-lsp.js', import.meta.url));

export interface ServerConnectionOptions {
  cwd: string;
  initializationOptions: Record<string, unknown>;
  /** Whether the user can answer questions (window/showMessageRequest) on this terminal. */
  interactive: boolean;
  ask?: (message: string, actions: string[]) => Promise<string | null>;
  onLog?: (type: number, message: string) => void;
}

export class ServerConnection {
  private stderrText = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly rpc: MessageConnection,
  ) {
    child.stderr.on('data', (d: Buffer) => {
      this.stderrText += d.toString('utf8');
      if (this.stderrText.length > 20_000) this.stderrText = this.stderrText.slice(-10_000);
    });
  }

  get stderr(): string {
    return this.stderrText;
  }

  static async open(opts: ServerConnectionOptions): Promise<ServerConnection> {
    const child = spawn(process.execPath, [LSP_BIN, '--stdio'], { cwd: opts.cwd, stdio: 'pipe', env: process.env });
    const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const conn = new ServerConnection(child, rpc);
    rpc.onRequest('window/showMessageRequest', async (params: { message: string; actions?: { title: string }[] }) => {
      if (!opts.ask) return null;
      const title = await opts.ask(params.message, (params.actions ?? []).map((a) => a.title));
      return title === null ? null : { title };
    });
    rpc.onRequest('window/workDoneProgress/create', () => null);
    rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    rpc.onRequest('client/registerCapability', () => null);
    rpc.onNotification('window/logMessage', (p: { type: number; message: string }) => opts.onLog?.(p.type, p.message));
    rpc.onNotification('window/showMessage', (p: { type: number; message: string }) => opts.onLog?.(p.type, p.message));
    rpc.listen();
    const rootUri = pathToFileURL(opts.cwd).href;
    await rpc.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'smallcode-cli' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: {
        window: { workDoneProgress: true, ...(opts.interactive ? { showMessage: { messageActionItem: { additionalPropertiesSupport: false } } } : {}) },
        // Edits are not mirrored (no buffers here), but the returned WorkspaceEdit may carry file operations.
        workspace: { applyEdit: false, configuration: false, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
      },
      initializationOptions: opts.initializationOptions,
    });
    await rpc.sendNotification('initialized', {});
    return conn;
  }

  request<P extends z.ZodType, R extends z.ZodType>(def: RequestDef<P, R>, params: z.input<P>): Promise<z.output<R>> {
    return this.rpc.sendRequest(def.method, params) as Promise<z.output<R>>;
  }

  onNotification<P extends z.ZodType>(def: NotificationDef<P>, fn: (params: z.output<P>) => void): void {
    this.rpc.onNotification(def.method, (raw: unknown) => {
      const parsed = def.params.safeParse(raw);
      if (parsed.success) fn(parsed.data as z.output<P>);
    });
  }

  onProgress(fn: (value: { kind: string; title?: string; message?: string; percentage?: number }) => void): void {
    this.rpc.onNotification('$/progress', (p: { value: { kind: string; title?: string; message?: string; percentage?: number } }) => fn(p.value));
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.rpc.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.rpc.sendNotification('exit');
    } catch {
      // the server may already be gone; killing it below is the fallback
    }
    this.rpc.dispose();
    setTimeout(() => {
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }, 1000).unref();
  }
}
