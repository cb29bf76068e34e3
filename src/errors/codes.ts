/** The one catalogue of client-visible error codes (SPEC §5). Plugins add theirs with `defineErrorCodes`. */
export interface ErrorCodeDef {
  status: number;
  message: string;
}

export function defineErrorCodes<const T extends Record<Uppercase<string>, ErrorCodeDef>>(codes: T): T {
  return codes;
}

export const ERROR_CODES = defineErrorCodes({
  UNAUTHORIZED: { status: 401, message: 'Missing or invalid authentication' },
  EXPIRED_KEY: { status: 401, message: 'API key has expired' },
  FORBIDDEN: { status: 403, message: 'Insufficient permissions' },
  INVALID_SCOPE: { status: 403, message: 'Missing required scope' },
  NOT_FOUND: { status: 404, message: 'Resource not found' },
  ENTITY_NOT_FOUND: { status: 404, message: 'Entity not in registry' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed' },
  CONFLICT: { status: 409, message: 'Conflict with an existing record' },
  IDEMPOTENCY_CONFLICT: { status: 409, message: 'Idempotency key conflict' },
  PRECONDITION_FAILED: { status: 412, message: 'The record has changed since it was read' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body too large' },
  VALIDATION_FAILED: { status: 400, message: 'Validation failed' },
  INVALID_FILTER: { status: 400, message: 'Invalid filter' },
  INVALID_SORT: { status: 400, message: 'Invalid sort field' },
  INSUFFICIENT_CREDITS: { status: 402, message: 'Insufficient credits' },
  RATE_LIMIT_EXCEEDED: { status: 429, message: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error' },
  DATABASE_ERROR: { status: 500, message: 'Database operation failed' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service unavailable' },
});

export type CoreErrorCode = keyof typeof ERROR_CODES;
