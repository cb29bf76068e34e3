import { z } from '@hono/zod-openapi';
import type { ErrorCode } from '../../errors/define-errors.js';

export const ErrorSchema = z
  .object({
    success: z.literal(false),
    error: z.string(),
    code: z.string(),
    details: z.record(z.string(), z.string()).optional(),
  })
  .openapi('Error');

export const PaginationSchema = z
  .object({
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int().nullable(),
    totalPages: z.number().int().nullable(),
    hasNext: z.boolean(),
    hasPrev: z.boolean(),
    nextCursor: z.string().nullable(),
    totalEstimated: z.boolean().optional(),
  })
  .openapi('Pagination');

export const MessageSchema = z.object({ success: z.literal(true), message: z.string() }).openapi('Message');

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

type ErrorResponse = ReturnType<typeof errorResponse>;

/**
 * A route's error answers from catalogue entries (`defineErrors`): one response per status, its
 * description listing each code with its message, so the document cannot drift from the catalogue.
 */
export function errorResponses<const C extends readonly ErrorCode[]>(
  ...codes: C
): { [S in C[number]['status']]: ErrorResponse } {
  const byStatus = new Map<number, string[]>();
  for (const e of codes)
    byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), `\`${e.code}\`: ${e.message}`]);
  const out: Record<number, ErrorResponse> = {};
  for (const [status, lines] of byStatus) out[status] = errorResponse(lines.join('; '));
  return out as { [S in C[number]['status']]: ErrorResponse };
}

/** The error answers every authenticated route can give. */
export const COMMON_ERRORS = {
  401: errorResponse('Missing or invalid authentication (UNAUTHORIZED, EXPIRED_KEY)'),
  403: errorResponse('Missing scope or permission (INVALID_SCOPE, FORBIDDEN)'),
  429: errorResponse('Rate limit exceeded (RATE_LIMIT_EXCEEDED)'),
  500: errorResponse('Internal error (INTERNAL_ERROR, DATABASE_ERROR)'),
} as const;

export const dataOf = <T extends z.ZodType>(schema: T) =>
  z.object({ success: z.literal(true), data: schema });

/** The query of a GET that takes no parameters: any parameter is then 400 (see strict-query.ts). */
export const NO_QUERY = z.object({});

export const SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];

/**
 * The `Idempotency-Key` request header (SPEC §8) of a POST route, for `request.headers`. Named in
 * lower case: hono validates headers by their lower-case names (HTTP header names are
 * case-insensitive, so clients may send any case).
 */
export const idempotencyHeader = (required: boolean) => {
  const key = z.string().min(1).max(255);
  return z.object({
    'idempotency-key': (required ? key : key.optional()).openapi({
      description: required
        ? 'Required: the request runs at most once per key; a repeat replays the first answer (24 h)'
        : 'Optional: the request runs at most once per key; a repeat replays the first answer (24 h)',
    }),
  });
};

export const IDEMPOTENCY_CONFLICT = errorResponse(
  'Idempotency-Key reused with another body, or the first request is still running (IDEMPOTENCY_CONFLICT)',
);
