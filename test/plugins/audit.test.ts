import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN = 'auditadmin@example.com';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    plugins: ['ledger', 'credits', 'giftcards', 'audit'],
    env: { ADMIN_EMAILS: ADMIN },
  });
});
afterAll(() => t.close());

describe('§9 audit: every write is recorded, field names only', () => {
  it('create/update/delete of an entity and a plugin route write events; callers see their own, admins all', async () => {
    const admin = await t.signUp(ADMIN);
    const u = await t.signUp();
    const key = await u.bearer();
    const made = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: key,
      json: { title: 'secret title' },
    });
    expect(made.status).toBe(201);
    const id = made.body.data.id;
    await t.request(`/api/v1/tasks/${id}`, { method: 'PATCH', headers: u.session, json: { title: 'x' } });
    await t.request(`/api/v1/tasks/${id}`, { method: 'DELETE', headers: u.session });
    const card = await t.request('/api/v1/giftcards', {
      method: 'POST',
      headers: admin.session,
      json: { amount: 5 },
    });
    const red = await t.request('/api/v1/giftcard/redeem', {
      method: 'POST',
      headers: u.session,
      json: { code: card.body.data.code },
    });
    expect(red.status).toBe(200);
    const mine = await t.request('/api/v1/audit', { headers: u.session });
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((e: { action: string }) => e.action).sort()).toEqual([
      'create',
      'delete',
      'redeem',
      'update',
    ]);
    expect(mine.text).not.toContain('secret title');
    const create = mine.body.data.find((e: { action: string }) => e.action === 'create');
    expect(create).toMatchObject({ actorId: u.id, entity: 'tasks', recordId: id });
    expect(create.credential).toMatch(/^key:/);
    expect(create.fields).toContain('title');
    const all = await t.request('/api/v1/audit?entity=giftcards', { headers: admin.session });
    expect(all.body.data.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'redeem']);
    const filtered = await t.request('/api/v1/audit?action=update&limit=1', { headers: u.session });
    expect(filtered.body.data).toHaveLength(1);
    const csv = await t.request('/api/v1/audit?format=csv', { headers: u.session });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe('id,actorId,credential,action,entity,recordId,fields,requestId,at');
    expect(csv.text.trim().split('\n')).toHaveLength(5);
    const json = await t.request('/api/v1/audit?format=json', { headers: u.session });
    expect(json.body).toHaveLength(4);
    expect((await t.request('/api/v1/audit?startDate=nope', { headers: u.session })).status).toBe(400);
    expect((await t.request('/api/v1/audit')).status).toBe(401);
  });
});
