import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

// entities/products.ts declares `access: { read: 'public' }`: the example of a non-default rule.
let t: TestApp;
let owner: Record<string, string>;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await (await t.signUp()).bearer();
  const made = await t.request('/api/v1/products', {
    method: 'POST',
    headers: owner,
    json: { name: 'Mug', sku: 'MUG-PUB', price: '9.50' },
  });
  expect(made.status).toBe(201);
  productId = made.body.data.id;
});
afterAll(() => t.close());

describe('an entity with a public READ (products)', () => {
  it('lists and reads without any credential, with the same envelope', async () => {
    const list = await t.request('/api/v1/products');
    expect(list.status).toBe(200);
    expect(list.body.data.map((p: { id: string }) => p.id)).toContain(productId);
    const read = await t.request(`/api/v1/products/${productId}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ id: productId, name: 'Mug' });
    expect(read.text).toContain('"price":9.50');
    expect(read.headers.get('etag')).toBeTruthy();
  });

  it('another user reads it too (not owner-scoped), but changing or deleting it is 403', async () => {
    const other = await (await t.signUp()).bearer();
    expect((await t.request(`/api/v1/products/${productId}`, { headers: other })).status).toBe(200);
    const patched = await t.request(`/api/v1/products/${productId}`, {
      method: 'PATCH',
      headers: other,
      json: { name: 'Stolen' },
    });
    expect(patched.status).toBe(403);
    expect(patched.body.code).toBe('FORBIDDEN');
    const deleted = await t.request(`/api/v1/products/${productId}`, { method: 'DELETE', headers: other });
    expect(deleted.status).toBe(403);
    expect(deleted.body.code).toBe('FORBIDDEN');
    expect((await t.request(`/api/v1/products/${productId}`)).body.data.name).toBe('Mug');
  });

  it('writes still need a credential: anonymous CREATE, PATCH and DELETE are 401', async () => {
    const create = await t.request('/api/v1/products', {
      method: 'POST',
      json: { name: 'X', sku: 'X-1', price: 1 },
    });
    expect(create.status).toBe(401);
    expect(create.body.code).toBe('UNAUTHORIZED');
    const patch = await t.request(`/api/v1/products/${productId}`, { method: 'PATCH', json: { name: 'Y' } });
    expect(patch.status).toBe(401);
    const del = await t.request(`/api/v1/products/${productId}`, { method: 'DELETE' });
    expect(del.status).toBe(401);
  });

  it('OPTIONS tells an anonymous caller it may read but not write', async () => {
    const res = await t.request('/api/v1/products', { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(res.body.data.permissions).toEqual({ read: true, write: false, delete: false });
    const mine = await t.request('/api/v1/products', { method: 'OPTIONS', headers: owner });
    expect(mine.body.data.permissions).toEqual({ read: true, write: true, delete: true });
  });

  it('an invalid key is still 401 on a public entity (a bad credential is never ignored)', async () => {
    const res = await t.request(`/api/v1/products/${productId}`, {
      headers: { authorization: 'Bearer sk_live_not-a-real-key' },
    });
    expect(res.status).toBe(401);
  });

  it('the OpenAPI document marks the credential optional on the public reads only', async () => {
    const doc = (await t.request('/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/products'].get.security).toContainEqual({});
    expect(doc.paths['/api/v1/products/{id}'].get.security).toContainEqual({});
    expect(doc.paths['/api/v1/products'].post.security).not.toContainEqual({});
    expect(doc.paths['/api/v1/tasks'].get.security).not.toContainEqual({});
  });

  it('tasks keep the default owner rule: anonymous is 401', async () => {
    const res = await t.request('/api/v1/tasks');
    expect(res.status).toBe(401);
  });
});
