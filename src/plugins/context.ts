import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Caller, Scope } from '../access/caller.js';
import type { Db, Queryable } from '../db/client.js';
import { AppError } from '../errors/app-error.js';
import type { AppEnv } from '../http/types.js';
import type { Registry } from '../registry/registry.js';

/**
 * Public APIs plugins offer each other, keyed by name. Each plugin adds its own by module
 * augmentation: `declare module '.../src/plugins/context.js' { interface RegisServices { credits: CreditsApi } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface RegisServices {}

/** What a plugin sees of the framework: handed to `init` and `routes`, never a module global. */
export interface PluginContext<C = unknown> {
  id: string;
  db: Db;
  registry: Registry;
  /** The plugin's own config, parsed from the environment at start-up. */
  config: C;
  logger: Logger;
  /** Services of the plugins started so far (dependencies start first), then of all of them. */
  services: Partial<RegisServices>;
}

/** Per request: who is calling, the request id and the connection or transaction to use. */
export interface RequestContext {
  caller: Caller | null;
  requestId: string;
  tx: Queryable;
}

export function requestContext(c: Context<AppEnv>, tx: Queryable): RequestContext {
  return { caller: c.get('caller') ?? null, requestId: c.get('requestId'), tx };
}

/** A service another plugin declared in dependsOn; a missing one is a wiring bug, said plainly. */
export function serviceOf<K extends keyof RegisServices>(ctx: PluginContext, name: K): RegisServices[K] {
  const s = ctx.services[name];
  if (!s) throw new Error(`plugin "${ctx.id}" needs service "${String(name)}"; add its plugin to dependsOn`);
  return s as RegisServices[K];
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
