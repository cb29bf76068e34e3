import { AppError, type AppErrorOptions } from '../../src/errors/app-error.js';
import { defineErrorCodes } from '../../src/errors/codes.js';

/** Codes this plugin adds (INSUFFICIENT_CREDITS 402 and SERVICE_UNAVAILABLE 503 are core codes). */
export const AI_ERRORS = defineErrorCodes({
  AI_PROVIDER_ERROR: { status: 502, message: 'The model provider failed; nothing was charged' },
});

export function aiError(code: keyof typeof AI_ERRORS, options: AppErrorOptions = {}): AppError {
  const def = AI_ERRORS[code];
  return new AppError(code, options.status ?? def.status, options.message ?? def.message, options);
}
