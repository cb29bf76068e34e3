import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.js';

const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes a sane X-Request-ID (≤128 of [A-Za-z0-9._:-]) or makes one; sets a per-request child logger. */
export function requestId(root: AppEnv['Variables']['logger']): MiddlewareHandler<AppEnv> {
  return async function requestId(c, next) {
    const given = c.req.header('x-request-id');
    const id = given && SANE.test(given) ? given : randomUUID();
    c.set('requestId', id);
    c.set('logger', root.child({ requestId: id }));
    c.header('X-Request-ID', id);
    await next();
  };
}
