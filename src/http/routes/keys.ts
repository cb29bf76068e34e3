import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AuthService } from '../../auth/index.js';
import { AppError } from '../../errors/app-error.js';
import { ok } from '../envelope.js';
import { COMMON_ERRORS, dataOf, errorResponse, MessageSchema, NO_QUERY } from '../openapi/common.js';
import type { AppEnv } from '../types.js';

const KeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    key: z.string().describe('Masked in lists; in full only in the answer to POST'),
    scopes: z.array(z.enum(['read', 'write', 'delete'])),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().optional(),
    expiresAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiKey');

const CreateKeySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(['read', 'write', 'delete']))
      .min(1)
      .max(3),
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .refine((v) => !v || new Date(v).getTime() > Date.now(), 'Must be in the future'),
  })
  .openapi('ApiKeyCreate');

const sessionOnly = { tags: ['API keys'], security: [{ cookieAuth: [] }] };

/** Keys are managed with a session only: an API key here is 401 (keys cannot mint keys). */
function sessionUser(c: Context<AppEnv>): string {
  const caller = c.get('caller');
  if (caller?.kind !== 'session') {
    throw AppError.of('UNAUTHORIZED', { message: 'API keys are managed from a signed-in session' });
  }
  return caller.userId;
}

export function mountKeyRoutes(app: OpenAPIHono<AppEnv>, auth: AuthService): void {
  app.openapi(
    createRoute({
      ...sessionOnly,
      method: 'get',
      path: '/api/v1/keys',
      operationId: 'list_keys',
      summary: 'List your API keys (masked)',
      request: { query: NO_QUERY },
      responses: {
        200: { description: 'Keys', content: { 'application/json': { schema: dataOf(z.array(KeySchema)) } } },
        ...COMMON_ERRORS,
      },
    }),
    async (c) => ok(c, await auth.keys.list(sessionUser(c))),
  );
  app.openapi(
    createRoute({
      ...sessionOnly,
      method: 'post',
      path: '/api/v1/keys',
      operationId: 'create_key',
      summary: 'Create an API key (shown once)',
      request: { body: { required: true, content: { 'application/json': { schema: CreateKeySchema } } } },
      responses: {
        201: {
          description: 'The key, in full, this once',
          content: { 'application/json': { schema: dataOf(KeySchema).extend({ warning: z.string() }) } },
        },
        400: errorResponse('Validation failed'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => {
      const userId = sessionUser(c);
      const body = c.req.valid('json');
      const created = await auth.keys.create(userId, {
        name: body.name,
        scopes: body.scopes,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
      });
      return ok(c, created, {
        status: 201,
        warning: 'Save this key securely. It will not be shown again.',
      });
    },
  );
  app.openapi(
    createRoute({
      ...sessionOnly,
      method: 'delete',
      path: '/api/v1/keys/{keyId}',
      operationId: 'revoke_key',
      summary: 'Revoke an API key',
      request: { params: z.object({ keyId: z.string().max(128) }) },
      responses: {
        200: { description: 'Revoked', content: { 'application/json': { schema: MessageSchema } } },
        404: errorResponse('No such key of yours'),
        ...COMMON_ERRORS,
      },
    }),
    async (c) => {
      const userId = sessionUser(c);
      const { keyId } = c.req.valid('param');
      if (!(await auth.revokeKey(userId, keyId))) {
        throw AppError.of('NOT_FOUND', { message: 'API key not found', details: { keyId: 'No such key' } });
      }
      return ok(c, undefined, { message: 'API key revoked successfully' });
    },
  );
}
