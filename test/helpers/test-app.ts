import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { createApp, SYSTEM_SEGMENTS } from '../../src/app.js';
import { createAuth } from '../../src/auth/index.js';
import { usersEntity } from '../../src/auth/users-entity.js';
import { coreKitSchema, loadRegistry, projectPaths } from '../../src/boot.js';
import { type Env, loadEnv } from '../../src/config/env.js';
import type { Database } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import type { RegisPlugin } from '../../src/plugins/define-plugin.js';
import { pluginKitSchema } from '../../src/plugins/kit-schema.js';
import { type LoadedPlugin, loadPlugins, pluginMigrationSets } from '../../src/plugins/load.js';
import { startPlugins } from '../../src/plugins/start.js';
import { loadEntities } from '../../src/registry/load-entities.js';
import { buildRegistry, type HookContribution, type Registry } from '../../src/registry/registry.js';
import type { EntityInput } from '../../src/registry/types.js';
import { openTestDatabase } from './database.js';

export const ORIGIN = 'http://localhost';

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestInit2 {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is. */
  raw?: string;
}

export interface TestUser {
  id: string;
  email: string;
  /** Cookie + Origin headers of a signed-in browser session. */
  session: Record<string, string>;
  /** Creates a key with these scopes and returns its Authorization header. */
  bearer(scopes?: ('read' | 'write' | 'delete')[]): Promise<Record<string, string>>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Extra entities (test fixtures); their tables are created from the registry diff. */
  entities?: EntityInput[];
  hooks?: HookContribution[];
  /** Collects log lines (for tests that read the logs). */
  logs?: string[];
  /** Plugins to enable: ids of shipped ones under plugins/, or plugin objects (fixtures). Default none. */
  plugins?: (string | RegisPlugin)[];
}

/** Applies what `extra` adds over the committed migrations, the way `regis generate` would diff it. */
async function createExtraTables(
  database: Database,
  base: Registry,
  full: Registry,
  plugins: readonly LoadedPlugin[] = [],
) {
  const kit = await import('drizzle-kit/api');
  const prev = kit.generateDrizzleJson(coreKitSchema(base));
  const next = kit.generateDrizzleJson(coreKitSchema(full, plugins), prev.id);
  for (const stmt of await kit.generateMigration(prev, next)) await database.db.execute(sql.raw(stmt));
}

/** Shipped plugins run their committed migrations; a fixture without a folder gets its tables from a diff. */
async function createPluginTables(database: Database, registry: Registry, plugins: readonly LoadedPlugin[]) {
  const kit = await import('drizzle-kit/api');
  for (const l of plugins) {
    if (l.plugin.migrations) {
      await runMigrations(database, pluginMigrationSets([l]));
      continue;
    }
    const prev = kit.generateDrizzleJson({});
    const next = kit.generateDrizzleJson(pluginKitSchema(l, registry), prev.id);
    for (const stmt of await kit.generateMigration(prev, next)) await database.db.execute(sql.raw(stmt));
  }
}

export async function createTestApp(options: TestAppOptions = {}) {
  const env: Env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: options.logs ? 'info' : 'silent', ...options.env });
  const sink = new Writable({
    write(chunk, _enc, done) {
      options.logs?.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(env.LOG_LEVEL, sink);
  const database = await openTestDatabase();
  const base = await loadRegistry(projectPaths());
  let registry = base;
  const plugins = await loadPlugins({
    source: options.env ?? {},
    ids: (options.plugins ?? []).filter((p): p is string => typeof p === 'string'),
    extra: (options.plugins ?? []).filter((p): p is RegisPlugin => typeof p !== 'string'),
  });
  if (options.entities?.length || options.hooks?.length || plugins.length) {
    const project = await loadEntities(projectPaths().entities);
    const pluginEntities = plugins.flatMap((l) => l.plugin.entities ?? []);
    const pluginHooks = plugins.flatMap((l) =>
      Object.entries(l.plugin.hooks ?? {}).map(([entity, hooks]) => ({ entity, hooks })),
    );
    registry = buildRegistry([usersEntity, ...project, ...(options.entities ?? []), ...pluginEntities], {
      reservedNames: SYSTEM_SEGMENTS,
      hooks: [...(options.hooks ?? []), ...pluginHooks],
    });
    if (options.entities?.length) await createExtraTables(database, base, registry, plugins);
    await createPluginTables(database, registry, plugins);
  }
  const started = await startPlugins(plugins, { db: database.db, registry, logger });
  const auth = await createAuth({ env, database, logger });
  const app = createApp({ env, database, registry, logger, auth, plugins: started });

  async function request<T = any>(path: string, init: RequestInit2 = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined = init.raw;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers, body });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  let counter = 0;
  async function signUp(
    email = `user${++counter}_${Date.now()}@example.com`,
    name = 'Test User',
  ): Promise<TestUser> {
    const res = await app.request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email, password: 'correct-horse-battery-9', name }),
    });
    if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { user } = (await res.json()) as { user: { id: string } };
    const session = { cookie, origin: ORIGIN };
    return {
      id: user.id,
      email,
      session,
      async bearer(scopes = ['read', 'write', 'delete']) {
        const made = await request('/api/v1/keys', {
          method: 'POST',
          headers: session,
          json: { name: 'test key', scopes },
        });
        if (made.status !== 201) throw new Error(`key create failed: ${made.status} ${made.text}`);
        return { authorization: `Bearer ${made.body.data.key}` };
      },
    };
  }

  return {
    app,
    env,
    database,
    registry,
    auth,
    /** Services the started plugins offer (e.g. services.credits). */
    services: started.services,
    request,
    signUp,
    async close() {
      await auth.close();
      await database.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
