import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../plugins/audit/schema.js';
import { AppError } from '../../src/errors/app-error.js';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

const ADMIN = 'trail-admin@example.com';
let t: TestApp;
let admin: TestUser;
let alice: TestUser;
let aliceKey: Record<string, string>;

interface Event {
  id: string;
  actorId: string;
  credential: string;
  action: string;
  entity: string;
  recordId: string;
  fields: string[];
  requestId: string;
  at: string;
}

beforeAll(async () => {
  t = await createTestApp({
    plugins: ['audit'],
    env: { ADMIN_EMAILS: ADMIN },
    // A fixture in-transaction hook that refuses one title: the write and its audit event must both vanish.
    hooks: [
      {
        entity: 'tasks',
        hooks: {
          afterCreateInTx: (_h, record) => {
            if (record['title'] === 'refused by a hook')
              throw AppError.of('CONFLICT', { message: 'refused' });
          },
          afterUpdateInTx: (_h, { record }) => {
            if (record['title'] === 'refused by a hook')
              throw AppError.of('CONFLICT', { message: 'refused' });
          },
        },
      },
    ],
  });
  admin = await t.signUp(ADMIN);
  alice = await t.signUp();
  aliceKey = await alice.bearer();
});
afterAll(() => t.close());

const eventsOf = async (recordId: string) =>
  t.database.db.select().from(auditEvents).where(eq(auditEvents.recordId, recordId));
const list = async (query: string, headers: Record<string, string>) => {
  const res = await t.request(`/api/v1/audit${query}`, { headers });
  expect(res.status, res.text).toBe(200);
  return res.body.data as Event[];
};

describe('§9 audit: one event per write, in the write transaction', () => {
  it('CREATE, PATCH and DELETE each record exactly one event with who, how, what and the request id', async () => {
    const made = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: aliceKey,
      json: { title: 'audited', description: 'a secret description' },
    });
    expect(made.status).toBe(201);
    const id = made.body.data.id as string;
    const patched = await t.request(`/api/v1/tasks/${id}`, {
      method: 'PATCH',
      headers: alice.session,
      json: { status: 'completed' },
    });
    expect(patched.status).toBe(200);
    const deleted = await t.request(`/api/v1/tasks/${id}`, { method: 'DELETE', headers: aliceKey });
    expect(deleted.status).toBe(200);

    const rows = await eventsOf(id);
    expect(rows.map((r) => r.action).sort()).toEqual(['create', 'delete', 'update']);
    const by = (a: string) => rows.find((r) => r.action === a)!;
    expect(by('create')).toMatchObject({ actorId: alice.id, entity: 'tasks', recordId: id });
    expect(by('create').credential).toMatch(/^key:key_/);
    expect(by('create').fields).toEqual(expect.arrayContaining(['title', 'description', 'status']));
    expect(by('create').requestId).toBe(made.headers.get('x-request-id'));
    expect(by('update').credential).toMatch(/^session:/);
    expect(by('update').fields).toEqual(['status']);
    expect(by('update').requestId).toBe(patched.headers.get('x-request-id'));
    expect(by('delete').fields).toEqual([]);
    expect(by('delete').requestId).toBe(deleted.headers.get('x-request-id'));
    expect(JSON.stringify(rows)).not.toContain('secret description');
  });

  it('a write undone by an in-transaction hook leaves neither the row nor an event', async () => {
    const before = (await t.database.db.select().from(auditEvents)).length;
    const refused = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: aliceKey,
      json: { title: 'refused by a hook' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFLICT');
    const tasks = await t.request('/api/v1/tasks?search=refused', { headers: aliceKey });
    expect(tasks.body.data).toEqual([]);

    const ok = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: aliceKey,
      json: { title: 'kept' },
    });
    const id = ok.body.data.id as string;
    const undone = await t.request(`/api/v1/tasks/${id}`, {
      method: 'PATCH',
      headers: aliceKey,
      json: { title: 'refused by a hook' },
    });
    expect(undone.status).toBe(409);
    expect((await t.request(`/api/v1/tasks/${id}`, { headers: aliceKey })).body.data.title).toBe('kept');
    expect((await eventsOf(id)).map((r) => r.action)).toEqual(['create']);
    expect((await t.database.db.select().from(auditEvents)).length).toBe(before + 1);
  });

  it('a refused write (validation, unique clash, someone else’s record) records nothing', async () => {
    const before = (await t.database.db.select().from(auditEvents)).length;
    expect((await t.request('/api/v1/tasks', { method: 'POST', headers: aliceKey, json: {} })).status).toBe(
      400,
    );
    const bob = await (await t.signUp()).bearer();
    const mine = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: aliceKey,
      json: { title: 'mine' },
    });
    const stolen = await t.request(`/api/v1/tasks/${mine.body.data.id}`, {
      method: 'PATCH',
      headers: bob,
      json: { title: 'x' },
    });
    expect(stolen.status).toBe(404);
    expect((await t.database.db.select().from(auditEvents)).length).toBe(before + 1); // only "mine"
  });
});

