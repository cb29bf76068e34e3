import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { makeTasks, q } from './list-helpers.js';

let t: TestApp;
let alice: TestUser;
let auth: Record<string, string>;
let tasks: Array<Record<string, unknown>>;

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.signUp('alice@acme.io');
  auth = await alice.bearer();
  tasks = await makeTasks(t, auth, [
    {
      title: 'Write report',
      status: 'todo',
      priority: 'high',
      dueDate: '2025-03-01',
      createdAt: '2025-01-10T08:00:00Z',
    },
    { title: 'Review 50% budget', status: 'in_progress', priority: 'low', createdAt: '2025-01-15T00:00:00Z' },
    {
      title: 'Fix under_score bug',
      status: 'completed',
      priority: 'medium',
      dueDate: '2025-02-01',
      createdAt: '2025-01-15T23:59:59.999Z',
    },
    { title: 'Back\\slash path', status: 'todo', priority: 'medium', createdAt: '2025-01-16T00:00:00Z' },
    {
      title: 'Plain task',
      status: 'todo',
      priority: 'high',
      description: 'nothing special',
      createdAt: '2025-01-20T12:00:00Z',
    },
  ]);
});
afterAll(() => t.close());

const list = (params: Record<string, unknown> = {}) =>
  t.request(`/api/v1/tasks?${q(params)}`, { headers: auth });
const titles = (res: { body: { data: Array<{ title: string }> } }) => res.body.data.map((r) => r.title);

function expect400(res: Awaited<ReturnType<typeof list>>, code: string, param: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body).toMatchObject({ success: false, code });
  expect(Object.keys(res.body.details ?? {})).toContain(param);
}

describe('§4 page and limit', () => {
  it('defaults to page 1 of 20 and reports the pagination object and headers', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.pagination).toEqual({
      page: 1,
      limit: 20,
      total: 5,
      totalPages: 1,
      hasNext: false,
      hasPrev: false,
      nextCursor: null,
    });
    expect(res.headers.get('x-total-count')).toBe('5');
    expect(res.headers.get('x-page')).toBe('1');
    expect(res.headers.get('x-per-page')).toBe('20');
  });
  it.each([
    ['page', '0'],
    ['page', '-1'],
    ['page', 'abc'],
    ['limit', '0'],
    ['limit', '101'],
    ['limit', '1.5'],
  ])('%s=%s is VALIDATION_FAILED naming the parameter', async (name, value) => {
    expect400(await list({ [name]: value }), 'VALIDATION_FAILED', name);
  });
  it('a page past the end is empty with the right total', async () => {
    const res = await list({ page: '9', limit: '2' });
    expect(res.body.data).toEqual([]);
    expect(res.body.pagination).toMatchObject({ total: 5, totalPages: 3, hasNext: false, hasPrev: true });
  });
  it('Link has first/prev/next/last and keeps the other parameters', async () => {
    const res = await list({ page: '2', limit: '2', sort: 'title', filter: { priority: { $ne: 'none' } } });
    expect(res.status).toBe(400); // priority "none" is not an enum value
    const ok = await list({ page: '2', limit: '1', sort: 'title', filter: { status: { $ne: 'completed' } } });
    const link = ok.headers.get('link')!;
    for (const rel of ['first', 'prev', 'next', 'last']) expect(link).toContain(`rel="${rel}"`);
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const u = new URL(next, 'http://x');
    expect(u.searchParams.get('page')).toBe('3');
    expect(u.searchParams.get('sort')).toBe('title');
    expect(u.searchParams.get('limit')).toBe('1');
    expect(JSON.parse(u.searchParams.get('filter')!)).toEqual({ status: { $ne: 'completed' } });
  });
});

