/**
 * The one way to declare a custom method: its name, zod schemas and a typed JSON-RPC type.
 * Imports only zod and vscode-jsonrpc types; never server/ or clients/.
 */
import { z } from 'zod';
import { NotificationType, RequestType } from 'vscode-jsonrpc';

export interface RequestDef<P extends z.ZodType, R extends z.ZodType> {
  readonly kind: 'request';
  readonly method: string;
  readonly params: P;
  readonly result: R;
  readonly type: RequestType<z.infer<P>, z.infer<R>, unknown>;
  readonly doc: string;
}

export interface NotificationDef<P extends z.ZodType> {
  readonly kind: 'notification';
  readonly method: string;
  readonly params: P;
  readonly type: NotificationType<z.infer<P>>;
  readonly doc: string;
}

export function defineRequest<P extends z.ZodType, R extends z.ZodType>(
  method: string,
  params: P,
  result: R,
  doc: string,
): RequestDef<P, R> {
  return { kind: 'request', method, params, result, type: new RequestType(method), doc };
}

export function defineNotification<P extends z.ZodType>(method: string, params: P, doc: string): NotificationDef<P> {
  return { kind: 'notification', method, params, type: new NotificationType(method), doc };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRequestDef = RequestDef<z.ZodType, z.ZodType>;
export type AnyNotificationDef = NotificationDef<z.ZodType>;

/** Params of a request that takes none: `{}` or an omitted params object. */
export const NoParams = z.object({}).strict().optional();
