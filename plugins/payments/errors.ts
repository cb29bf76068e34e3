import { AppError, type AppErrorOptions } from '../../src/errors/app-error.js';
import { defineErrorCodes } from '../../src/errors/codes.js';

/** Codes this plugin adds to the catalogue (SPEC §5: plugins may add codes; each is documented). */
export const PAYMENT_ERRORS = defineErrorCodes({
  INVALID_SIGNATURE: { status: 400, message: 'Webhook signature verification failed' },
  PAYMENT_PROVIDER_ERROR: { status: 502, message: 'The payment provider did not answer as expected' },
});

export function paymentError(code: keyof typeof PAYMENT_ERRORS, options: AppErrorOptions = {}): AppError {
  const def = PAYMENT_ERRORS[code];
  return new AppError(code, options.status ?? def.status, options.message ?? def.message, options);
}
