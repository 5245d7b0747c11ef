/**
 * Registers custom requests from their protocol-ext definitions: validates params with the
 * schema (InvalidParams names the field), bridges cancellation to an AbortSignal, logs method,
 * duration and outcome, and maps every failure through error-map.ts. The server stays up.
 */
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node.js';
import type { z } from 'zod';
import type { RequestDef } from '../../protocol-ext/define.js';
import { errorMessage, isSmallCodeError } from '../core/errors.js';
import { tokenToSignal } from './cancellation.js';
import { invalidParams, isAbortError, toResponseError } from './error-map.js';

export interface RequestContext {
  signal: AbortSignal;
  /** The raw params' workDoneToken, when the client sent one. */
  workDoneToken?: string | number;
}

export class Router {
  private readonly methods = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (line: string) => void,
  ) {}

  request<P extends z.ZodType, R extends z.ZodType>(
    def: RequestDef<P, R>,
    handler: (params: z.output<P>, ctx: RequestContext) => Promise<z.input<R>> | z.input<R>,
  ): void {
    this.methods.add(def.method);
    this.connection.onRequest(def.method, async (first: unknown, second?: CancellationToken) => {
      const started = performance.now();
      // vscode-jsonrpc passes only the token when a request carries no params.
      const paramless = second === undefined && isCancellationToken(first);
      const raw = paramless ? undefined : first;
      const token = paramless ? (first as CancellationToken) : second;
      const parsed = def.params.safeParse(raw ?? undefined);
      if (!parsed.success) {
        this.log(`${def.method}: invalid params (${parsed.error.issues.length} issue(s))`);
        return invalidParams(def.method, parsed.error);
      }
      const rawToken = raw && typeof raw === 'object' ? (raw as { workDoneToken?: string | number }).workDoneToken : undefined;
      try {
        const result = await handler(parsed.data as z.output<P>, { signal: tokenToSignal(token), workDoneToken: rawToken });
        this.log(`${def.method}: ok in ${Math.round(performance.now() - started)} ms`);
        return result;
      } catch (err) {
        const mapped = toResponseError(def.method, err);
        const kind = isSmallCodeError(err) ? err.code : isAbortError(err) ? 'cancelled' : 'bug';
        const line = `${def.method}: failed (${kind}) after ${Math.round(performance.now() - started)} ms: ${errorMessage(err)}`;
        if (kind === 'bug') {
          this.connection.console.error(`${line}${err instanceof Error && err.stack ? '\n' + err.stack : ''}`);
        } else {
          this.log(line);
        }
        return mapped;
      }
    });
  }

  /** Answers every other `smallcode/*` request with MethodNotFound naming the known methods. */
  finish(): void {
    this.connection.onRequest((method: string) => {
      const known = [...this.methods].sort().join(', ');
      const hint = method.startsWith('smallcode/') ? ` Known smallcode methods: ${known}.` : '';
      return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}.${hint}`);
    });
  }
}

function isCancellationToken(value: unknown): value is CancellationToken {
  return typeof value === 'object' && value !== null && 'isCancellationRequested' in value && 'onCancellationRequested' in value;
}
