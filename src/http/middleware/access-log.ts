import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.js';

/**
 * One JSON line per request, after `requestId` (whose child logger carries the request id).
 * Only named fields are logged — never headers or bodies — so keys, cookies and passwords cannot leak.
 */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    const started = performance.now();
    await next();
    const caller = c.get('caller');
    const status = c.res.status;
    const line = {
      method: c.req.method,
      route: c.req.routePath,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      userId: caller?.userId,
      keyId: caller?.keyId,
    };
    const log = c.get('logger');
    if (status >= 500) log.error(line, 'request');
    else log.info(line, 'request');
  };
}
