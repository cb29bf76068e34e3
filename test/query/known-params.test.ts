import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../src/http/envelope.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { createTestApp, type TestApp, type TestResponse } from '../helpers/test-app.js';

/** A plugin with one strict query (the default) and one that opts out with `.loose()`. */
const probe = definePlugin({
  id: 'probe',
  routes(app) {
    const get = (path: string, query: z.ZodObject) =>
      createRoute({ method: 'get', path, request: { query }, responses: { 200: { description: 'ok' } } });
    app.openapi(get('/api/v1/probe/strict', z.object({ q: z.string().optional() })), (c) =>
      ok(c, c.req.query()),
    );
    app.openapi(get('/api/v1/probe/loose', z.object({ q: z.string().optional() }).loose()), (c) =>
      ok(c, c.req.query()),
    );
  },
});

let t: TestApp;
let auth: Record<string, string>;
let taskId: string;

beforeAll(async () => {
  t = await createTestApp({ plugins: [probe, 'audit'] });
  auth = await (await t.signUp()).bearer();
  const made = await t.request('/api/v1/tasks', { method: 'POST', headers: auth, json: { title: 'One' } });
  taskId = made.body.data.id;
});
afterAll(() => t.close());

function expectUnknown(res: TestResponse, names: string[]) {
  expect(res.status, res.text).toBe(400);
  expect(res.body).toMatchObject({ success: false, code: 'VALIDATION_FAILED' });
  expect(res.body.details).toEqual(Object.fromEntries(names.map((n) => [n, 'Unknown query parameter'])));
  expect(res.body.error).toContain(names.join(', '));
}

describe('LIST refuses query parameters it does not know', () => {
  it('names each unknown parameter (a client must not believe it filtered)', async () => {
    expectUnknown(await t.request('/api/v1/tasks?pinned=true', { headers: auth }), ['pinned']);
    expectUnknown(await t.request('/api/v1/tasks?_sort=title&page=1&per_page=5', { headers: auth }), [
      '_sort',
      'per_page',
    ]);
  });

  it('accepts every documented parameter', async () => {
    const all =
      'page=1&limit=5&sort=title&order=asc&filter=%7B%7D&search=one&fields=title&include=&startDate=2020-01-01&endDate=2999-01-01&count=exact';
    const res = await t.request(`/api/v1/tasks?${all}`, { headers: auth });
    expect(res.status, res.text).toBe(200);
    const next = await t.request('/api/v1/tasks?cursor=', { headers: auth });
    expect(next.status, next.text).toBe(200);
  });

  it('judges credentials first: no key is 401, not 400', async () => {
    const res = await t.request('/api/v1/tasks?pinned=true');
    expect(res.status).toBe(401);
  });

  it('the OpenAPI document lists exactly the accepted LIST parameters', async () => {
    const doc = (await t.request('/api/v1/openapi.json')).body;
    const names = doc.paths['/api/v1/tasks'].get.parameters.map((p: { name: string }) => p.name);
    expect(names.sort()).toEqual(
      ['page', 'limit', 'sort', 'order', 'filter', 'search', 'fields', 'include']
        .concat(['startDate', 'endDate', 'cursor', 'count'])
        .sort(),
    );
  });
});

describe('READ refuses query parameters it does not know', () => {
  it('include and fields pass; anything else is 400', async () => {
    const good = await t.request(`/api/v1/tasks/${taskId}?fields=title&include=`, { headers: auth });
    expect(good.status, good.text).toBe(200);
    expectUnknown(await t.request(`/api/v1/tasks/${taskId}?expand=comments`, { headers: auth }), ['expand']);
  });
});

describe('typed routes (system and plugin) refuse parameters their query schema does not declare', () => {
  it('GET /api/v1/me and /api/v1/keys take none', async () => {
    expectUnknown(await t.request('/api/v1/me?verbose=1', { headers: auth }), ['verbose']);
    const u = await t.signUp();
    expectUnknown(await t.request('/api/v1/keys?page=2', { headers: u.session }), ['page']);
  });

  it("a plugin route's declared query is strict by default", async () => {
    const good = await t.request('/api/v1/probe/strict?q=a', { headers: auth });
    expect(good.status, good.text).toBe(200);
    expectUnknown(await t.request('/api/v1/probe/strict?q=a&x=1', { headers: auth }), ['x']);
    expectUnknown(await t.request('/api/v1/audit?who=me', { headers: auth }), ['who']);
  });

  it('a plugin route that declares `.loose()` keeps extra parameters', async () => {
    const res = await t.request('/api/v1/probe/loose?q=a&x=1', { headers: auth });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toEqual({ q: 'a', x: '1' });
  });
});
