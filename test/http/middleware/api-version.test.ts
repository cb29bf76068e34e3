import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  auth = await (await t.signUp()).bearer();
});
afterAll(() => t.close());

describe('SPEC §5: X-API-Version', () => {
  it('is v1 on every /api/v1 answer, success or error', async () => {
    for (const [path, headers] of [
      ['/api/v1/tasks', auth],
      ['/api/v1/tasks', {}],
      ['/api/v1/nothing', auth],
      ['/api/v1/openapi.json', {}],
    ] as const) {
      const res = await t.request(path, { headers });
      expect(res.headers.get('x-api-version'), path).toBe('v1');
    }
  });

  it('a request naming v1 passes; another version → 400 and nothing is done', async () => {
    expect((await t.request('/api/v1/tasks', { headers: { ...auth, 'x-api-version': 'v1' } })).status).toBe(
      200,
    );
    const res = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...auth, 'x-api-version': 'v2' },
      json: { title: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: 'VALIDATION_FAILED' });
    expect(res.body.details).toBeDefined();
    const list = await t.request('/api/v1/tasks', { headers: auth });
    expect(list.body.pagination.total).toBe(0);
  });
});
