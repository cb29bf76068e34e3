import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.js';
import { requestLogger } from './request-id.js';

/**
 * One JSON line per request, after `requestId` (whose child logger carries the request id).
 * Only named fields are logged — never headers or bodies — so keys, cookies and passwords cannot leak.
 */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    const started = performance.now();
    await next();
    const status = c.res.status;
    // Decided on the root logger, so a request below the level never makes its child logger.
    if (status < 500 && !c.get('rootLogger')?.isLevelEnabled('info')) return;
    const log = requestLogger(c);
    if (!log) return;
    const caller = c.get('caller');
    const line = {
      method: c.req.method,
      route: c.req.routePath,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      userId: caller?.userId,
      keyId: caller?.kind === 'api_key' ? caller.credentialId : undefined,
    };
    if (status >= 500) log.error(line, 'request');
    else log.info(line, 'request');
  };
}
