import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../config/env.js';
import type { MigrationSet } from '../db/migrate.js';
import { ERROR_CODES } from '../errors/codes.js';
import type { HookContribution } from '../registry/registry.js';
import type { EntityInput } from '../registry/types.js';
import type { RegisPlugin } from './define-plugin.js';

/** A plugin chosen by PLUGINS, with its config parsed. */
export interface LoadedPlugin {
  plugin: RegisPlugin;
  config: unknown;
}

export class PluginError extends Error {
  override name = 'PluginError';
}

/** Shipped plugins: every folder under `dir` with an index file. */
export function availablePluginIds(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && indexFile(join(dir, d.name)))
    .map((d) => d.name)
    .sort();
}

function indexFile(folder: string): string | undefined {
  return ['index.ts', 'index.js', 'index.mjs'].map((f) => join(folder, f)).find((p) => existsSync(p));
}

/** PLUGINS unset → every shipped plugin; PLUGINS='' → none; else the listed ids. */
export function enabledPluginIds(dir: string, source: Record<string, string | undefined>): string[] {
  const raw = source['PLUGINS'];
  if (raw === undefined) return availablePluginIds(dir);
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

async function importPlugin(dir: string, id: string): Promise<RegisPlugin> {
  if (!/^[a-z][a-z0-9-]*$/.test(id))
    throw new ConfigError(`Invalid configuration: PLUGINS has a bad id "${id}"`);
  const file = indexFile(resolve(dir, id));
  if (!file)
    throw new ConfigError(
      `Invalid configuration: PLUGINS names "${id}", but plugins/${id}/index.ts does not exist`,
    );
  const mod = (await import(pathToFileURL(file).href)) as { default?: RegisPlugin };
  if (mod.default?.id !== id)
    throw new PluginError(`plugins/${id}: default-export definePlugin({ id: '${id}', ... })`);
  return mod.default;
}

/** Dependencies first; a missing or circular dependency stops start-up with a clear message. */
export function orderByDependencies(plugins: readonly RegisPlugin[]): RegisPlugin[] {
  const byId = new Map(plugins.map((p) => [p.id, p]));
  const out: RegisPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: RegisPlugin, path: string[]) => {
    if (state.get(p.id) === 'done') return;
    if (state.get(p.id) === 'visiting')
      throw new PluginError(`plugin dependency cycle: ${[...path, p.id].join(' → ')}`);
    state.set(p.id, 'visiting');
    for (const dep of p.dependsOn ?? []) {
      const d = byId.get(dep);
      if (!d)
        throw new PluginError(
          `plugin "${p.id}" depends on "${dep}", which is not enabled (add it to PLUGINS)`,
        );
      visit(d, [...path, p.id]);
    }
    state.set(p.id, 'done');
    out.push(p);
  };
  for (const p of plugins) visit(p, []);
  return out;
}

function parseConfig(plugin: RegisPlugin, source: Record<string, string | undefined>): unknown {
  if (!plugin.config) return {};
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = plugin.config.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue?.path.join('.') || 'config';
  throw new ConfigError(
    `Invalid configuration: ${name} ${issue?.message ?? 'is invalid'} (plugin ${plugin.id})`,
  );
}

/** Each error code is defined once: by the core or by one plugin. */
function checkErrorCodes(plugins: readonly RegisPlugin[]): void {
  const owner = new Map<string, string>(Object.keys(ERROR_CODES).map((code) => [code, 'the core']));
  for (const p of plugins) {
    for (const code of Object.keys(p.errors ?? {})) {
      const other = owner.get(code);
      if (other) throw new PluginError(`plugin "${p.id}": error code ${code} is already defined by ${other}`);
      owner.set(code, `plugin "${p.id}"`);
    }
  }
}

export interface LoadOptions {
  /** The plugins folder (default ./plugins). */
  dir?: string;
  /** Environment: PLUGINS and each plugin's config (default process.env). */
  source?: Record<string, string | undefined>;
  /** Ids to load instead of PLUGINS. */
  ids?: readonly string[];
  /** Plugin objects loaded as well (tests, embedding apps). */
  extra?: readonly RegisPlugin[];
}

export async function loadPlugins(options: LoadOptions = {}): Promise<LoadedPlugin[]> {
  const dir = options.dir ?? resolve('plugins');
  const source = options.source ?? process.env;
  const ids = options.ids ?? enabledPluginIds(dir, source);
  const plugins = [...(await Promise.all(ids.map((id) => importPlugin(dir, id)))), ...(options.extra ?? [])];
  const seen = new Set<string>();
  for (const p of plugins) {
    if (seen.has(p.id)) throw new PluginError(`plugin "${p.id}" is enabled twice`);
    seen.add(p.id);
  }
  checkErrorCodes(plugins);
  return orderByDependencies(plugins).map((plugin) => ({ plugin, config: parseConfig(plugin, source) }));
}

export const pluginEntities = (loaded: readonly LoadedPlugin[]): EntityInput[] =>
  loaded.flatMap((l) => l.plugin.entities ?? []);

export const pluginHooks = (loaded: readonly LoadedPlugin[]): HookContribution[] =>
  loaded.flatMap((l) => Object.entries(l.plugin.hooks ?? {}).map(([entity, hooks]) => ({ entity, hooks })));

export const pluginMigrationSets = (loaded: readonly LoadedPlugin[]): MigrationSet[] =>
  loaded.flatMap(({ plugin }) =>
    plugin.migrations
      ? [{ folder: plugin.migrations, table: `__drizzle_migrations_${plugin.id.replace(/-/g, '_')}` }]
      : [],
  );