describe('§9 audit: GET /api/v1/audit', () => {
  it('a caller sees only their own events; an admin sees everyone’s and can filter by actor', async () => {
    const bob = await t.signUp();
    await t.request('/api/v1/tasks', { method: 'POST', headers: await bob.bearer(), json: { title: 'bob' } });
    const mine = await list('?limit=100', bob.session);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actorId === bob.id)).toBe(true);
    const all = await list('?limit=100', admin.session);
    expect(new Set(all.map((e) => e.actorId))).toEqual(new Set([alice.id, bob.id]));
    const onlyAlice = await list(`?actor=${alice.id}&limit=100`, admin.session);
    expect(onlyAlice.length).toBeGreaterThan(0);
    expect(onlyAlice.every((e) => e.actorId === alice.id)).toBe(true);
    // A non-admin naming someone else gets nothing of theirs.
    expect(await list(`?actor=${alice.id}`, bob.session)).toEqual([]);
  });

  it('filters by entity, action and date range (a bare endDate is the whole UTC day)', async () => {
    const updates = await list('?action=update&limit=100', alice.session);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((e) => e.action === 'update')).toBe(true);
    expect(await list('?entity=comments', alice.session)).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const all = await list('?limit=100', alice.session);
    expect(await list(`?startDate=${today}&endDate=${today}&limit=100`, alice.session)).toHaveLength(
      all.length,
    );
    expect(await list('?endDate=2000-01-01', alice.session)).toEqual([]);
    expect(await list(`?startDate=${new Date(Date.now() + 60_000).toISOString()}`, alice.session)).toEqual(
      [],
    );
  });

  it('bad filters are 400 VALIDATION_FAILED with details', async () => {
    for (const q of [
      '?startDate=nope',
      '?limit=0',
      '?limit=101',
      '?format=xml',
      '?startDate=2026-02-02&endDate=2026-01-01',
    ]) {
      const res = await t.request(`/api/v1/audit${q}`, { headers: alice.session });
      expect(res.status, q).toBe(400);
      expect(res.body.code, q).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.details ?? {}).length, q).toBeGreaterThan(0);
    }
    expect((await t.request('/api/v1/audit')).status).toBe(401);
  });

  it('pages walk every event once, newest first', async () => {
    const all = await list('?limit=100', alice.session);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const res = await t.request(`/api/v1/audit?limit=2&page=${page}`, { headers: alice.session });
      seen.push(...res.body.data.map((e: Event) => e.id));
      if (!res.body.pagination.hasNext) break;
    }
    expect(seen).toEqual(all.map((e) => e.id));
    const times = all.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('exports as CSV (header row, RFC 4180 quoting) and as a JSON array', async () => {
    await t.database.db.insert(auditEvents).values({
      id: 'aud_quoting',
      actorId: alice.id,
      credential: null,
      action: 'note',
      entity: 'a,"b"\nc',
      recordId: null,
      fields: [],
      requestId: 'req-1',
    });
    const all = await list('?limit=100', alice.session);
    const csv = await t.request('/api/v1/audit?format=csv', { headers: alice.session });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.startsWith('id,actorId,credential,action,entity,recordId,fields,requestId,at\n')).toBe(
      true,
    );
    expect(csv.text).toContain('"a,""b""\nc"');
    const json = await t.request('/api/v1/audit?format=json', { headers: alice.session });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toContain('application/json');
    expect((json.body as Event[]).map((e) => e.id)).toEqual(all.map((e) => e.id));
    const filtered = await t.request('/api/v1/audit?format=json&action=note', { headers: alice.session });
    expect((filtered.body as Event[]).map((e) => e.entity)).toEqual(['a,"b"\nc']);
  });
});