describe('§4 sort', () => {
  it('defaults to newest first', async () => {
    expect(titles(await list())).toEqual([
      'Plain task',
      'Back\\slash path',
      'Fix under_score bug',
      'Review 50% budget',
      'Write report',
    ]);
  });
  it('sorts by several fields with - for descending (enum order is declaration order)', async () => {
    const res = await list({ sort: '-priority,title' });
    expect(titles(res)).toEqual([
      'Plain task',
      'Write report',
      'Back\\slash path',
      'Fix under_score bug',
      'Review 50% budget',
    ]);
  });
  it('order applies to a single sort field', async () => {
    expect(titles(await list({ sort: 'title', order: 'desc' }))[0]).toBe('Write report');
    expect(titles(await list({ sort: 'title', order: 'asc' }))[0]).toBe('Back\\slash path');
  });
  it.each([
    'nope',
    'ownerId',
    'searchVector',
    'assignee.email',
    't0.password',
    '-__proto__',
    'title;drop table tasks',
  ])('sort=%s is INVALID_SORT', async (sort) => {
    expect400(await list({ sort }), 'INVALID_SORT', 'sort');
  });
  it('order=sideways is VALIDATION_FAILED', async () => {
    expect400(await list({ sort: 'title', order: 'sideways' }), 'VALIDATION_FAILED', 'order');
  });
  it('ties are broken by id so pages never repeat or skip', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const res = await list({ sort: 'status', limit: '1', page: String(page) });
      seen.push(res.body.data[0].id);
    }
    expect(new Set(seen).size).toBe(5);
  });
});

describe('§4 filter', () => {
  it('equality, null and operators', async () => {
    expect(titles(await list({ filter: { status: 'todo' }, sort: 'title' }))).toEqual([
      'Back\\slash path',
      'Plain task',
      'Write report',
    ]);
    expect((await list({ filter: { dueDate: null } })).body.data).toHaveLength(3);
    expect((await list({ filter: { dueDate: { $null: false } } })).body.data).toHaveLength(2);
    expect(
      (await list({ filter: { dueDate: { $gte: '2025-02-01', $lt: '2025-03-01' } } })).body.data,
    ).toHaveLength(1);
    expect((await list({ filter: { priority: { $in: ['high', 'low'] } } })).body.data).toHaveLength(3);
    expect((await list({ filter: { priority: { $nin: ['high', 'low'] } } })).body.data).toHaveLength(2);
    expect((await list({ filter: { title: { $startsWith: 'wri' } } })).body.data).toHaveLength(1);
    expect((await list({ filter: { title: { $endsWith: 'TASK' } } })).body.data).toHaveLength(1);
    expect((await list({ filter: { status: { $ne: 'todo' } } })).body.data).toHaveLength(2);
  });
  it('$and, $or, $not', async () => {
    const f = {
      $or: [
        { status: 'completed' },
        { $and: [{ priority: 'high' }, { $not: { title: { $contains: 'plain' } } }] },
      ],
    };
    expect(titles(await list({ filter: f, sort: 'title' }))).toEqual(['Fix under_score bug', 'Write report']);
  });
  it('$not keeps rows where the inner comparison is unknown (NULL)', async () => {
    expect((await list({ filter: { $not: { dueDate: { $gt: '2025-02-15' } } } })).body.data).toHaveLength(4);
  });
  it('%, _ and \\ in $contains match literally', async () => {
    expect(titles(await list({ filter: { title: { $contains: '%' } } }))).toEqual(['Review 50% budget']);
    expect(titles(await list({ filter: { title: { $contains: '_' } } }))).toEqual(['Fix under_score bug']);
    expect(titles(await list({ filter: { title: { $contains: '\\' } } }))).toEqual(['Back\\slash path']);
    expect((await list({ filter: { title: { $contains: 'r_p' } } })).body.data).toHaveLength(0);
    expect((await list({ filter: { title: { $startsWith: '%' } } })).body.data).toHaveLength(0);
  });
  it.each([
    ['bad JSON', '{status:'],
    ['not an object', '[1,2]'],
    ['unknown field', { nope: 1 }],
    ['hidden owner column', { ownerId: 'x' }],
    ['search vector', { searchVector: 'x' }],
    ['unknown operator', { title: { $regex: '.*' } }],
    ['unknown enum value', { status: 'done' }],
    ['non-date for a date', { dueDate: { $gt: 'yesterday' } }],
    ['number for a string', { title: 5 }],
    ['object as value', { title: { $eq: { a: 1 } } }],
    ['$contains on an enum', { status: { $contains: 'to' } }],
    ['$in not a list', { status: { $in: 'todo' } }],
    ['$in empty', { status: { $in: [] } }],
    ['$null non-boolean', { dueDate: { $null: 'yes' } }],
    ['$and not a list', { $and: { status: 'todo' } }],
    ['empty operator object', { title: {} }],
    ['top-level operator', { $where: '1=1' }],
    ['alias trick', { 't0.password': 'x' }],
    ['relation path to an unknown field', { 'assignee.password': 'x' }],
    ['relation path to auth columns', { 'assignee.isAdmin': true }],
    ['relation path through hasMany', { 'comments.body': 'x' }],
    ['two-level path', { 'assignee.email.x': 'x' }],
    ['__proto__', JSON.parse('{"__proto__":{"status":"todo"}}')],
    ['constructor', { constructor: 'x' }],
    ['too deep', { $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ status: 'todo' }] }] }] }] }] }],
    ['too many conditions', { $or: Array.from({ length: 51 }, () => ({ status: 'todo' })) }],
    ['too large', { title: { $in: Array.from({ length: 100 }, (_, i) => `${'x'.repeat(40)}${i}`) } }],
  ])('%s → INVALID_FILTER', async (_name, filter) => {
    expect400(
      await list({ filter: typeof filter === 'string' ? filter : JSON.stringify(filter) }),
      'INVALID_FILTER',
      'filter',
    );
  });
  it('five levels are allowed', async () => {
    const f = { $and: [{ $and: [{ $and: [{ $and: [{ status: 'todo' }] }] }] }] };
    expect((await list({ filter: f })).status).toBe(200);
  });
});

