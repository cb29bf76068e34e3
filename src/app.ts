import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Caller } from './access/caller.js';
import type { AuthService } from './auth/index.js';
import { authSecret } from './auth/secret.js';
import { type Env, listOf } from './config/env.js';
import type { Database } from './db/client.js';
import { cursorKeyFrom } from './http/cursor-key.js';
import { mountEntityRoutes } from './http/entity-routes.js';
import { notFoundHandler, onError } from './http/envelope.js';
import { accessLog } from './http/middleware/access-log.js';
import { apiVersion } from './http/middleware/api-version.js';
import { bodyLimit } from './http/middleware/body-limit.js';
import { type Authenticator, caller } from './http/middleware/caller.js';
import { cors } from './http/middleware/cors.js';
import { idempotency } from './http/middleware/idempotency.js';
import { countingFailures, rateLimit } from './http/middleware/rate-limit.js';
import { requestId } from './http/middleware/request-id.js';
import { registerEntityDocs } from './http/openapi/entity-docs.js';
import { RegisHono } from './http/openapi/strict-query.js';
import { mountDocs } from './http/routes/docs.js';
import { mountHealth } from './http/routes/health.js';
import { mountKeyRoutes } from './http/routes/keys.js';
import { mountMe } from './http/routes/me.js';
import type { AppEnv } from './http/types.js';
import { mountPlugins, type StartedPlugins } from './plugins/start.js';
import { parseRateSpec } from './ratelimit/buckets.js';
import { createLimiterStore, type LimiterStore } from './ratelimit/index.js';
import type { Registry } from './registry/registry.js';

export interface AppDeps {
  env: Env;
  database: Database;
  registry: Registry;
  logger: Logger;
  /** Who is calling; defaults to the auth service's (tests may pass their own). */
  authenticate?: Authenticator;
  auth: AuthService;
  /** Started plugins: their routes mount behind the same middleware as the entity routes. */
  plugins?: StartedPlugins;
  /** Rate-limit counts; defaults to the store RATE_LIMIT_STORE / REDIS_URL choose (the owner closes it). */
  limiter?: LimiterStore;
}

/** URL segments under /api/v1 owned by system routes; no entity may take them. */
export const SYSTEM_SEGMENTS = ['keys', 'me', 'openapi.json', 'auth', 'docs', 'health'];

/** The one wiring file: middleware in data-path order, then system routes, then the entity routes. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new RegisHono();
  app.onError(onError);
  app.notFound(notFoundHandler);
  app.use('*', requestId(deps.logger));
  app.use('*', accessLog());
  app.use('/api/*', cors(listOf(deps.env.TRUSTED_ORIGINS)));
  app.use('/api/v1/*', apiVersion());
  app.use('/api/*', bodyLimit(deps.env.BODY_LIMIT));
  mountHealth(app, deps.database);
  mountDocs(app);
  app.on(['GET', 'POST'], '/api/auth/*', (c) => deps.auth.betterAuth.handler(c.req.raw));
  const limits = {
    env: deps.env,
    registry: deps.registry,
    store: deps.limiter ?? createLimiterStore(deps.env, deps.database.db),
  };
  app.use('/api/v1/*', caller(countingFailures(deps.authenticate ?? deps.auth.authenticate, limits)));
  app.use('/api/v1/*', rateLimit(limits));
  mountMe(app, deps.database.db);
  mountKeyRoutes(app, deps.auth);
  const defaultRateLimit = (c: Caller | null) =>
    parseRateSpec(c && c.kind !== 'api_key' ? deps.env.RATE_LIMIT_SESSION : deps.env.RATE_LIMIT_API_KEY);
  if (deps.plugins) mountPlugins(app, deps.plugins, deps.registry);
  registerEntityDocs(app.openAPIRegistry, deps.registry);
  mountEntityRoutes(app, {
    db: deps.database.db,
    beforeCreate: idempotency({ db: deps.database.db, trustProxy: deps.env.TRUST_PROXY }),
    registry: deps.registry,
    defaultRateLimit,
    cursorKey: cursorKeyFrom(authSecret(deps.env)),
  });
  return app;
}
