import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';

/** A fresh database migrated like production: PGlite in memory, or a new PostgreSQL database. */
export async function openTestDatabase(): Promise<Database> {
  const cfg = inject('testDb');
  if (cfg.kind === 'pglite') {
    return openDatabase({ loadDataDir: new Blob([readFileSync(cfg.dump)]) });
  }
  const name = `regis_t_${cfg.runId}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(cfg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${cfg.template}`);
  const url = new URL(cfg.adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const testDbKind = () => inject('testDb').kind;
