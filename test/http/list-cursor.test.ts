import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { makeTasks, q, walkCursor } from './list-helpers.js';

let t: TestApp;
let auth: Record<string, string>;
const STATUSES = ['todo', 'in_progress', 'completed'];
const PRIORITIES = ['low', 'medium', 'high'];

beforeAll(async () => {
  t = await createTestApp();
  const user = await t.signUp();
  auth = await user.bearer();
  // Many equal sort values, NULL due dates and identical createdAt values: the hard cases for keysets.
  await makeTasks(
    t,
    auth,
    Array.from({ length: 23 }, (_, i) => ({
      title: `Task ${i % 4} budget`,
      status: STATUSES[i % 3],
      priority: PRIORITIES[(i * 7) % 3],
      ...(i % 3 === 0 ? {} : { dueDate: `2025-0${1 + (i % 5)}-1${i % 2}` }),
      createdAt: `2025-01-${10 + (i % 4)}T00:00:00Z`,
    })),
  );
});
afterAll(() => t.close());

const get = (params: Record<string, unknown>) => t.request(`/api/v1/tasks?${q(params)}`, { headers: auth });

describe('§4 cursor: keyset pages cover every row once, in order', () => {
  it.each([
    {},
    { sort: 'createdAt' },
    { sort: '-priority,createdAt' },
    { sort: 'status,-dueDate' },
    { sort: 'dueDate' },
    { sort: '-dueDate,-status' },
    { sort: 'priority,-id' },
    { sort: 'title', order: 'desc' },
    { search: 'budget' },
    { search: 'budget', sort: '-status' },
    { filter: { status: { $ne: 'completed' } }, sort: '-dueDate,title' },
  ])('%j', async (params) => {
    const all = await get({ ...params, limit: '100' });
    expect(all.status).toBe(200);
    const walked = await walkCursor(t, auth, `/api/v1/tasks?${q({ ...params, limit: '4' })}`);
    expect(walked.map((r) => r['id'])).toEqual(all.body.data.map((r: { id: string }) => r.id));
  });
  it('nextCursor is null on the last page and the page number advances', async () => {
    const first = await get({ limit: '20' });
    expect(first.body.pagination.nextCursor).toEqual(expect.any(String));
    const second = await get({ limit: '20', cursor: first.body.pagination.nextCursor });
    expect(second.body.pagination).toMatchObject({
      page: 2,
      hasPrev: true,
      hasNext: false,
      nextCursor: null,
    });
    expect(second.body.data).toHaveLength(3);
  });
  it('a cursor ignores page and may change limit', async () => {
    const first = await get({ limit: '5' });
    const next = await get({ limit: '10', page: '7', cursor: first.body.pagination.nextCursor });
    const all = await get({ limit: '15' });
    expect(next.body.data.map((r: { id: string }) => r.id)).toEqual(
      all.body.data.slice(5, 15).map((r: { id: string }) => r.id),
    );
  });
});

describe('§4 cursor: bound to its sort, filter and search; tamper-evident', () => {
  const cursorFor = async (params: Record<string, unknown>) =>
    (await get({ ...params, limit: '2' })).body.pagination.nextCursor as string;
  const expectBadCursor = (res: Awaited<ReturnType<typeof get>>) => {
    expect(res.status, res.text).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toHaveProperty('cursor');
  };
  it('another sort, filter, search or date range → VALIDATION_FAILED', async () => {
    const cursor = await cursorFor({ sort: 'status', filter: { priority: 'low' } });
    expect((await get({ sort: 'status', filter: { priority: 'low' }, cursor })).status).toBe(200);
    expectBadCursor(await get({ sort: '-status', filter: { priority: 'low' }, cursor }));
    expectBadCursor(await get({ sort: 'status', filter: { priority: 'high' }, cursor }));
    expectBadCursor(await get({ sort: 'status', cursor }));
    expectBadCursor(await get({ sort: 'status', filter: { priority: 'low' }, search: 'budget', cursor }));
    expectBadCursor(
      await get({ sort: 'status', filter: { priority: 'low' }, startDate: '2025-01-01', cursor }),
    );
    expectBadCursor(await get({ sort: 'status', order: 'desc', filter: { priority: 'low' }, cursor }));
  });
  it('a forged or altered cursor → VALIDATION_FAILED', async () => {
    const cursor = await cursorFor({});
    const [body, mac] = cursor.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
    payload.v[0] = { d: '2000-01-01T00:00:00.000Z' };
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    for (const c of [
      forged,
      `${body}.${mac.slice(1)}A`,
      'abc',
      'a.b',
      `${cursor}x`,
      `${cursor}.x`,
      'x'.repeat(5000),
    ]) {
      expectBadCursor(await get({ cursor: c }));
    }
  });
  it('a cursor from another server (another secret) → VALIDATION_FAILED', async () => {
    const other = await createTestApp();
    try {
      const u = await other.signUp();
      const a = await u.bearer();
      await makeTasks(other, a, [{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
      const res = await other.request('/api/v1/tasks?limit=1', { headers: a });
      expectBadCursor(await get({ limit: '1', cursor: res.body.pagination.nextCursor }));
    } finally {
      await other.close();
    }
  });
});
