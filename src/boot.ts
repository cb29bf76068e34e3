import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { SYSTEM_SEGMENTS } from './app.js';
import { authSchema } from './auth/schema.js';
import { usersEntity } from './auth/users-entity.js';
import type { Env } from './config/env.js';
import { type Database, openDatabase } from './db/client.js';
import type { MigrationSet } from './db/migrate.js';
import { systemSchema } from './db/system-schema.js';
import { withoutPluginTables } from './plugins/kit-schema.js';
import { type LoadedPlugin, pluginEntities, pluginHooks, pluginMigrationSets } from './plugins/load.js';
import { loadEntities } from './registry/load-entities.js';
import { buildRegistry, type Registry } from './registry/registry.js';

export interface ProjectPaths {
  root: string;
  entities: string;
  migrations: string;
}

export function projectPaths(root = process.cwd()): ProjectPaths {
  return { root, entities: resolve(root, 'entities'), migrations: resolve(root, 'migrations') };
}

/** Entities of the project (plus the system ones) → the registry. */
export async function loadRegistry(
  paths: ProjectPaths,
  plugins: readonly LoadedPlugin[] = [],
): Promise<Registry> {
  const entities = [usersEntity, ...(await loadEntities(paths.entities)), ...pluginEntities(plugins)];
  return buildRegistry(entities, { reservedNames: SYSTEM_SEGMENTS, hooks: pluginHooks(plugins) });
}

/** What drizzle-kit diffs for the core migration folder: auth tables, then every managed entity. */
export function coreKitSchema(
  registry: Registry,
  plugins: readonly LoadedPlugin[] = [],
): Record<string, unknown> {
  const kit = withoutPluginTables(registry.kitSchema, plugins, registry);
  return { ...authSchema, ...systemSchema, ...kit };
}

export function migrationSets(paths: ProjectPaths, plugins: readonly LoadedPlugin[] = []): MigrationSet[] {
  return [{ folder: paths.migrations }, ...pluginMigrationSets(plugins)];
}

export async function connect(env: Env, logger: Logger): Promise<Database> {
  const database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : resolve(env.DATA_DIR, 'pglite'),
  });
  logger.info({ database: database.kind }, 'database connected');
  return database;
}
