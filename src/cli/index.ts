import { parseArgs } from 'node:util';
import { connect, coreKitSchema, loadRegistry, migrationSets, projectPaths } from '../boot.js';
import { loadEnv } from '../config/env.js';
import { generateMigration } from '../db/generate.js';
import { runMigrations } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import { pluginKitSchema } from '../plugins/kit-schema.js';
import { availablePluginIds, loadPlugins } from '../plugins/load.js';
import { methodsOf } from '../registry/to-metadata.js';
import { hasPluginCommand, pluginCommandsHelp, runPluginCommand } from './plugin-commands.js';

const HELP = `regis <command>

  migrate              apply pending migrations to the configured database
  generate [--name n]  write a migration for what changed in entities/ (drizzle-kit)
  routes               print the route table
  user create --email e --password p [--name n] [--admin]
                       create a user (better-auth sign-up); --admin makes them admin
  user admin --email e make an existing user an admin
  key create --email e [--name n] [--scopes read,write,delete]
                       create an API key for a user (printed once)
  seed --tasks N --owner email
                       insert N demo tasks owned by that user (made if missing), for scale tests
`;

const CORE_COMMANDS = new Set(['migrate', 'generate', 'routes', 'user', 'key', 'seed']);

async function main(argv: string[]): Promise<number> {
  const word = argv[0] ?? '';
  if (/^[a-z]/.test(word) && !CORE_COMMANDS.has(word)) {
    // A plugin's command parses its own arguments.
    const loaded = await loadPlugins();
    if (hasPluginCommand(loaded, word)) {
      const env = loadEnv();
      const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
      return runPluginCommand(word, argv.slice(1), { loaded, env, logger, paths: projectPaths() });
    }
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      tasks: { type: 'string' },
      owner: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      scopes: { type: 'string' },
      admin: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  const paths = projectPaths();
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  switch (command) {
    case 'generate': {
      // Every shipped plugin, enabled or not: each keeps its own folder up to date.
      const plugins = await loadPlugins({ ids: availablePluginIds('plugins') });
      const registry = await loadRegistry(paths, plugins);
      const result = await generateMigration(
        coreKitSchema(registry, plugins),
        paths.migrations,
        values.name ?? 'entities',
      );
      console.log(
        result.file ? `wrote ${result.file} (${result.statements.length} statements)` : 'no schema changes',
      );
      for (const l of plugins) {
        if (!l.plugin.migrations) continue;
        const r = await generateMigration(
          pluginKitSchema(l, registry),
          l.plugin.migrations,
          values.name ?? l.plugin.id,
        );
        console.log(
          r.file
            ? `wrote ${r.file} (${r.statements.length} statements)`
            : `${l.plugin.id}: no schema changes`,
        );
      }
      return 0;
    }
    case 'migrate': {
      const database = await connect(env, logger);
      await runMigrations(database, migrationSets(paths, await loadPlugins()));
      await database.close();
      console.log('migrations applied');
      return 0;
    }
    case 'routes': {
      const registry = await loadRegistry(paths);
      for (const e of registry.entities.values()) {
        console.log(`${methodsOf(e.operations).join(',').padEnd(32)} /api/v1/${e.name}[/{id}]`);
      }
      return 0;
    }
    case 'seed': {
      const n = Number(values.tasks ?? '1000');
      if (!Number.isSafeInteger(n) || n < 1 || !values.owner) {
        console.error('usage: regis seed --tasks N --owner email');
        return 1;
      }
      const database = await connect(env, logger);
      const { seedTasks } = await import('./seed.js');
      const result = await seedTasks(database.db, n, values.owner, (done) => console.log(`  ${done} tasks`));
      await database.close();
      console.log(`seeded ${result.inserted} tasks in ${(result.ms / 1000).toFixed(1)} s`);
      return 0;
    }
    case 'user':
    case 'key': {
      const sub = positionals[1];
      if (
        !values.email ||
        !['create', 'admin'].includes(sub ?? '') ||
        (command === 'key' && sub !== 'create')
      ) {
        console.error(HELP);
        return 1;
      }
      const database = await connect(env, logger);
      await runMigrations(database, migrationSets(paths, await loadPlugins()));
      const { createAuth } = await import('../auth/index.js');
      const users = await import('./users.js');
      const auth = await createAuth({ env, database, logger });
      try {
        if (command === 'key') {
          const made = await users.createKeyFor(
            auth,
            database.db,
            values.email,
            values.name ?? 'cli key',
            (values.scopes ?? 'read,write,delete').split(','),
          );
          console.log(`${made.key}\nSave this key securely. It will not be shown again.`);
        } else if (sub === 'admin') {
          if (!(await users.makeAdmin(database.db, values.email)))
            throw new Error(`no user with email ${values.email}`);
          console.log(`${values.email} is now an admin`);
        } else {
          if (!values.password) throw new Error('--password is required');
          const made = await users.createUser(auth, database.db, {
            email: values.email,
            password: values.password,
            name: values.name ?? values.email,
            admin: values.admin ?? false,
          });
          console.log(`created user ${made.id}${made.admin ? ' (admin)' : ''}`);
        }
      } finally {
        await auth.close();
        await database.close();
      }
      return 0;
    }
    default:
      console.log(HELP + pluginCommandsHelp(await loadPlugins()));
      return command === undefined || values.help ? 0 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
