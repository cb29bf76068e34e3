import { type CoreErrorCode, ERROR_CODES } from './codes.js';

export type ErrorDetails = Record<string, string>;

export interface AppErrorOptions {
  message?: string;
  details?: ErrorDetails;
  /** HTTP status override (e.g. 422 for VALIDATION_FAILED on a body that is not JSON). */
  status?: number;
  headers?: Record<string, string>;
  /** Logged, never serialised. */
  cause?: unknown;
}

/** A client-visible error: code, status and message from a catalogue; `cause` stays server-side. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: string,
    status: number,
    message: string,
    options: Omit<AppErrorOptions, 'message' | 'status'> = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = options.details;
    this.headers = options.headers;
  }

  static of(code: CoreErrorCode, options: AppErrorOptions = {}): AppError {
    const def = ERROR_CODES[code];
    return new AppError(code, options.status ?? def.status, options.message ?? def.message, options);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
