import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb:
      | { kind: 'pglite'; dump: string }
      | { kind: 'postgres'; adminUrl: string; template: string; runId: string };
  }
}

const MIGRATIONS = [{ folder: resolve(import.meta.dirname, '../../migrations') }];

/**
 * Migrates one template database per run; every test file then starts from a copy of it
 * (PostgreSQL: CREATE DATABASE … TEMPLATE; PGlite: a data-dir dump), so files never share data.
 */
export default async function setup(project: TestProject) {
  const url = process.env['DATABASE_URL'];
  if (!url) {
    const database = await openDatabase({});
    await runMigrations(database, MIGRATIONS);
    const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const dump = join(tmpdir(), `regis-template-${process.pid}.tar`);
    writeFileSync(dump, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    await database.close();
    project.provide('testDb', { kind: 'pglite', dump });
    return;
  }
  const runId = randomBytes(4).toString('hex');
  const template = `regis_tpl_${runId}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const tplUrl = new URL(url);
  tplUrl.pathname = `/${template}`;
  const database = await openDatabase({ url: tplUrl.toString(), poolSize: 1 });
  await runMigrations(database, MIGRATIONS);
  await database.close();
  project.provide('testDb', { kind: 'postgres', adminUrl: url, template, runId });
  return async () => {
    const dbs = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`regis_%${runId}%`}`;
    for (const { datname } of dbs) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}
