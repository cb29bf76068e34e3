import type { Registry } from '../registry/registry.js';
import type { LoadedPlugin } from './load.js';

/** What drizzle-kit diffs for one plugin's migrations folder: its entities' tables and its own. */
export function pluginKitSchema(loaded: LoadedPlugin, registry: Registry): Record<string, unknown> {
  const out: Record<string, unknown> = { ...loaded.plugin.tables };
  for (const e of loaded.plugin.entities ?? []) {
    const built = registry.get(e.name);
    if (built?.managed) out[built.tableName] = built.table;
  }
  return out;
}

/** The registry's kit schema without the plugins' tables (those live in the plugins' folders). */
export function withoutPluginTables(
  kit: Record<string, unknown>,
  loaded: readonly LoadedPlugin[],
  registry: Registry,
): Record<string, unknown> {
  const out = { ...kit };
  for (const l of loaded) for (const key of Object.keys(pluginKitSchema(l, registry))) delete out[key];
  return out;
}
