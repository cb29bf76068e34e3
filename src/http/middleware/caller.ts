import type { Context, MiddlewareHandler } from 'hono';
import type { Caller } from '../../access/caller.js';
import type { AppEnv } from '../types.js';

/**
 * Resolves who is calling. Returns null for no credentials; throws AppError (401) for bad ones.
 * The auth module provides the real one (API keys, sessions); nothing else sets the caller.
 */
export type Authenticator = (c: Context<AppEnv>) => Promise<Caller | null>;

export function caller(authenticate: Authenticator): MiddlewareHandler<AppEnv> {
  return async function caller(c, next) {
    c.set('caller', await authenticate(c));
    await next();
  };
}