describe('§4 filter through a belongsTo path', () => {
  it('matches through the relation and only sees related records the caller can read', async () => {
    const bob = await t.signUp('bob@other.io');
    await makeTasks(t, auth, [{ title: 'Mine, assigned to me', assigneeId: alice.id }]);
    const mine = await list({ filter: { 'assignee.email': { $endsWith: '@acme.io' } } });
    expect(titles(mine)).toEqual(['Mine, assigned to me']);
    // Bob's user row is not readable by Alice, so a path into it never matches (no probing).
    const bobAuth = await bob.bearer();
    await makeTasks(t, bobAuth, [{ title: 'Bob task', assigneeId: bob.id }]);
    const probe = await t.request(
      `/api/v1/tasks?${q({ filter: { 'assignee.email': { $startsWith: 'bob' } } })}`,
      {
        headers: auth,
      },
    );
    expect(probe.body.data).toEqual([]);
    const bobs = await t.request(`/api/v1/tasks?${q({ filter: { 'assignee.email': 'bob@other.io' } })}`, {
      headers: bobAuth,
    });
    expect(titles(bobs)).toEqual(['Bob task']);
  });
  it('type-checks the target field', async () => {
    expect400(await list({ filter: { 'assignee.createdAt': { $gt: 'soon' } } }), 'INVALID_FILTER', 'filter');
  });
});

describe('§4 search', () => {
  it('finds by words and ranks by relevance unless sorted', async () => {
    await makeTasks(t, auth, [
      { title: 'Quarterly budget', description: 'budget budget review of the budget' },
      { title: 'Team lunch', description: 'mention budget once' },
    ]);
    const res = await list({ search: 'budget' });
    expect(res.status).toBe(200);
    expect(titles(res)[0]).toBe('Quarterly budget');
    expect(titles(res)).toHaveLength(3);
    expect(titles(await list({ search: 'budget', sort: 'title' }))).toEqual([
      'Quarterly budget',
      'Review 50% budget',
      'Team lunch',
    ]);
    expect(titles(await list({ search: 'budget -lunch -quarterly' }))).toEqual(['Review 50% budget']);
    expect(titles(await list({ search: '"team lunch"' }))).toEqual(['Team lunch']);
  });
  it('an entity without search fields → VALIDATION_FAILED', async () => {
    const res = await t.request('/api/v1/orders?search=x', { headers: auth });
    expect400(res, 'VALIDATION_FAILED', 'search');
  });
  it('overlong search → VALIDATION_FAILED', async () => {
    expect400(await list({ search: 'a'.repeat(300) }), 'VALIDATION_FAILED', 'search');
  });
});

