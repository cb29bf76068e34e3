import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('SPEC §5: every error is the envelope', () => {
  it('unknown routes → 404 envelope, inside and outside /api/v1', async () => {
    for (const path of ['/nope', '/api/nope', '/api/v2/tasks', '/api/v1/tasks/tsk_x/extra']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.body).toMatchObject({ success: false, code: 'NOT_FOUND', error: expect.any(String) });
    }
  });

  it('no credentials → 401 envelope', async () => {
    const res = await t.request('/api/v1/tasks');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, code: 'UNAUTHORIZED' });
  });

  it('a success is {"success":true,"data":…}', async () => {
    const auth = await (await t.signUp()).bearer();
    const res = await t.request('/api/v1/tasks', { method: 'POST', headers: auth, json: { title: 'x' } });
    expect(res.body.success).toBe(true);
    expect(Object.keys(res.body)).toEqual(['success', 'data']);
  });
});
