import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { AppError } from '../../errors/app-error.js';
import type { AppEnv } from '../types.js';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Bodies over `maxSize` bytes answer 413 PAYLOAD_TOO_LARGE, by Content-Length or while streaming. */
export function bodyLimit(maxSize: number): MiddlewareHandler<AppEnv> {
  const limit = honoBodyLimit({
    maxSize,
    onError: () => {
      throw AppError.of('PAYLOAD_TOO_LARGE', {
        message: `Request body exceeds ${maxSize} bytes`,
        details: { body: `At most ${maxSize} bytes` },
      });
    },
  });
  return async function bodyLimit(c, next) {
    // No handler reads a GET/HEAD/OPTIONS body, so there is nothing to limit. Skipping matters:
    // hono's check reads `raw.body`, which makes @hono/node-server build a full undici Request
    // and AbortController on every GET (~9% of the CPU of a READ in the bench profile).
    if (BODYLESS.has(c.req.method)) return next();
    return limit(c, next);
  };
}
