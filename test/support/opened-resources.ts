/**
 * What a test opens (temp workspaces, scripted model servers, LSP clients, anything with a close
 * function) is closed after it, newest first. Every close runs even when an earlier one throws, and
 * close failures are reported next to the test's own error, never instead of it (vitest keeps both).
 */
import { afterEach } from 'vitest';
import type { LspTestClient } from './lsp-client.js';
import type { ModelServer } from './model-server.js';
import type { TempWorkspace } from './temp-dir.js';

type Close = () => unknown;

export interface OpenedResources {
  /** Removes the workspace folder after the test; returns the workspace. */
  workspace<T extends TempWorkspace>(ws: T): T;
  /** Closes the scripted model server after the test; returns the server. */
  server<T extends ModelServer>(server: T): T;
  /** Disposes the LSP client (and its server process) after the test; returns the client. */
  client<T extends LspTestClient>(client: T): T;
  /** Runs `close` after the test; `label` names it in a close failure. */
  add(close: Close, label?: string): void;
  /** Closes everything opened so far, newest first; throws one error naming every close that failed. */
  closeAll(): Promise<void>;
}

/**
 * Registers an `afterEach` that closes what the tests of this file (or describe block) open.
 * Call it once at module or describe level, not inside a test: vitest collects hooks before running.
 */
export function openedResources(): OpenedResources {
  const open = trackedResources();
  afterEach(() => open.closeAll());
  return open;
}

/** The same tracker without the hook, for code that decides itself when to close. */
export function trackedResources(): OpenedResources {
  const stack: Array<{ close: Close; label: string }> = [];
  const tracker: OpenedResources = {
    workspace(ws) {
      stack.push({ close: () => ws.cleanup(), label: `workspace ${ws.root}` });
      return ws;
    },
    server(server) {
      stack.push({ close: () => server.close(), label: `model server ${server.url}` });
      return server;
    },
    client(client) {
      stack.push({ close: () => client.dispose(), label: 'LSP client' });
      return client;
    },
    add(close, label = 'resource') {
      stack.push({ close, label });
    },
    async closeAll() {
      const failures: string[] = [];
      const causes: unknown[] = [];
      // Popping one at a time also closes what a close function itself registers.
      for (let next = stack.pop(); next; next = stack.pop()) {
        try {
          await next.close();
        } catch (err) {
          failures.push(`${next.label}: ${err instanceof Error ? err.message : String(err)}`);
          causes.push(err);
        }
      }
      if (failures.length > 0) {
        throw new AggregateError(causes, `closing after the test failed for ${failures.length} resource(s): ${failures.join('; ')}`);
      }
    },
  };
  return tracker;
}
