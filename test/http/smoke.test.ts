import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('smoke', () => {
  it('creates and reads a task with an API key', async () => {
    const user = await t.signUp();
    const auth = await user.bearer();
    const created = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: auth,
      json: { title: 'Hello' },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.id).toMatch(/^tsk_[0-9A-Za-z]{20}$/);
    const read = await t.request(`/api/v1/tasks/${created.body.data.id}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ title: 'Hello', status: 'todo', priority: 'medium' });
  });
});
