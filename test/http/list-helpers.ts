import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/test-app.js';

/** Creates tasks through the API, then (optionally) pins their createdAt so date rules are testable. */
export async function makeTasks(
  t: TestApp,
  auth: Record<string, string>,
  rows: Array<Record<string, unknown> & { createdAt?: string }>,
): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (const { createdAt, ...body } of rows) {
    const res = await t.request('/api/v1/tasks', { method: 'POST', headers: auth, json: body });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
    if (createdAt) {
      await t.database.db.execute(
        sql`update tasks set created_at = ${createdAt}::timestamptz where id = ${res.body.data.id}`,
      );
    }
    out.push({ ...res.body.data, ...(createdAt ? { createdAt: new Date(createdAt).toISOString() } : {}) });
  }
  return out;
}

export const q = (params: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [
      k,
      typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  ).toString();

/** Every row of a LIST, following nextCursor until it is null. */
export async function walkCursor(t: TestApp, auth: Record<string, string>, base: string) {
  const seen: Array<Record<string, unknown>> = [];
  let url = base;
  for (let i = 0; i < 1000; i++) {
    const res = await t.request(url, { headers: auth });
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    seen.push(...res.body.data);
    const next = res.body.pagination.nextCursor;
    if (!next) return seen;
    url = `${base}${base.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`;
  }
  throw new Error('cursor never ended');
}
