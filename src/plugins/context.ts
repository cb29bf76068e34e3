import type { Logger } from 'pino';
import type { Caller } from '../access/caller.js';
import type { Db, Queryable } from '../db/client.js';
import type { RegisServices } from '../plugin.js';
import type { Registry } from '../registry/registry.js';

/** What a plugin sees of the framework: handed to `init` and `routes`, never a module global. */
export interface PluginContext<C = unknown> {
  id: string;
  db: Db;
  registry: Registry;
  /** The plugin's own config, parsed from the environment at start-up. */
  config: C;
  logger: Logger;
  /** Services of the plugins started so far (dependencies start first), then of all of them. */
  services: Partial<RegisServices>;
}

/** Per request: who is calling, the request id and the connection or transaction to use. */
export interface RequestContext {
  caller: Caller | null;
  requestId: string;
  tx: Queryable;
}

/** A service another plugin declared in dependsOn; a missing one is a wiring bug, said plainly. */
export function serviceOf<K extends keyof RegisServices>(ctx: PluginContext, name: K): RegisServices[K] {
  const s = ctx.services[name];
  if (!s) throw new Error(`plugin "${ctx.id}" needs service "${String(name)}"; add its plugin to dependsOn`);
  return s as RegisServices[K];
}

/** What a plugin's command is handed: the plugin's context (services started) and an output line. */
export interface CommandContext<C = unknown> extends PluginContext<C> {
  /** Writes one line to standard output. */
  print(line: string): void;
}

/** One `regis <word> …` command a plugin adds to the command line. */
export interface PluginCommand<C = unknown> {
  /** Shown by `regis --help`: the arguments after the word, then what it does. */
  usage: string;
  /** Runs with the arguments after the word; resolves to the process exit code (0 = success). */
  run(args: readonly string[], ctx: CommandContext<C>): Promise<number>;
}
