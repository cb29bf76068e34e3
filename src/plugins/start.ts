import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { AppEnv } from '../http/types.js';
import type { RegisServices } from '../plugin.js';
import type { Registry } from '../registry/registry.js';
import type { PluginContext } from './context.js';
import type { RegisPlugin } from './define-plugin.js';
import { type LoadedPlugin, PluginError } from './load.js';

export interface StartedPlugins {
  list: { plugin: RegisPlugin; ctx: PluginContext }[];
  services: Partial<RegisServices>;
}

/** Runs each plugin's init in dependency order; later plugins see earlier plugins' services. */
export async function startPlugins(
  loaded: readonly LoadedPlugin[],
  deps: { db: Db; registry: Registry; logger: Logger },
): Promise<StartedPlugins> {
  const services: Partial<RegisServices> = {};
  const list: StartedPlugins['list'] = [];
  for (const { plugin, config } of loaded) {
    const ctx: PluginContext = {
      id: plugin.id,
      db: deps.db,
      registry: deps.registry,
      config,
      logger: deps.logger.child({ plugin: plugin.id }),
      services,
    };
    const out = await plugin.init?.(ctx);
    if (out && typeof out === 'object' && out.services) Object.assign(services, out.services);
    list.push({ plugin, ctx });
  }
  return { list, services };
}

const firstSegment = (path: string) => path.replace(/^\/api\/v1\//, '').split('/')[0] ?? '';

/**
 * Mounts every plugin's routes on the app (so they share its middleware and OpenAPI document) and
 * fails start-up when one takes an entity's URL segment.
 */
export function mountPlugins(app: OpenAPIHono<AppEnv>, started: StartedPlugins, registry: Registry): void {
  for (const { plugin, ctx } of started.list) {
    const before = app.routes.length;
    plugin.routes?.(app, ctx as never);
    for (const r of app.routes.slice(before)) {
      if (!r.path.startsWith('/api/v1/'))
        throw new PluginError(`plugin "${plugin.id}": route ${r.path} is outside /api/v1`);
      const seg = firstSegment(r.path);
      if (registry.get(seg))
        throw new PluginError(`plugin "${plugin.id}": route ${r.path} clashes with entity "${seg}"`);
    }
    documentErrors(app, plugin);
  }
}

/** Each plugin's error codes as a named schema in the OpenAPI document. */
function documentErrors(app: OpenAPIHono<AppEnv>, plugin: RegisPlugin) {
  const codes = Object.entries(plugin.errors ?? {});
  if (codes.length === 0) return;
  const name = `${plugin.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}ErrorCodes`;
  const schema = z.enum(codes.map(([code]) => code) as [string, ...string[]]).openapi({
    description: codes.map(([code, d]) => `${code} (${d.status}): ${d.message}`).join('\n'),
  });
  app.openAPIRegistry.register(name, schema);
}
