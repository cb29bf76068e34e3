/**
 * Query-language scale check (issue 4): seeds a throwaway PostgreSQL database to 10k, 100k and
 * 1M tasks and, at each size, times LIST through the real query compiler + crud/list and records
 * EXPLAIN ANALYZE of the SQL it issued. Usage (DATABASE_URL = a migrated, throwaway database):
 *   DATABASE_URL=postgres://…/regis_scale tsx bench/query-scale.ts > bench/results/query-scale-<date>.md
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Caller } from '../src/access/caller.js';
import { loadRegistry, projectPaths } from '../src/boot.js';
import { seedTasks } from '../src/cli/seed.js';
import { listRecords } from '../src/crud/list.js';
import type { Db } from '../src/db/client.js';
import { type ListParams, parseListQuery } from '../src/query/parse.js';

const url = process.env['DATABASE_URL'];
if (!url) throw new Error('DATABASE_URL is required');
const SIZES = (process.env['SIZES'] ?? '10000,100000,1000000').split(',').map(Number);
const client = postgres(url, { max: 4, onnotice: () => {} });
let captured: { query: string; params: unknown[] }[] = [];
const db = drizzle(client, {
  logger: { logQuery: (query, params) => captured.push({ query, params }) },
}) as unknown as Db;
const registry = await loadRegistry(projectPaths());
const model = registry.get('tasks')!;
const KEY = 'bench-key';
const out: string[] = [];
const say = (s = '') => out.push(s);

async function time(params: ListParams, caller: Caller, runs = 7) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    captured = [];
    const query = parseListQuery(model, params, { lookup: registry.get, cursorKey: KEY });
    const t0 = performance.now();
    await listRecords({ db, caller, requestId: 'bench', registry }, model, query);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, queries: captured };
}

async function explain(q: { query: string; params: unknown[] }) {
  const rows = await client.unsafe(`explain (analyze, buffers, costs off) ${q.query}`, q.params as never[]);
  return rows.map((r) => String(r['QUERY PLAN']));
}

/** The nextCursor the API hands out after the OFFSET page at `depth` (same order and filter). */
async function cursorAt(caller: Caller, depth: number, params: ListParams = {}): Promise<ListParams> {
  const page = String(Math.floor(depth / 20));
  const query = parseListQuery(
    model,
    { ...params, page, count: 'none' },
    { lookup: registry.get, cursorKey: KEY },
  );
  const result = await listRecords({ db, caller, requestId: 'bench', registry }, model, query);
  return { ...params, count: 'none', cursor: result.nextCursor! };
}

const SCENARIOS: [string, (n: number, caller: Caller) => Promise<ListParams> | ListParams][] = [
  ['default page 1, count=exact', () => ({})],
  ['default page 1, count=estimated', () => ({ count: 'estimated' })],
  ['default page 1, count=none', () => ({ count: 'none' })],
  [
    'filter status=todo, sort -createdAt, count=none',
    () => ({ filter: '{"status":"todo"}', sort: '-createdAt', count: 'none' }),
  ],
  [
    'filter status=todo, sort -createdAt, count=exact',
    () => ({ filter: '{"status":"todo"}', sort: '-createdAt' }),
  ],
  [
    'filter status=todo, sort -createdAt, count=estimated',
    () => ({ filter: '{"status":"todo"}', sort: '-createdAt', count: 'estimated' }),
  ],
  [
    'OFFSET page at 90% depth, count=none',
    (n) => ({ page: String(Math.floor((n * 0.9) / 20)), count: 'none' }),
  ],
  ['cursor page at 90% depth, count=none', (n, c) => cursorAt(c, n * 0.9)],
  [
    'cursor page at 30% depth, filter status=todo',
    (n, c) => cursorAt(c, n * 0.3, { filter: '{"status":"todo"}' }),
  ],
  [
    'cursor page at 90% depth, sort=-priority,createdAt (no index on that order)',
    (n, c) => cursorAt(c, n * 0.9, { sort: '-priority,createdAt' }),
  ],
  ['search "budget report" (ranked), count=none', () => ({ search: 'budget report', count: 'none' })],
];

const owner = 'bench-q4@acme.io';
let seeded = 0;
const summary: Record<string, Record<number, number>> = {};
const plans: Record<string, string[]> = {};
for (const n of SIZES) {
  const { ms } = await seedTasks(db, n - seeded, owner);
  captured = [];
  seeded = n;
  const [u] = await client`select id from "user" where email = ${owner}`;
  const caller: Caller = {
    userId: u!['id'] as string,
    email: owner,
    isAdmin: false,
    scopes: ['read'],
    kind: 'session',
    credentialId: 'bench',
  };
  console.error(`seeded to ${n} (+${(ms / 1000).toFixed(1)} s)`);
  summary['seed (cumulative step, s)'] = { ...summary['seed (cumulative step, s)'], [n]: ms / 1000 };
  for (const [name, make] of SCENARIOS) {
    const params = await make(n, caller);
    const { median, queries } = await time(params, caller);
    summary[name] = { ...summary[name], [n]: median };
    const page = queries.find((q) => !q.query.startsWith('explain') && /limit \$\d+/.test(q.query))!;
    plans[`${name} @ ${n}`] = await explain(page);
    const count = queries.find((q) => q.query.includes('count('));
    if (count) plans[`${name} @ ${n} (count query)`] = await explain(count);
  }
}

say(`# Query-language scale check (issue 4)\n`);
say(
  `PostgreSQL ${(await client`show server_version`)[0]!['server_version']}, ${SIZES.join(' / ')} tasks owned by one user, median of 7 LIST calls through parseListQuery + listRecords (no HTTP), ms.\n`,
);
say(`| scenario | ${SIZES.map((n) => n.toLocaleString('en')).join(' | ')} |`);
say(`|---|${SIZES.map(() => '---:').join('|')}|`);
for (const [name, by] of Object.entries(summary))
  say(`| ${name} | ${SIZES.map((n) => by[n]?.toFixed(1) ?? '').join(' | ')} |`);
say('\n## EXPLAIN (ANALYZE, BUFFERS) of the SQL each LIST issued\n');
for (const [name, lines] of Object.entries(plans)) {
  say(`### ${name}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`);
}
console.log(out.join('\n'));
await client.end();
