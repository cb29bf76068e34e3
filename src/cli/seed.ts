import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';

const BATCH = 100_000;
/** From this many rows, indexes are rebuilt once rather than maintained per row. */
const BULK = 50_000;
const VERBS = ['Write', 'Review', 'Fix', 'Plan', 'Ship', 'Test', 'Design', 'Deploy', 'Refactor', 'Document'];
const NOUNS = ['report', 'budget', 'bug', 'roadmap', 'release', 'docs', 'api', 'login', 'invoice', 'search'];

const rows = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []);

/** The owner's user id; a user row is made (no password, so it cannot sign in) when none exists. */
async function ownerId(db: Db | Tx, email: string): Promise<string> {
  const found = rows(await db.execute(sql`select id from "user" where lower(email) = lower(${email})`));
  if (found[0]) return String(found[0]['id']);
  const id = `usr_${randomBytes(12).toString('hex')}`;
  await db.execute(sql`insert into "user" (id, name, email) values (${id}, 'Seed owner', ${email})`);
  return id;
}

/**
 * One INSERT … SELECT FROM generate_series per 100k rows: the database builds the rows itself,
 * so nothing crosses the wire but the statement (faster than COPY from the client for made-up data).
 * Statuses, priorities, due dates and creation times vary; ids keep the `tsk_` + 20 characters shape,
 * with an ascending prefix so the primary-key index is appended to rather than split at random
 * (twice as fast as fully random ids at 1M rows).
 */
async function insertBatch(
  db: Db | Tx,
  owner: string,
  from: number,
  to: number,
  salt: string,
): Promise<void> {
  const verbs = `{${VERBS.join(',')}}`;
  const nouns = `{${NOUNS.join(',')}}`;
  await db.execute(sql`
    insert into tasks (id, owner_id, title, description, status, priority, assignee_id, due_date, created_at, updated_at)
    select 'tsk_' || lpad(i::text, 8, '0') || substr(md5(${salt} || i::text), 1, 12),
           ${owner},
           (${verbs}::text[])[1 + i % 10] || ' ' || (${nouns}::text[])[1 + (i / 10) % 10] || ' #' || i,
           case when i % 3 = 0 then null else 'Notes on ' || (${nouns}::text[])[1 + (i * 7) % 10] || ' for step ' || i end,
           (array['todo','in_progress','completed'])[1 + floor(random() * 3)::int]::tasks_status,
           (array['low','medium','high'])[1 + floor(random() * 3)::int]::tasks_priority,
           case when i % 5 = 0 then ${owner} else null end,
           case when i % 4 = 0 then null else date '2025-01-01' + floor(random() * 730)::int end,
           ts, ts
    from generate_series(${from}::int, ${to}::int) as i,
         lateral (select date_trunc('milliseconds', now() - random() * interval '730 days') as ts) t`);
}

/** Indexes that are not constraints (PK/unique stay): dropped before a bulk load, rebuilt after. */
async function secondaryIndexes(db: Db | Tx, table: string): Promise<Array<{ name: string; def: string }>> {
  const found = rows(
    await db.execute(sql`select indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename = ${table}
        and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)`),
  );
  return found.map((r) => ({ name: String(r['indexname']), def: String(r['indexdef']) }));
}

/** Runs `jobs` with at most `width` in flight (postgres.js gives each its own pooled connection). */
async function inParallel(jobs: Array<() => Promise<void>>, width: number): Promise<void> {
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/**
 * A bulk load into a table whose secondary indexes (GIN included) are maintained row by row is
 * much slower than building them once afterwards, so they are dropped first and rebuilt (two at
 * a time) even when the load fails. Definitions come from the catalog, never from input.
 */
async function withIndexesRebuilt(db: Db, table: string, load: () => Promise<void>): Promise<void> {
  const indexes = await secondaryIndexes(db, table);
  for (const ix of indexes) await db.execute(sql`drop index if exists ${sql.identifier(ix.name)}`);
  try {
    await load();
  } finally {
    const rebuild = indexes.map(
      (ix) => () =>
        db.transaction(async (tx) => {
          await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
          await tx.execute(sql.raw(ix.def));
        }),
    );
    await inParallel(rebuild, 2);
  }
}

export interface SeedResult {
  inserted: number;
  ms: number;
}

/** `regis seed --tasks N --owner email`: N tasks owned by that user, then ANALYZE for the planner. */
export async function seedTasks(
  db: Db,
  count: number,
  email: string,
  progress?: (done: number) => void,
  bulkFrom = BULK,
): Promise<SeedResult> {
  const started = Date.now();
  const owner = await ownerId(db, email);
  const salt = randomBytes(8).toString('hex');
  let done = 0;
  const batches: Array<() => Promise<void>> = [];
  for (let from = 1; from <= count; from += BATCH) {
    const to = Math.min(count, from + BATCH - 1);
    batches.push(async () => {
      await insertBatch(db, owner, from, to, salt);
      done += to - from + 1;
      progress?.(done);
    });
  }
  const load = () => inParallel(batches, 2);
  if (count >= bulkFrom) await withIndexesRebuilt(db, 'tasks', load);
  else await load();
  await db.execute(sql`analyze tasks`);
  return { inserted: count, ms: Date.now() - started };
}
