import type { Context } from 'hono';
import type { Caller, Scope } from '../access/caller.js';
import type { Queryable } from '../db/client.js';
import { AppError } from '../errors/app-error.js';
import type { RequestContext } from '../plugins/context.js';
import type { AppEnv } from './types.js';

/** Who is calling, the request id and the connection or transaction to use, for hooks and services. */
export function requestContext(c: Context<AppEnv>, tx: Queryable): RequestContext {
  return { caller: c.get('caller') ?? null, requestId: c.get('requestId'), tx };
}

/**
 * The caller of a plugin route that needs `scope` (money moves need "write"): 401 without a
 * credential, 403 INVALID_SCOPE when the API key lacks the scope (SPEC §6).
 */
export function callerWith(c: Context<AppEnv>, scope: Scope): Caller {
  const caller = c.get('caller');
  if (!caller) throw AppError.of('UNAUTHORIZED');
  if (!caller.scopes.includes(scope)) {
    throw AppError.of('INVALID_SCOPE', {
      message: `This API key lacks the "${scope}" scope`,
      details: { scope: `Requires ${scope}` },
    });
  }
  return caller;
}
