/**
 * Per-request cost of each rate-limit store: one app instance per store over PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and Redis at 127.0.0.1:6379,
 * autocannon against GET /api/v1/me with an API key; reports req/s and mean latency per store.
 *   npx tsx bench/ratelimit-overhead.ts
 */

import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { createApp } from '../src/app.js';
import { createAuth } from '../src/auth/index.js';
import { loadRegistry, migrationSets, projectPaths } from '../src/boot.js';
import { loadEnv } from '../src/config/env.js';
import { openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createLimiterStore } from '../src/ratelimit/index.js';

const url = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = await openDatabase({ url });
await runMigrations(database, migrationSets(projectPaths()));
const registry = await loadRegistry(projectPaths());
const logger = createLogger('silent');

async function run(store: 'memory' | 'redis' | 'postgres') {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    AUTH_SECRET: 'bench-secret-0123456789abcdef0123456789',
    RATE_LIMIT_STORE: store,
    TRUSTED_ORIGINS: 'http://localhost',
    REDIS_URL: 'redis://127.0.0.1:6379',
    RATE_LIMIT_API_KEY: '100000000/1h',
    RATE_LIMIT_SESSION: '100000000/1h',
    RATE_LIMIT_PREFIX: `bench-${randomBytes(4).toString('hex')}:`,
    LOG_LEVEL: 'silent',
  });
  const auth = await createAuth({ env, database, logger });
  const limiter = createLimiterStore(env, database.db);
  const app = createApp({ env, database, registry, logger, auth, limiter });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;
  const email = `bench_${randomBytes(4).toString('hex')}@example.com`;
  const origin = { origin: 'http://localhost', 'content-type': 'application/json' };
  const up = await fetch(`${base}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: origin,
    body: JSON.stringify({ email, password: 'correct-horse-battery-9', name: 'Bench' }),
  });
  const cookie = up.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const made = await fetch(`${base}/api/v1/keys`, {
    method: 'POST',
    headers: { ...origin, cookie },
    body: JSON.stringify({ name: 'bench', scopes: ['read'] }),
  });
  const key = ((await made.json()) as { data: { key: string } }).data.key;
  const opts = { url: `${base}/api/v1/me`, connections: 10, headers: { authorization: `Bearer ${key}` } };
  await autocannon({ ...opts, duration: 2 }); // warm-up
  const result = await autocannon({ ...opts, duration: 8 });
  server.close();
  await Promise.all([auth.close(), limiter.close()]);
  return {
    store,
    reqPerSec: Math.round(result.requests.average),
    meanMs: result.latency.mean,
    non2xx: result.non2xx,
  };
}

const rows = [];
for (const store of ['memory', 'redis', 'postgres'] as const) rows.push(await run(store));
console.table(rows);
const base = rows[0]!;
for (const r of rows) {
  const extra = (r.meanMs - base.meanMs).toFixed(2);
  console.log(
    `${r.store}: ${r.reqPerSec} req/s, mean latency ${r.meanMs} ms (+${extra} ms vs memory, 10 connections)`,
  );
}
await database.close();
process.exit(0);
