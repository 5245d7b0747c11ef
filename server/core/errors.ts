/**
 * Domain failures as one closed union of codes, carried by a typed error class.
 * Mapping to LSP error codes happens in exactly one place (server/lsp/error-map.ts); nothing here
 * knows about the wire.
 */

export const ERROR_CODES = [
  'ConfigInvalid',
  'ModelUnavailable',
  'ModelTimeout',
  'ModelRateLimited',
  'ModelBadResponse',
  'ContextOverflow',
  'NoModelConfigured',
  'PathOutsideWorkspace',
  'PathForbidden',
  'FileNotFound',
  'FileExists',
  'BinaryFile',
  'NotUtf8',
  'EditNoMatch',
  'EditAmbiguous',
  'EditRefused',
  'WriteGuard',
  'SnapshotMissing',
  'ApplyRejected',
  'ToolArgsInvalid',
  'ToolUnknown',
  'ShellTimeout',
  'ShellFailed',
  'NetworkForbidden',
  'NetworkFailed',
  'GraphUnavailable',
  'StoreFailed',
  'TaskNotFound',
  'TaskCancelled',
  'ApprovalRequired',
  'NotImplemented',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Structured detail a user (or a model) can act on: what was tried, what to do next. */
export interface ErrorDetail {
  tried?: string;
  next?: string;
  [key: string]: unknown;
}

export class SmallCodeError extends Error {
  readonly code: ErrorCode;
  readonly detail: ErrorDetail;

  constructor(code: ErrorCode, message: string, detail: ErrorDetail = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SmallCodeError';
    this.code = code;
    this.detail = detail;
  }

  toJSON(): { code: ErrorCode; message: string } & ErrorDetail {
    return { ...this.detail, code: this.code, message: this.message };
  }
}

export function isSmallCodeError(err: unknown, code?: ErrorCode): err is SmallCodeError {
  return err instanceof SmallCodeError && (code === undefined || err.code === code);
}

/** A readable one-line message for any thrown value (never "[object Object]"). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
