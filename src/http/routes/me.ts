import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { user } from '../../auth/schema.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors/app-error.js';
import { ok } from '../envelope.js';
import { COMMON_ERRORS, dataOf, NO_QUERY, SECURITY } from '../openapi/common.js';
import type { AppEnv } from '../types.js';

const MeSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    isAdmin: z.boolean(),
    createdAt: z.iso.datetime(),
    auth: z.object({
      type: z.enum(['session', 'api_key', 'access_token', 'oauth']),
      keyId: z.string().optional(),
      projectId: z.string().optional(),
      scopes: z.array(z.string()),
    }),
  })
  .openapi('Me');

/** GET /api/v1/me with either kind of credential. */
export function mountMe(app: OpenAPIHono<AppEnv>, db: Db): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/me',
      tags: ['Account'],
      security: SECURITY,
      operationId: 'me',
      summary: 'The calling user',
      request: { query: NO_QUERY },
      responses: {
        200: { description: 'You', content: { 'application/json': { schema: dataOf(MeSchema) } } },
        ...COMMON_ERRORS,
      },
    }),
    async (c) => {
      const caller = c.get('caller');
      if (!caller) throw AppError.of('UNAUTHORIZED');
      const rows = await db
        .select({
          id: user.id,
          email: user.email,
          name: user.name,
          isAdmin: user.isAdmin,
          createdAt: user.createdAt,
        })
        .from(user)
        .where(eq(user.id, caller.userId))
        .limit(1);
      if (!rows[0]) throw AppError.of('UNAUTHORIZED');
      const auth = {
        type: caller.kind,
        ...(caller.kind === 'api_key' ? { keyId: caller.credentialId } : {}),
        ...(caller.projectId ? { projectId: caller.projectId } : {}),
        scopes: [...caller.scopes],
      };
      return ok(c, { ...rows[0], auth });
    },
  );
}
