/**
 * The one place where failures become LSP errors: domain errors (SmallCodeError) become
 * RequestFailed with a typed `data` object, zod failures InvalidParams naming the field,
 * cancellation RequestCancelled, and anything else (a bug) InternalError with a readable message.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node.js';
import type { z } from 'zod';
import { errorMessage, isSmallCodeError } from '../core/errors.js';

export interface RequestFailedData {
  code: string;
  tried?: string;
  next?: string;
  [key: string]: unknown;
}

/** "task: expected string, received undefined; mode: expected one of apply|propose" */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(params)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

export function invalidParams(method: string, error: z.ZodError): ResponseError<{ issues: { path: string; message: string }[] }> {
  return new ResponseError(ErrorCodes.InvalidParams, `Invalid params for ${method}: ${describeZodError(error)}`, {
    issues: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}

export function isAbortError(err: unknown): boolean {
  return (
    (err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR')) ||
    isSmallCodeError(err, 'TaskCancelled')
  );
}

export function toResponseError(method: string, err: unknown): ResponseError<unknown> {
  if (err instanceof ResponseError) return err;
  if (isAbortError(err)) return new ResponseError(LSPErrorCodes.RequestCancelled, `${method} was cancelled`);
  if (isSmallCodeError(err)) {
    const data: RequestFailedData = { ...err.detail, code: err.code };
    if (err.code === 'ConfigInvalid' || err.code === 'ToolArgsInvalid') {
      return new ResponseError(ErrorCodes.InvalidParams, err.message, data);
    }
    return new ResponseError(LSPErrorCodes.RequestFailed, err.message, data);
  }
  return new ResponseError(ErrorCodes.InternalError, `${method} failed unexpectedly: ${errorMessage(err)}`);
}
