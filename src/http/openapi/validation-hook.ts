import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { AppError, type ErrorDetails } from '../../errors/app-error.js';
import { unknownParamsError } from '../../query/known-params.js';
import type { AppEnv } from '../types.js';

/** zod issues → `details`, one message per field (the first issue wins). */
export function zodDetails(error: z.ZodError): ErrorDetails {
  const details: ErrorDetails = {};
  for (const iss of error.issues) {
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) details[[...iss.path, key].join('.')] ??= 'Unknown field';
      continue;
    }
    const key = iss.path.length > 0 ? iss.path.join('.') : 'body';
    details[key] ??= iss.code === 'invalid_type' && iss.input === undefined ? 'Required' : iss.message;
  }
  return details;
}

/** Query parameters a strict query schema did not declare (see strict-query.ts). */
function unknownParams(error: z.ZodError): string[] {
  return error.issues.flatMap((iss) => (iss.code === 'unrecognized_keys' ? iss.keys : []));
}

/** Every typed route's validation failure becomes the SPEC §5 envelope (VALIDATION_FAILED, 400). */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const error = result.error as z.ZodError;
  if (result.target === 'query') {
    const unknown = unknownParams(error);
    if (unknown.length > 0) throw unknownParamsError(unknown);
  }
  throw AppError.of('VALIDATION_FAILED', { details: zodDetails(error) });
};
