import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  auth = await (await t.signUp()).bearer();
});
afterAll(() => t.close());

const post = (path: string, json: unknown) => t.request(path, { method: 'POST', headers: auth, json });
const patch = (path: string, json: unknown, headers: Record<string, string> = {}) =>
  t.request(path, { method: 'PATCH', headers: { ...auth, ...headers }, json });
const del = (path: string, headers: Record<string, string> = {}) =>
  t.request(path, { method: 'DELETE', headers: { ...auth, ...headers } });
const get = (path: string, headers: Record<string, string> = {}) =>
  t.request(path, { headers: { ...auth, ...headers } });
const count = async (entity: string) => (await get(`/api/v1/${entity}?limit=1`)).body.pagination.total;

describe('SPEC §3: CREATE, READ, ids and timestamps', () => {
  it('creates a task with defaults, a tsk_ id and ISO timestamps; READ returns it', async () => {
    const created = await post('/api/v1/tasks', { title: 'Hello' });
    expect(created.status).toBe(201);
    const task = created.body.data;
    expect(task.id).toMatch(/^tsk_[0-9A-Za-z]{16,}$/);
    expect(task).toMatchObject({ title: 'Hello', status: 'todo', priority: 'medium', description: null });
    expect(task.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(task.updatedAt).toBe(task.createdAt);
    expect(created.headers.get('location')).toBe(`/api/v1/tasks/${task.id}`);
    const read = await get(`/api/v1/tasks/${task.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ success: true, data: task });
  });

  it('gives distinct ids', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await post('/api/v1/tasks', { title: `t${i}` })).body.data.id);
    expect(ids.size).toBe(5);
  });

  it('answers decimals as JSON numbers keeping scale and parses them from strings', async () => {
    const made = await post('/api/v1/products', { name: 'Mug', sku: 'MUG-1', price: '19.90', tags: ['a'] });
    expect(made.status).toBe(201);
    expect(made.text).toContain('"price":19.90');
    expect(made.body.data).toMatchObject({ price: 19.9, stock: 0, active: true, tags: ['a'] });
    const read = await get(`/api/v1/products/${made.body.data.id}`);
    expect(read.text).toContain('"price":19.90');
    const num = await post('/api/v1/products', { name: 'Cup', sku: 'CUP-1', price: 5 });
    expect(num.text).toContain('"price":5.00');
  });
});

describe('SPEC §3: 404 and 405 rules', () => {
  it('unknown entity → 404 ENTITY_NOT_FOUND (every method)', async () => {
    for (const method of ['GET', 'POST', 'OPTIONS']) {
      const res = await t.request('/api/v1/widgets', {
        method,
        headers: auth,
        json: method === 'POST' ? {} : undefined,
      });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ success: false, code: 'ENTITY_NOT_FOUND' });
    }
    const item = await get('/api/v1/widgets/wid_123');
    expect(item.body.code).toBe('ENTITY_NOT_FOUND');
  });

  it('unknown id → 404 NOT_FOUND for READ, PATCH and DELETE', async () => {
    const missing = '/api/v1/tasks/tsk_doesnotexist00000000';
    for (const res of [await get(missing), await patch(missing, { title: 'x' }), await del(missing)]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ success: false, code: 'NOT_FOUND', error: expect.any(String) });
    }
  });

  it('another method on a known path → 405 with Allow', async () => {
    const put = await t.request('/api/v1/tasks', { method: 'PUT', headers: auth, json: {} });
    expect(put.status).toBe(405);
    expect(put.body.code).toBe('METHOD_NOT_ALLOWED');
    expect(put.headers.get('allow')).toBe('GET, POST, OPTIONS');
    const putItem = await t.request('/api/v1/tasks/tsk_x', { method: 'PUT', headers: auth, json: {} });
    expect(putItem.status).toBe(405);
    expect(putItem.headers.get('allow')).toBe('GET, PATCH, DELETE');
  });

  it('users is read-only: POST/PATCH/DELETE → 405', async () => {
    const res = await post('/api/v1/users', { name: 'x' });
    expect(res.status).toBe(405);
    expect(res.body.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET, OPTIONS');
    const item = await del('/api/v1/users/usr_x');
    expect(item.status).toBe(405);
    expect(item.headers.get('allow')).toBe('GET');
  });
});

describe('SPEC §3: UPDATE changes only the fields sent and bumps updatedAt', () => {
  it('patches one field, keeps the others, bumps updatedAt', async () => {
    const task = (await post('/api/v1/tasks', { title: 'A', description: 'keep', priority: 'high' })).body
      .data;
    await new Promise((r) => setTimeout(r, 10));
    const res = await patch(`/api/v1/tasks/${task.id}`, { status: 'completed' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      title: 'A',
      description: 'keep',
      priority: 'high',
      status: 'completed',
    });
    expect(res.body.data.createdAt).toBe(task.createdAt);
    expect(Date.parse(res.body.data.updatedAt)).toBeGreaterThan(Date.parse(task.updatedAt));
  });

  it('an empty body is 400 and changes nothing', async () => {
    const task = (await post('/api/v1/tasks', { title: 'E' })).body.data;
    const res = await patch(`/api/v1/tasks/${task.id}`, {});
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { body: expect.any(String) } });
    expect((await get(`/api/v1/tasks/${task.id}`)).body.data).toEqual(task);
  });

  it('null clears a nullable field; null on a NOT NULL field is 400', async () => {
    const task = (await post('/api/v1/tasks', { title: 'N', description: 'd' })).body.data;
    const cleared = await patch(`/api/v1/tasks/${task.id}`, { description: null });
    expect(cleared.body.data.description).toBeNull();
    const bad = await patch(`/api/v1/tasks/${task.id}`, { title: null, status: null });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details).sort()).toEqual(['status', 'title']);
  });
});

describe('SPEC §3: bodies that are not JSON objects → 422 details.body', () => {
  for (const [label, raw] of [
    ['malformed JSON', '{"title":'],
    ['an array', '[1,2]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['empty', ''],
  ] as const) {
    it(`${label} on POST and PATCH`, async () => {
      const before = await count('tasks');
      const headers = { ...auth, 'content-type': 'application/json' };
      const res = await t.request('/api/v1/tasks', { method: 'POST', headers, raw });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        success: false,
        code: 'VALIDATION_FAILED',
        details: { body: expect.any(String) },
      });
      const task = (await post('/api/v1/tasks', { title: 'P' })).body.data;
      const up = await t.request(`/api/v1/tasks/${task.id}`, { method: 'PATCH', headers, raw });
      expect(up.status).toBe(422);
      expect(up.body.details.body).toEqual(expect.any(String));
      expect(await count('tasks')).toBe(before + 1);
    });
  }
});

describe('SPEC §3: unique clash → 409 CONFLICT naming the field', () => {
  it('customers.email', async () => {
    expect((await post('/api/v1/customers', { name: 'A', email: 'a@x.io' })).status).toBe(201);
    const res = await post('/api/v1/customers', { name: 'B', email: 'a@x.io' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', details: { email: expect.any(String) } });
    expect(res.body.error).toContain('email');
  });

  it('products.sku, also on PATCH', async () => {
    await post('/api/v1/products', { name: 'A', sku: 'SKU-9', price: 1 });
    const res = await post('/api/v1/products', { name: 'B', sku: 'SKU-9', price: 1 });
    expect(res.status).toBe(409);
    expect(res.body.details).toHaveProperty('sku');
    const other = (await post('/api/v1/products', { name: 'C', sku: 'SKU-10', price: 1 })).body.data;
    const up = await patch(`/api/v1/products/${other.id}`, { sku: 'SKU-9', name: 'changed' });
    expect(up.status).toBe(409);
    expect(up.body.details).toHaveProperty('sku');
    expect((await get(`/api/v1/products/${other.id}`)).body.data.name).toBe('C');
  });
});

describe('SPEC §3: concurrent creates with the same unique value', () => {
  it('exactly one 201, the rest 409 naming the field', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => post('/api/v1/products', { name: `p${i}`, sku: 'RACE-1', price: 1 })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.details).toHaveProperty('sku');
    const list = await get(`/api/v1/products?filter=${encodeURIComponent('{"sku":"RACE-1"}')}`);
    expect(list.body.pagination.total).toBe(1);
  });
});

describe('SPEC §3: reference checks', () => {
  it('an unknown id → 400 naming the field, nothing written', async () => {
    const before = await count('orders');
    const res = await post('/api/v1/orders', { customerId: 'cus_nope0000000000000000' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { customerId: expect.any(String) },
    });
    expect(await count('orders')).toBe(before);
    const c = await post('/api/v1/comments', { taskId: 'tsk_nope', body: 'x', authorId: 'usr_nope' });
    expect(Object.keys(c.body.details).sort()).toEqual(['authorId', 'taskId']);
  });

  it("another user's record is not a valid reference", async () => {
    const other = await (await t.signUp()).bearer();
    const theirs = await t.request('/api/v1/customers', {
      method: 'POST',
      headers: other,
      json: { name: 'T', email: 'theirs@x.io' },
    });
    const res = await post('/api/v1/orders', { customerId: theirs.body.data.id });
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty('customerId');
  });

  it('a known id works, also on PATCH; an unknown one on PATCH is 400', async () => {
    const cus = (await post('/api/v1/customers', { name: 'R', email: 'r@x.io' })).body.data;
    const order = await post('/api/v1/orders', { customerId: cus.id, total: '10.5' });
    expect(order.status).toBe(201);
    expect(order.text).toContain('"total":10.50');
    const bad = await patch(`/api/v1/orders/${order.body.data.id}`, {
      customerId: 'cus_zzzzzzzzzzzzzzzzzzzz',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toHaveProperty('customerId');
  });

  it('deleting a customer with orders → 409 and nothing deleted', async () => {
    const cus = (await post('/api/v1/customers', { name: 'D', email: 'd@x.io' })).body.data;
    await post('/api/v1/orders', { customerId: cus.id });
    const res = await del(`/api/v1/customers/${cus.id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect((await get(`/api/v1/customers/${cus.id}`)).status).toBe(200);
  });
});

describe('SPEC §3: DELETE', () => {
  it('answers the label message and the record is gone', async () => {
    const task = (await post('/api/v1/tasks', { title: 'bye' })).body.data;
    const res = await del(`/api/v1/tasks/${task.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Task deleted successfully' });
    expect((await get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    const cus = (await post('/api/v1/customers', { name: 'X', email: 'x@x.io' })).body.data;
    expect((await del(`/api/v1/customers/${cus.id}`)).body.message).toBe('Customer deleted successfully');
  });
});

describe('SPEC §2: onDelete cascade', () => {
  it('deleting a task deletes its comments (comments.taskId is declared cascade)', async () => {
    const task = (await post('/api/v1/tasks', { title: 'parent' })).body.data;
    const c = (await post('/api/v1/comments', { taskId: task.id, body: 'hi' })).body.data;
    expect((await del(`/api/v1/tasks/${task.id}`)).status).toBe(200);
    expect((await get(`/api/v1/comments/${c.id}`)).status).toBe(404);
  });
});

describe('SPEC §3: ETag, If-None-Match, If-Match', () => {
  it('READ returns an ETag; If-None-Match with it → 304', async () => {
    const task = (await post('/api/v1/tasks', { title: 'etag' })).body.data;
    const read = await get(`/api/v1/tasks/${task.id}`);
    const etag = read.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get(`/api/v1/tasks/${task.id}`, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    await patch(`/api/v1/tasks/${task.id}`, { title: 'changed' });
    const after = await get(`/api/v1/tasks/${task.id}`, { 'if-none-match': etag! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('PATCH with a stale If-Match → 412 and nothing changed; the right one succeeds; * succeeds', async () => {
    const task = (await post('/api/v1/tasks', { title: 'v1' })).body.data;
    const etag1 = (await get(`/api/v1/tasks/${task.id}`)).headers.get('etag')!;
    const ok = await patch(`/api/v1/tasks/${task.id}`, { title: 'v2' }, { 'if-match': etag1 });
    expect(ok.status).toBe(200);
    const etag2 = ok.headers.get('etag')!;
    expect(etag2).not.toBe(etag1);
    const stale = await patch(`/api/v1/tasks/${task.id}`, { title: 'lost' }, { 'if-match': etag1 });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect((await get(`/api/v1/tasks/${task.id}`)).body.data.title).toBe('v2');
    const star = await patch(`/api/v1/tasks/${task.id}`, { title: 'v3' }, { 'if-match': '*' });
    expect(star.status).toBe(200);
  });

  it('DELETE with a stale If-Match → 412 and nothing deleted; the right one deletes', async () => {
    const task = (await post('/api/v1/tasks', { title: 'd1' })).body.data;
    const etag1 = (await get(`/api/v1/tasks/${task.id}`)).headers.get('etag')!;
    await patch(`/api/v1/tasks/${task.id}`, { title: 'd2' });
    const stale = await del(`/api/v1/tasks/${task.id}`, { 'if-match': etag1 });
    expect(stale.status).toBe(412);
    expect((await get(`/api/v1/tasks/${task.id}`)).status).toBe(200);
    const etag2 = (await get(`/api/v1/tasks/${task.id}`)).headers.get('etag')!;
    expect((await del(`/api/v1/tasks/${task.id}`, { 'if-match': etag2 })).status).toBe(200);
  });

  it('concurrent PATCHes with the same If-Match: exactly one wins', async () => {
    const task = (await post('/api/v1/tasks', { title: 'race' })).body.data;
    const etag = (await get(`/api/v1/tasks/${task.id}`)).headers.get('etag')!;
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => patch(`/api/v1/tasks/${task.id}`, { title: `w${i}` }, { 'if-match': etag })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200)!.body.data.title;
    expect((await get(`/api/v1/tasks/${task.id}`)).body.data.title).toBe(winner);
  });
});

describe('SPEC §3: OPTIONS metadata in the seed shape', () => {
  it('tasks', async () => {
    const res = await t.request('/api/v1/tasks', { method: 'OPTIONS', headers: auth });
    expect(res.status).toBe(200);
    const meta = res.body.data;
    expect(meta.entity).toBe('tasks');
    expect(meta.methods).toEqual(['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS']);
    expect(meta.schema.id).toMatchObject({ type: 'string', generated: true });
    expect(meta.schema.createdAt).toMatchObject({ type: 'datetime', generated: true });
    expect(meta.schema.title).toMatchObject({ type: 'string', required: true, maxLength: 200 });
    expect(meta.schema.status).toMatchObject({
      type: 'enum',
      required: false,
      values: ['todo', 'in_progress', 'completed'],
      default: 'todo',
    });
    expect(meta.schema.priority).toMatchObject({ values: ['low', 'medium', 'high'], default: 'medium' });
    expect(meta.relations.assignee).toEqual({ type: 'belongsTo', entity: 'users', foreignKey: 'assigneeId' });
    expect(meta.relations.comments).toEqual({ type: 'hasMany', entity: 'comments', foreignKey: 'taskId' });
    expect(meta.permissions).toEqual({ read: true, write: true, delete: true });
    expect(meta.rateLimit).toEqual({ limit: 1000, window: '1h' });
  });

  it("permissions are this caller's: a read-only key", async () => {
    const readOnly = await (await t.signUp()).bearer(['read']);
    const res = await t.request('/api/v1/products', { method: 'OPTIONS', headers: readOnly });
    expect(res.body.data.permissions).toEqual({ read: true, write: false, delete: false });
    expect(res.body.data.schema.price).toMatchObject({ type: 'decimal', required: true });
    expect(res.body.data.schema.tags).toMatchObject({ type: 'array' });
  });

  it('users lists only GET and OPTIONS', async () => {
    const res = await t.request('/api/v1/users', { method: 'OPTIONS', headers: auth });
    expect(res.body.data.methods).toEqual(['GET', 'OPTIONS']);
  });
});
