/** Bridges LSP cancellation tokens to the AbortSignals the core understands. */
import type { CancellationToken } from 'vscode-languageserver/node.js';

export function tokenToSignal(token: CancellationToken | undefined): AbortSignal {
  const controller = new AbortController();
  if (!token) return controller.signal;
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
