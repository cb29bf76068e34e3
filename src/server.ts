import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { createAuth } from './auth/index.js';
import { connect, loadRegistry, migrationSets, projectPaths } from './boot.js';
import { ConfigError, loadEnv } from './config/env.js';
import { runMigrations } from './db/migrate.js';
import { createLogger } from './logger.js';
import { loadPlugins } from './plugins/load.js';
import { startPlugins } from './plugins/start.js';
import { createLimiterStore } from './ratelimit/index.js';

/** env → database → migrations → registry → app → listen; SIGTERM closes the server, then the pool. */
async function start() {
  const started = performance.now();
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const paths = projectPaths();
  const plugins = await loadPlugins();
  const database = await connect(env, logger);
  await runMigrations(database, migrationSets(paths, plugins));
  const registry = await loadRegistry(paths, plugins);
  const running = await startPlugins(plugins, { db: database.db, registry, logger });
  const auth = await createAuth({ env, database, logger });
  const limiter = createLimiterStore(env, database.db);
  const app = createApp({ env, database, registry, logger, auth, limiter, plugins: running });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    logger.info(
      {
        port: info.port,
        entities: [...registry.entities.keys()],
        startupMs: Math.round(performance.now() - started),
      },
      `Regis listening on http://localhost:${info.port}`,
    );
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(async () => {
      await auth.close();
      await limiter.close();
      await database.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

start().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
