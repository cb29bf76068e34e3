import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';
import { mountTaskRoutes } from './tasks.js';

/**
 * The hand-written baseline: plain Hono + @hono/node-server + postgres.js over the same `tasks`
 * table, the same JSON shape, no auth. Rows are scoped to BENCH_OWNER_ID like Regis scopes them
 * to the caller, so both systems run the same plans. With REGIS_COUNT_SQL=1 it counts statements
 * exactly as src/db/client.ts does (same postgres.js `debug` hook, same cost on both sides).
 */
let statementsSent = 0;
const counting = process.env['REGIS_COUNT_SQL'] === '1';
if (counting) {
  process.on('message', (m) => {
    if (m === 'sql-count') process.send?.({ sqlCount: statementsSent });
  });
}

const sql = postgres(process.env['DATABASE_URL'] ?? '', {
  max: 10,
  onnotice: () => {},
  ...(counting ? { debug: () => void statementsSent++ } : {}),
});
const app = new Hono();
app.get('/health', async (c) => {
  await sql`select 1`;
  return c.json({ status: 'healthy', timestamp: new Date().toISOString() });
});
mountTaskRoutes(app, sql, process.env['BENCH_OWNER_ID'] ?? '');
app.onError((err, c) => {
  console.error(err);
  return c.json({ success: false, error: 'Internal error', code: 'INTERNAL_ERROR' }, 500);
});

const server = serve({ fetch: app.fetch, port: Number(process.env['PORT'] ?? 3100), hostname: '127.0.0.1' });
process.on('SIGTERM', () => {
  server.close(() => {
    void sql.end({ timeout: 2 }).then(() => process.exit(0));
  });
});
