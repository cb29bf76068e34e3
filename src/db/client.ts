import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

/** The one database type every module sees, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Throws when the database does not answer. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
  /** Cross-process signal (PostgreSQL LISTEN/NOTIFY); returns a function that stops listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; without it, embedded PGlite. */
  url?: string | undefined;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string | undefined;
  /** PGlite: start from a dump (tests boot from a migrated template this way). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('database ping timed out')), ms);
    p.then(res, rej).finally(() => clearTimeout(timer));
  });
}

/** Statements sent by this process; counted only in bench mode (REGIS_COUNT_SQL=1). */
let statementsSent = 0;
let countingStatements = false;

/**
 * Bench mode: postgres.js calls `debug` once per statement it sends; the harness (our parent)
 * asks for the running total over IPC, so a query-per-row regression shows up as a number.
 */
function statementCounter(): { debug?: () => void } {
  if (process.env['REGIS_COUNT_SQL'] !== '1') return {};
  if (!countingStatements && process.send) {
    countingStatements = true;
    process.on('message', (m) => {
      if (m === 'sql-count') process.send?.({ sqlCount: statementsSent });
    });
  }
  return { debug: () => void statementsSent++ };
}

/** Distinct statement texts a pool will prepare; the rest run unnamed, as drizzle sends them. */
const MAX_PREPARED_SHAPES = 1000;

/**
 * drizzle sends every query unnamed (`prepare: false`); postgres.js then needs two round trips per
 * statement (Parse/Describe, wait, Bind/Execute) and PostgreSQL parses and plans it each time. As
 * named prepared statements they take one round trip after first use (bench: READ 0.21–0.24× →
 * 0.29–0.46× of the baseline). Shapes are capped so that arbitrary filter shapes cannot grow each
 * connection's statement cache without bound. Statements inside transactions (`begin`) are prepared
 * the same way: a write with an in-transaction hook (the audit row) otherwise paid two round trips
 * per statement while holding its connection.
 */
function prepareStatements(client: postgres.Sql, shapes = new Set<string>()): void {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query: string, args?: never[], options?: postgres.UnsafeQueryOptions) => {
    const admitted = shapes.has(query) || (shapes.size < MAX_PREPARED_SHAPES && Boolean(shapes.add(query)));
    return unsafe(query, args, admitted ? { ...options, prepare: true } : options);
  }) as typeof client.unsafe;
  if (typeof client.begin !== 'function') return; // a transaction's own Sql has no begin
  const begin = client.begin.bind(client) as (...a: unknown[]) => Promise<unknown>;
  client.begin = ((...args: unknown[]) => {
    const fn = args.pop() as (tx: postgres.Sql) => unknown;
    return begin(...args, (tx: postgres.Sql) => {
      prepareStatements(tx, shapes);
      return fn(tx);
    });
  }) as typeof client.begin;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      ...statementCounter(),
    });
    prepareStatements(client);
    const db = drizzlePostgres(client) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      ping: async (ms = 2000) => {
        await withTimeout(client`select 1`, ms);
      },
      close: () => client.end({ timeout: 5 }),
      listen: async (channel, onMessage) => {
        const sub = await client.listen(channel, onMessage);
        return () => sub.unlisten();
      },
      notify: async (channel, payload) => {
        await client.notify(channel, payload);
      },
    };
  }
  if (options.dataDir) mkdirSync(resolve(options.dataDir, '..'), { recursive: true });
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: resolve(options.dataDir) } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async (ms = 2000) => {
      if (client.closed) throw new Error('database is closed');
      await withTimeout(db.execute(sql`select 1`), ms);
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
    listen: async (channel, onMessage) => {
      const unsub = await client.listen(channel, onMessage);
      return async () => {
        if (!client.closed) await unsub();
      };
    },
    notify: async (channel, payload) => {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`);
    },
  };
}
