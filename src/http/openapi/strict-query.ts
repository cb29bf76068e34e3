import { OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { AppEnv } from '../types.js';
import { validationHook } from './validation-hook.js';

/**
 * A typed route's query object, made strict unless it chose otherwise: zod objects drop unknown
 * keys by default, so `?pinned=true` on a route that does not know `pinned` would be ignored and
 * the client would believe it filtered. A route that wants extra parameters declares its query
 * with `.loose()` (or any catchall); that choice is kept.
 */
export function strictQuery<R extends RouteConfig>(route: R): R {
  const query = route.request?.query;
  if (!(query instanceof z.ZodObject) || query._zod.def.catchall !== undefined) return route;
  return { ...route, request: { ...route.request, query: query.strict() } };
}

/** The app class: OpenAPIHono with the SPEC §5 validation hook and strict query parameters. */
export class RegisHono extends OpenAPIHono<AppEnv> {
  constructor() {
    super({ defaultHook: validationHook });
    const register = this.openapi;
    // `openapi` is an instance field in OpenAPIHono (not a method), so it is wrapped, not overridden.
    this.openapi = ((route: RouteConfig, ...rest: unknown[]) =>
      Reflect.apply(register, this, [strictQuery(route), ...rest])) as typeof register;
  }
}