describe('§4 fields', () => {
  it('returns id plus the fields asked for, on LIST and READ', async () => {
    const res = await list({ fields: 'title,status', limit: '1' });
    expect(Object.keys(res.body.data[0]).sort()).toEqual(['id', 'status', 'title']);
    const read = await t.request(`/api/v1/tasks/${tasks[0]!['id']}?fields=title`, { headers: auth });
    expect(read.body.data).toEqual({ id: tasks[0]!['id'], title: 'Write report' });
  });
  it('keeps included relations next to the chosen fields', async () => {
    const res = await list({ fields: 'title', include: 'assignee', filter: { assigneeId: alice.id } });
    expect(res.body.data[0]).toEqual({
      id: expect.any(String),
      title: 'Mine, assigned to me',
      assignee: expect.objectContaining({ id: alice.id, email: 'alice@acme.io' }),
    });
  });
  it.each(['nope', 'ownerId', 'title,', 'searchVector', '__proto__'])(
    'fields=%s → VALIDATION_FAILED',
    async (fields) => {
      expect400(await list({ fields }), 'VALIDATION_FAILED', 'fields');
      const read = await t.request(`/api/v1/tasks/${tasks[0]!['id']}?fields=${encodeURIComponent(fields)}`, {
        headers: auth,
      });
      expect400(read, 'VALIDATION_FAILED', 'fields');
    },
  );
});

describe('§4 startDate / endDate', () => {
  it('a bare date covers the whole UTC day, bounds inclusive', async () => {
    const day = await list({ startDate: '2025-01-15', endDate: '2025-01-15', sort: 'createdAt' });
    expect(titles(day)).toEqual(['Review 50% budget', 'Fix under_score bug']);
    const exact = await list({
      startDate: '2025-01-15T23:59:59.999Z',
      endDate: '2025-01-16T00:00:00Z',
      sort: 'createdAt',
    });
    expect(titles(exact)).toEqual(['Fix under_score bug', 'Back\\slash path']);
    expect((await list({ startDate: '2025-01-16', endDate: '2025-01-31' })).body.data).toHaveLength(2);
    expect((await list({ endDate: '2025-01-10' })).body.data).toHaveLength(1);
  });
  it.each([
    [{ startDate: 'yesterday' }, 'startDate'],
    [{ endDate: '2025-02-30' }, 'endDate'],
    [{ startDate: '2025-01-15T25:00:00Z' }, 'startDate'],
    [{ startDate: '2025-01-16', endDate: '2025-01-15' }, 'startDate'],
    [{ endDate: '' }, 'endDate'],
  ])('%j → VALIDATION_FAILED', async (params, name) => {
    expect400(await list(params), 'VALIDATION_FAILED', name);
  });
});

describe('§4 count', () => {
  it('estimated answers a planner estimate flagged totalEstimated', async () => {
    const res = await list({ count: 'estimated' });
    expect(res.status).toBe(200);
    expect(res.body.pagination.totalEstimated).toBe(true);
    expect(Number.isInteger(res.body.pagination.total)).toBe(true);
    expect(res.headers.get('x-total-count')).toBe(String(res.body.pagination.total));
  });
  it('none answers total null and no X-Total-Count, and still knows whether a next page exists', async () => {
    const res = await list({ count: 'none', limit: '2' });
    expect(res.body.pagination).toMatchObject({ total: null, totalPages: null, hasNext: true });
    expect(res.headers.get('x-total-count')).toBeNull();
    expect(res.headers.get('link')).not.toContain('rel="last"');
  });
  it('count=maybe → VALIDATION_FAILED', async () => {
    expect400(await list({ count: 'maybe' }), 'VALIDATION_FAILED', 'count');
  });
});

describe('§4 include', () => {
  it.each(['nope', 'assignee.password', 'comments.task.assignee', '__proto__', 'constructor'])(
    'include=%s → VALIDATION_FAILED',
    async (include) => {
      expect400(await list({ include }), 'VALIDATION_FAILED', 'include');
    },
  );
});

describe('§4/§6 authentication is judged before parameters', () => {
  it('no credentials with a bad filter → 401, a key without read scope → 403', async () => {
    const anon = await t.request(`/api/v1/tasks?${q({ filter: '{bad' })}`);
    expect(anon.status).toBe(401);
    const writeOnly = await alice.bearer(['write']);
    const res = await t.request(`/api/v1/tasks?${q({ filter: '{bad' })}`, { headers: writeOnly });
    expect(res.body.code).toBe('INVALID_SCOPE');
  });
});
