import postgres from 'postgres';

export const ADMIN_URL = process.env['BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A throwaway database of our own on the local server; drop() removes it (and its connections). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `regis_bench_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

const WORDS = `alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november
  oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber basil cedar
  dune ember fern grove harbor iris jade kelp lotus maple nova`
  .split(/\s+/)
  .filter(Boolean);
const W = WORDS.length;

/**
 * `n` tasks owned by `ownerId` in one INSERT … SELECT: ids `tsk_` + 22 base62 characters (a random
 * UUID in base64 with +/ mapped into the alphabet), a word vocabulary so `search` hits a few percent
 * of rows, every status and priority, half the rows assigned, one second apart in createdAt.
 * search_vector is the table's generated column, so PostgreSQL computes it as Regis would.
 */
export const seedSql = (n: number) => `
  insert into tasks (id, owner_id, title, description, status, priority, assignee_id, due_date,
    created_at, updated_at)
  select 'tsk_' || translate(rtrim(encode(uuid_send(gen_random_uuid()), 'base64'), '='), '+/', 'Ab'),
    $1, w[1 + i % ${W}] || ' ' || w[1 + (i / ${W}) % ${W}] || ' task ' || i,
    'Details for ' || w[1 + (i / 7) % ${W}] || ' and ' || w[1 + (i / 13) % ${W}],
    (array['todo', 'in_progress', 'completed'])[1 + i % 3]::tasks_status,
    (array['low', 'medium', 'high'])[1 + (i / 3) % 3]::tasks_priority,
    case when i % 2 = 0 then $2 end, date '2026-01-01' + i % 365,
    now() - make_interval(secs => i), now() - make_interval(secs => i)
  from generate_series(1, ${Math.floor(n)}) i, (select array['${WORDS.join("','")}'] as w) words`;

/**
 * Replaces the table's rows with `n` fresh ones. Secondary indexes are dropped and rebuilt around
 * the insert (a bulk build is much faster than n index inserts), then VACUUM ANALYZE so the planner
 * and index-only scans see a settled table.
 */
export async function seedTasks(url: string, ownerId: string, n: number): Promise<number> {
  const started = performance.now();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const indexes = await sql<{ name: string; def: string }[]>`
      select indexname as name, indexdef as def from pg_indexes
      where tablename = 'tasks' and indexname <> 'tasks_pkey'`;
    await sql.unsafe(`set maintenance_work_mem = '256MB'`);
    await sql.unsafe(`set synchronous_commit = off`);
    await sql.unsafe('truncate tasks cascade');
    for (const ix of indexes) await sql.unsafe(`drop index "${ix.name}"`);
    await sql.unsafe(seedSql(n), [ownerId, ownerId]);
    for (const ix of indexes) await sql.unsafe(ix.def);
    await sql.unsafe('vacuum analyze tasks');
  } finally {
    await sql.end();
  }
  return Math.round(performance.now() - started);
}

/** `n` random task ids (READ and PATCH rotate through them). */
export async function sampleIds(url: string, n: number): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await sql<{ id: string }[]>`select id from tasks tablesample system (10) limit ${n}`;
  const more = rows.length < n ? await sql<{ id: string }[]>`select id from tasks limit ${n}` : [];
  await sql.end();
  return [...rows, ...more].slice(0, n).map((r) => r.id);
}

/**
 * Waits until no query of ours is running on the database: when autocannon stops, requests it
 * abandoned are still queued in the server's pool, and their queries would otherwise eat into the
 * next system's round (at 1M rows an exact count is seconds of backlog).
 */
export function idleWaiter(url: string, timeoutMs = 30_000): () => Promise<void> {
  const name = new URL(url).pathname.slice(1);
  return async () => {
    const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
          where datname = ${name} and state = 'active' and pid <> pg_backend_pid()`;
        if ((row?.n ?? 0) === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await sql.end();
    }
  };
}

/**
 * `n` products (the example entity with a public READ) for issue 3's question: what an API key
 * costs on a READ, against the same READ with no credential. Returns their ids.
 */
export async function seedProducts(url: string, ownerId: string, n: number): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('truncate products');
    const rows = await sql<{ id: string }[]>`
      insert into products (id, owner_id, name, sku, description, price, stock)
      select 'prd_' || translate(rtrim(encode(uuid_send(gen_random_uuid()), 'base64'), '='), '+/', 'Ab'),
        ${ownerId}, 'Product ' || i, 'SKU-' || i, 'A product for the benchmark', (i % 100) + 0.99, i % 50
      from generate_series(1, ${n}) i
      returning id`;
    await sql.unsafe('vacuum analyze products');
    return rows.map((r) => r.id);
  } finally {
    await sql.end();
  }
}
