import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTasks } from '../../src/cli/seed.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const rowsOf = (r: unknown) =>
  (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
const indexNames = async () =>
  rowsOf(
    await t.database.db.execute(sql`select indexname from pg_indexes where tablename = 'tasks' order by 1`),
  ).map((r) => r['indexname']);

describe('regis seed (the scale fixture for §4)', () => {
  it('seeds tasks for an existing user that the API then lists, with valid ids and varied values', async () => {
    const user = await t.signUp();
    const auth = await user.bearer();
    await seedTasks(t.database.db, 250, user.email);
    const res = await t.request('/api/v1/tasks?limit=100&count=exact', { headers: auth });
    expect(res.body.pagination.total).toBe(250);
    for (const row of res.body.data) expect(row.id).toMatch(/^tsk_[0-9A-Za-z]{20}$/);
    const statuses = new Set(res.body.data.map((r: { status: string }) => r.status));
    expect(statuses.size).toBe(3);
    const search = await t.request('/api/v1/tasks?search=budget&count=exact', { headers: auth });
    expect(search.body.pagination.total).toBeGreaterThan(0);
  });
  it('the bulk path drops and rebuilds the secondary indexes, leaving every one in place', async () => {
    const before = await indexNames();
    const progress: number[] = [];
    const result = await seedTasks(t.database.db, 300, 'seed-owner@example.com', (n) => progress.push(n), 1);
    expect(result.inserted).toBe(300);
    expect(progress.at(-1)).toBe(300);
    expect(await indexNames()).toEqual(before);
    expect(before).toContain('tasks_search_idx');
  });
});
