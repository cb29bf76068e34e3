import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { AppError, type ErrorDetails } from '../../errors/app-error.js';
import type { AppEnv } from '../types.js';

/** zod issues → `details`, one message per field (the first issue wins). */
export function zodDetails(error: z.ZodError): ErrorDetails {
  const details: ErrorDetails = {};
  for (const iss of error.issues) {
    const key = iss.path.length > 0 ? iss.path.join('.') : 'body';
    details[key] ??= iss.code === 'invalid_type' && iss.input === undefined ? 'Required' : iss.message;
  }
  return details;
}

/** Every typed route's validation failure becomes the SPEC §5 envelope (VALIDATION_FAILED, 400). */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success)
    throw AppError.of('VALIDATION_FAILED', { details: zodDetails(result.error as z.ZodError) });
};
