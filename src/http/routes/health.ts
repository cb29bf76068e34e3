import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Database } from '../../db/client.js';
import { VERSION } from '../../version.js';
import { json } from '../envelope.js';
import { requestLogger } from '../middleware/request-id.js';
import type { AppEnv } from '../types.js';

const HealthSchema = z
  .object({
    status: z.enum(['healthy', 'unhealthy']),
    version: z.string(),
    timestamp: z.string().describe('ISO 8601 UTC'),
    database: z.string().optional(),
  })
  .openapi('Health');

/** Documented apart from the handler so the handler stays a plain route (no validation to run). */
function documentHealth(app: OpenAPIHono<AppEnv>) {
  const content = { 'application/json': { schema: HealthSchema } };
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    tags: ['System'],
    summary: 'Liveness and database reachability (public)',
    responses: {
      200: { description: 'The database answers', content },
      503: { description: 'The database does not answer', content },
    },
  });
}

/** GET /api/health (public): 200 healthy, or 503 unhealthy when the database does not answer. */
export function mountHealth(app: OpenAPIHono<AppEnv>, database: Database): void {
  documentHealth(app);
  app.get('/api/health', async (c) => {
    const timestamp = new Date().toISOString();
    try {
      await database.ping(2000);
      return json(c, { status: 'healthy', version: VERSION, timestamp });
    } catch (err) {
      requestLogger(c)?.warn({ err }, 'health check: database unavailable');
      return json(c, { status: 'unhealthy', version: VERSION, timestamp, database: 'unreachable' }, 503);
    }
  });
}
