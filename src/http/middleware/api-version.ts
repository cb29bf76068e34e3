import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors/app-error.js';
import { setAnswerHeader } from '../answer-headers.js';
import type { AppEnv } from '../types.js';

export const API_VERSION = 'v1';

/** `X-API-Version: v1` on every /api/v1 answer; a request naming another version is 400. */
export function apiVersion(): MiddlewareHandler<AppEnv> {
  return async function apiVersion(c, next) {
    setAnswerHeader(c, 'X-API-Version', API_VERSION);
    const asked = c.req.header('x-api-version');
    if (asked !== undefined && asked.trim().toLowerCase() !== API_VERSION) {
      throw AppError.of('VALIDATION_FAILED', {
        message: `Unsupported API version "${asked.slice(0, 20)}"`,
        details: { 'X-API-Version': `This server speaks ${API_VERSION}` },
      });
    }
    await next();
  };
}
