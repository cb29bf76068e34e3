import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { ErrorCodeDef } from '../errors/codes.js';
import type { AppEnv } from '../http/types.js';
import type { RegisServices } from '../plugin.js';
import type { EntityHooks, EntityInput } from '../registry/types.js';
import type { PluginCommand, PluginContext } from './context.js';

type Awaitable<T> = T | Promise<T>;

/** One plugin: a typed object (better-auth style); `definePlugin` only checks its shape. */
export interface RegisPlugin<C extends z.ZodType = z.ZodType> {
  /** Folder name under plugins/ and the PLUGINS value that enables it. */
  id: string;
  version?: string;
  /** Plugins that must be enabled and start first (checked at load). */
  dependsOn?: readonly string[];
  /** Parsed from the environment at start-up; a bad value stops start-up naming the variable. */
  config?: C;
  /** Entities with generated endpoints, like the project's own. */
  entities?: readonly EntityInput[];
  /** Tables the plugin owns besides its entities' (for `regis generate`). */
  tables?: Record<string, unknown>;
  /** Typed @hono/zod-openapi routes under /api/v1, behind caller, rate limit and envelope. */
  routes?: (app: OpenAPIHono<AppEnv>, ctx: PluginContext<z.infer<C>>) => void;
  /** Lifecycle hooks keyed by entity name, or '*' for every entity. */
  hooks?: Record<string, Partial<EntityHooks>>;
  /**
   * Error codes the plugin may answer with: its `defineErrors` catalogue (documented in OpenAPI; a
   * code another plugin or the core already defines stops start-up).
   */
  errors?: Readonly<Record<string, ErrorCodeDef>>;
  /** Absolute path of its drizzle-kit migrations folder (journal `__drizzle_migrations_<id>`). */
  migrations?: string;
  /**
   * Command-line commands, keyed by their first word: `regis <word> …` starts the enabled plugins
   * and calls `run` with the remaining words (see PluginCommand).
   */
  commands?: Record<string, PluginCommand<z.infer<C>>>;
  init?: (
    ctx: PluginContext<z.infer<C>>,
  ) => Awaitable<undefined | { services?: Partial<RegisServices> }> | Awaitable<void>;
}

export function definePlugin<C extends z.ZodType = z.ZodType>(plugin: RegisPlugin<C>): RegisPlugin<C> {
  return plugin;
}
