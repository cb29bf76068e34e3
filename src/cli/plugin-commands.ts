import type { Logger } from 'pino';
import { connect, loadRegistry, type ProjectPaths } from '../boot.js';
import type { Env } from '../config/env.js';
import type { LoadedPlugin } from '../plugins/load.js';
import { type StartedPlugins, startPlugins } from '../plugins/start.js';

/** The help lines of the enabled plugins' commands. */
export function pluginCommandsHelp(loaded: readonly LoadedPlugin[]): string {
  const lines = loaded.flatMap(({ plugin }) =>
    Object.entries(plugin.commands ?? {}).map(
      ([word, cmd]) => `  ${word} ${cmd.usage}  (plugin ${plugin.id})`,
    ),
  );
  return lines.length ? `\nplugin commands:\n${lines.join('\n')}\n` : '';
}

export const hasPluginCommand = (loaded: readonly LoadedPlugin[], word: string) =>
  loaded.some(({ plugin }) => Object.hasOwn(plugin.commands ?? {}, word));

/** Runs `word args…` of the started plugin that declares it; its exit code. */
export async function runStartedCommand(
  started: StartedPlugins,
  word: string,
  args: readonly string[],
  print: (line: string) => void,
): Promise<number> {
  const found = started.list.find(({ plugin }) => Object.hasOwn(plugin.commands ?? {}, word));
  if (!found) throw new Error(`no enabled plugin has the command "${word}"`);
  return found.plugin.commands![word]!.run(args, { ...found.ctx, print });
}

/**
 * `regis <word> …` for a plugin's command: the database is opened and the enabled plugins are
 * started as for the server (their services available), then the command runs.
 */
export async function runPluginCommand(
  word: string,
  args: readonly string[],
  deps: { loaded: readonly LoadedPlugin[]; env: Env; logger: Logger; paths: ProjectPaths },
): Promise<number> {
  const registry = await loadRegistry(deps.paths, deps.loaded);
  const database = await connect(deps.env, deps.logger);
  try {
    const started = await startPlugins(deps.loaded, { db: database.db, registry, logger: deps.logger });
    return await runStartedCommand(started, word, args, (line) => console.log(line));
  } finally {
    await database.close();
  }
}
