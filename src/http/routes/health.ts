import type { Hono } from 'hono';
import type { Database } from '../../db/client.js';
import { VERSION } from '../../version.js';
import { json } from '../envelope.js';
import type { AppEnv } from '../types.js';

/** GET /api/health (public): 200 healthy, or 503 unhealthy when the database does not answer. */
export function mountHealth(app: Hono<AppEnv>, database: Database): void {
  app.get('/api/health', async (c) => {
    const timestamp = new Date().toISOString();
    try {
      await database.ping(2000);
      return json(c, { status: 'healthy', version: VERSION, timestamp });
    } catch (err) {
      c.get('logger').warn({ err }, 'health check: database unavailable');
      return json(c, { status: 'unhealthy', version: VERSION, timestamp, database: 'unreachable' }, 503);
    }
  });
}
