import type { MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { AppError } from '../../errors/app-error.js';
import type { AppEnv } from '../types.js';

/** Bodies over `maxSize` bytes answer 413 PAYLOAD_TOO_LARGE, by Content-Length or while streaming. */
export function bodyLimit(maxSize: number): MiddlewareHandler<AppEnv> {
  return honoBodyLimit({
    maxSize,
    onError: () => {
      throw AppError.of('PAYLOAD_TOO_LARGE', {
        message: `Request body exceeds ${maxSize} bytes`,
        details: { body: `At most ${maxSize} bytes` },
      });
    },
  });
}
