/**
 * A real LSP client for tests: spawns the built `smallcode-lsp --stdio` as a child process, speaks
 * JSON-RPC through vscode-jsonrpc, records every notification, answers the server's requests
 * (applyEdit, configuration, workDoneProgress/create, registerCapability, showMessageRequest) and
 * kills the process on teardown.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import type { RequestDef } from '../../protocol-ext/define.js';
import type { z } from 'zod';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LSP_BIN = fileURLToPath(new URL('../../bin/smallcode-lsp.js', import.meta.url));

export interface RecordedMessage {
  method: string;
  params: unknown;
}

export interface ApplyEditAnswer {
  applied: boolean;
  failureReason?: string;
}

export interface LspClientOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Replace the whole environment instead of extending process.env (minus SMALLCODE_*). */
  cleanEnv?: boolean;
  initializationOptions?: unknown;
  capabilities?: Record<string, unknown>;
  /** Settings answered to workspace/configuration for section "smallcode". */
  settings?: Record<string, unknown>;
  applyEdit?: (edit: unknown) => ApplyEditAnswer | Promise<ApplyEditAnswer>;
  showMessageRequest?: (params: unknown) => unknown;
}

export const DEFAULT_CLIENT_CAPABILITIES = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], changeAnnotationSupport: { groupsOnLabel: true } },
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    executeCommand: { dynamicRegistration: false },
    symbol: { dynamicRegistration: false },
  },
  window: { workDoneProgress: true, showMessage: {} },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
  },
};

function childEnv(opts: LspClientOptions): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  if (!opts.cleanEnv) {
    for (const [k, v] of Object.entries(process.env)) {
      // The developer's own model settings must not leak into tests.
      if (!k.startsWith('SMALLCODE_') && !k.endsWith('_API_KEY')) base[k] = v;
    }
  }
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

export class LspTestClient {
  readonly notifications: RecordedMessage[] = [];
  readonly serverRequests: RecordedMessage[] = [];
  stderr = '';
  private exitCode: number | null = null;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    readonly options: LspClientOptions,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve((this.exitCode = code))));
  }

  static start(opts: LspClientOptions): LspTestClient {
    const child = spawn(process.execPath, [LSP_BIN, '--stdio'], { cwd: opts.cwd, env: childEnv(opts), stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection, opts);
    child.stderr.on('data', (d: Buffer) => (client.stderr += d.toString('utf8')));
    connection.onNotification((method, params) => client.notifications.push({ method, params }));
    // vscode-jsonrpc consumes $/logTrace itself unless a handler is registered for it by name.
    connection.onNotification('$/logTrace', (params: unknown) => client.notifications.push({ method: '$/logTrace', params }));
    // Likewise $/progress never reaches the catch-all handler: it goes to progress handlers by token.
    connection.onUnhandledProgress((params) => client.notifications.push({ method: '$/progress', params }));
    connection.onRequest((method, params) => client.answer(method, params));
    connection.onError(() => undefined);
    connection.onClose(() => undefined);
    connection.listen();
    return client;
  }

  private async answer(method: string, params: unknown): Promise<unknown> {
    this.serverRequests.push({ method, params });
    switch (method) {
      case 'workspace/applyEdit':
        return this.options.applyEdit ? this.options.applyEdit((params as { edit: unknown }).edit) : { applied: true };
      case 'workspace/configuration': {
        const items = (params as { items: { section?: string }[] }).items;
        return items.map((i) => (i.section === 'smallcode' ? this.options.settings ?? {} : null));
      }
      case 'window/workDoneProgress/create':
      case 'client/registerCapability':
      case 'client/unregisterCapability':
        return null;
      case 'window/showMessageRequest':
        return this.options.showMessageRequest ? this.options.showMessageRequest(params) : null;
      default:
        return null;
    }
  }

  async initialize(): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }> {
    const rootUri = pathToFileURL(this.options.cwd).href;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'test' }],
      capabilities: this.options.capabilities ?? DEFAULT_CLIENT_CAPABILITIES,
      initializationOptions: this.options.initializationOptions,
      trace: 'off',
    });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
  }

  request<P extends z.ZodType, R extends z.ZodType>(def: RequestDef<P, R>, params: z.input<P>): Promise<z.output<R>> {
    return this.connection.sendRequest(def.method, params) as Promise<z.output<R>>;
  }

  requestRaw(method: string, params?: unknown): Promise<unknown> {
    return params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params);
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  openDocument(uri: string, text: string, languageId = 'typescript', version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  notificationsOf(method: string): unknown[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params);
  }

  /** Resolves with the first recorded (or future) notification matching; rejects after timeoutMs. */
  async waitForNotification(method: string, predicate: (params: unknown) => boolean = () => true, timeoutMs = 10_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.notifications.find((n) => n.method === method && predicate(n.params));
      if (hit) return hit.params;
      if (Date.now() > deadline) throw new Error(`no ${method} notification within ${timeoutMs} ms; got: ${this.notifications.map((n) => n.method).join(', ')}\nstderr: ${this.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async shutdownAndExit(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    return this.waitForExit();
  }

  async waitForExit(timeoutMs = 5000): Promise<number | null> {
    if (this.exitCode !== null) return this.exitCode;
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs));
    const r = await Promise.race([this.exited, timer]);
    if (r === 'timeout') throw new Error('server did not exit in time');
    return r;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async dispose(): Promise<void> {
    this.connection.dispose();
    if (this.alive) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** Starts a client and registers it for disposal in afterEach-style cleanups. */
export async function withLspClient<T>(opts: LspClientOptions, fn: (c: LspTestClient) => Promise<T>): Promise<T> {
  const c = LspTestClient.start(opts);
  try {
    return await fn(c);
  } finally {
    await c.dispose();
  }
}
