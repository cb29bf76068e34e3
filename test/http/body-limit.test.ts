import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT: '2048' } });
  auth = await (await t.signUp()).bearer();
});
afterAll(() => t.close());

const total = async () => (await t.request('/api/v1/tasks?limit=1', { headers: auth })).body.pagination.total;

describe('SPEC §5: request bodies over BODY_LIMIT answer 413 PAYLOAD_TOO_LARGE and change nothing', () => {
  it('refuses an oversized body announced by Content-Length', async () => {
    const raw = JSON.stringify({ title: 'x', description: 'y'.repeat(4000) });
    const res = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'content-length': String(raw.length) },
      raw,
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      success: false,
      code: 'PAYLOAD_TOO_LARGE',
      details: { body: expect.any(String) },
    });
    expect(await total()).toBe(0);
  });

  it('refuses an oversized body without Content-Length (counted while streaming)', async () => {
    const res = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      raw: JSON.stringify({ title: 'x', description: 'y'.repeat(4000) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await total()).toBe(0);
  });

  it('accepts a body under the limit, and GETs are not read at all', async () => {
    const created = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: auth,
      json: { title: 'small' },
    });
    expect(created.status).toBe(201);
    const read = await t.request(`/api/v1/tasks/${created.body.data.id}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(await total()).toBe(1);
  });
});
