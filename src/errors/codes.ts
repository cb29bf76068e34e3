/** What a catalogue says about one code: its HTTP status and default message. */
export interface ErrorCodeDef {
  status: number;
  message: string;
}

/**
 * The core error codes (SPEC §5), defined once. `AppError.of(code)` and `coreErrors` (the same
 * codes as `defineErrors` factories, src/errors/define-errors.ts) read this table; plugins declare
 * their own codes with `defineErrors`, and a plugin code equal to a core one stops start-up.
 */
export const ERROR_CODES = {
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
  /** Core, not a plugin's: every money plugin (credits, the ledger) refuses with the same code. */
  INSUFFICIENT_CREDITS: { status: 402, message: 'Insufficient credits' },
  RATE_LIMIT_EXCEEDED: { status: 429, message: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error' },
  DATABASE_ERROR: { status: 500, message: 'Database operation failed' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service unavailable' },
} as const satisfies Record<Uppercase<string>, ErrorCodeDef>;

export type CoreErrorCode = keyof typeof ERROR_CODES;
