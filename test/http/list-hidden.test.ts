import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { belongsTo, defineEntity, f } from '../../src/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { q } from './list-helpers.js';

/** Hidden fields and auth columns can never be filtered, sorted, searched, selected or included. */
const vaults = defineEntity({
  name: 'vaults',
  idPrefix: 'vlt',
  fields: { name: f.string({ required: true }), secret: f.string({ hidden: true }) },
  search: ['name'],
});
const notes = defineEntity({
  name: 'notes',
  idPrefix: 'nte',
  fields: { vaultId: f.ref('vaults'), body: f.text() },
  relations: { vault: belongsTo('vaults', 'vaultId') },
});

let t: TestApp;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ entities: [vaults, notes], env: { ADMIN_EMAILS: 'root@acme.io' } });
  const user = await t.signUp();
  auth = await user.bearer();
  const v = await t.request('/api/v1/vaults', { method: 'POST', headers: auth, json: { name: 'main' } });
  expect(v.status).toBe(201);
  // The secret is set the way an app would (it is hidden from the API, not read-only in SQL).
  const { sql } = await import('drizzle-orm');
  await t.database.db.execute(sql`update vaults set secret = 'hunter2' where id = ${v.body.data.id}`);
  await t.request('/api/v1/notes', {
    method: 'POST',
    headers: auth,
    json: { vaultId: v.body.data.id, body: 'x' },
  });
});
afterAll(() => t.close());

const get = (path: string, params: Record<string, unknown>) =>
  t.request(`/api/v1/${path}?${q(params)}`, { headers: auth });

function expect400(res: Awaited<ReturnType<typeof get>>, code: string, param: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.code).toBe(code);
  expect(res.body.details).toHaveProperty(param);
}

describe('§2/§4 hidden fields', () => {
  it('are never filtered, directly or through a relation path', async () => {
    expect400(await get('vaults', { filter: { secret: 'hunter2' } }), 'INVALID_FILTER', 'filter');
    expect400(await get('vaults', { filter: { secret: { $null: false } } }), 'INVALID_FILTER', 'filter');
    expect400(
      await get('vaults', { filter: { $not: { secret: { $startsWith: 'h' } } } }),
      'INVALID_FILTER',
      'filter',
    );
    expect400(
      await get('notes', { filter: { 'vault.secret': { $startsWith: 'h' } } }),
      'INVALID_FILTER',
      'filter',
    );
  });
  it('are never sorted, selected or searched', async () => {
    expect400(await get('vaults', { sort: 'secret' }), 'INVALID_SORT', 'sort');
    expect400(await get('notes', { sort: 'vault.secret' }), 'INVALID_SORT', 'sort');
    expect400(await get('vaults', { fields: 'name,secret' }), 'VALIDATION_FAILED', 'fields');
    const search = await get('vaults', { search: 'hunter2' });
    expect(search.status).toBe(200);
    expect(search.body.data).toEqual([]);
  });
  it('never appear in included records', async () => {
    const res = await get('notes', { include: 'vault' });
    expect(res.body.data[0].vault).toMatchObject({ name: 'main' });
    expect(res.text).not.toContain('hunter2');
    expect(res.body.data[0].vault).not.toHaveProperty('secret');
  });
});

describe('§4 auth-table columns are not fields of users', () => {
  it.each(['isAdmin', 'is_admin', 'emailVerified', 'password', 'token', 'image', 'account.password'])(
    '%s cannot be filtered, sorted or selected',
    async (name) => {
      expect400(await get('users', { filter: { [name]: true } }), 'INVALID_FILTER', 'filter');
      expect400(await get('users', { sort: name }), 'INVALID_SORT', 'sort');
      expect400(await get('users', { fields: name }), 'VALIDATION_FAILED', 'fields');
      expect400(await get('users', { include: name }), 'VALIDATION_FAILED', 'include');
      expect400(await get('tasks', { filter: { [`assignee.${name}`]: true } }), 'INVALID_FILTER', 'filter');
    },
  );
  it('users cannot be searched', async () => {
    expect400(await get('users', { search: 'admin' }), 'VALIDATION_FAILED', 'search');
  });
});

describe('§4 relation paths for an admin', () => {
  it('an admin reads every user, so a path matches any assignee', async () => {
    const bob = await t.signUp('bob@other.io');
    const bobAuth = await bob.bearer();
    const made = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: bobAuth,
      json: { title: 'bob task', assigneeId: bob.id },
    });
    expect(made.status).toBe(201);
    const root = await t.signUp('root@acme.io');
    const res = await t.request(
      `/api/v1/tasks?${q({ filter: { 'assignee.email': { $endsWith: '@other.io' } } })}`,
      {
        headers: await root.bearer(),
      },
    );
    expect(res.body.data.map((r: { title: string }) => r.title)).toEqual(['bob task']);
  });
});
