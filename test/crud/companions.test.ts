import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../plugins/audit/schema.js';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

/**
 * alsoInsert rows ride in the write's own statement. `customers` has no hook that needs a
 * transaction, so its writes take the prepared single-statement path; `orders` carries a fixture
 * companion with a fixed id, so its second write collides on the companion's primary key.
 */
let t: TestApp;
let alice: TestUser;
let aliceKey: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({
    plugins: ['audit'],
    hooks: [
      {
        entity: 'orders',
        hooks: {
          alsoInsert: (h, w) => ({
            table: auditEvents,
            values: {
              id: 'aud_fixture',
              action: w.action,
              entity: h.entity,
              fields: [],
              requestId: 'fixture',
            },
          }),
        },
      },
    ],
  });
  alice = await t.signUp();
  aliceKey = await alice.bearer();
});
afterAll(() => t.close());

const eventsOf = (recordId: string) =>
  t.database.db.select().from(auditEvents).where(eq(auditEvents.recordId, recordId));
const countEvents = async () => (await t.database.db.select().from(auditEvents)).length;
const newCustomer = (n: number | string) =>
  t.request('/api/v1/customers', {
    method: 'POST',
    headers: aliceKey,
    json: { name: `Customer ${n}`, email: `c${n}@example.com` },
  });

describe('alsoInsert: a row written by the write’s own statement', () => {
  it('CREATE, PATCH and DELETE each write their row with what the write did', async () => {
    const made = await newCustomer('one');
    expect(made.status, made.text).toBe(201);
    const id = made.body.data.id as string;
    const patched = await t.request(`/api/v1/customers/${id}`, {
      method: 'PATCH',
      headers: aliceKey,
      json: { phone: '+1 555 0100', company: 'Acme' },
    });
    expect(patched.status).toBe(200);
    expect((await t.request(`/api/v1/customers/${id}`, { method: 'DELETE', headers: aliceKey })).status).toBe(
      200,
    );

    const rows = await eventsOf(id);
    const by = (a: string) => rows.find((r) => r.action === a)!;
    expect(rows).toHaveLength(3);
    expect(by('create')).toMatchObject({ actorId: alice.id, entity: 'customers' });
    expect(by('create').fields).toEqual(expect.arrayContaining(['id', 'name', 'email', 'createdAt']));
    expect(by('create').requestId).toBe(made.headers.get('x-request-id'));
    expect(by('update').fields.sort()).toEqual(['company', 'phone']);
    expect(by('delete').fields).toEqual([]);
  });

  it('a write that touches no row writes none (someone else’s id, a stale If-Match, a unique clash)', async () => {
    const made = await newCustomer('two');
    const id = made.body.data.id as string;
    const before = await countEvents();
    const bob = await (await t.signUp()).bearer();
    const patch = (headers: Record<string, string>) =>
      t.request(`/api/v1/customers/${id}`, { method: 'PATCH', headers, json: { company: 'x' } });
    expect((await patch(bob)).status).toBe(404);
    expect((await t.request(`/api/v1/customers/${id}`, { method: 'DELETE', headers: bob })).status).toBe(404);
    expect((await patch({ ...aliceKey, 'If-Match': '"1"' })).status).toBe(412);
    const clash = await newCustomer('two');
    expect(clash.status).toBe(409);
    expect(clash.body.details).toEqual({ email: 'Already exists' });
    expect(await countEvents()).toBe(before);
  });

  it('concurrent writes each get exactly their own row', async () => {
    const before = await countEvents();
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => newCustomer(`burst${i}`)));
    expect(made.map((r) => r.status)).toEqual(Array(20).fill(201));
    for (const r of made) expect(await eventsOf(r.body.data.id)).toHaveLength(1);
    expect(await countEvents()).toBe(before + 20);
  });

  it('a companion row that fails takes its write with it, and says nothing about SQL', async () => {
    const customer = (await newCustomer('buyer')).body.data.id as string;
    const order = () =>
      t.request('/api/v1/orders', {
        method: 'POST',
        headers: aliceKey,
        json: { customerId: customer, total: '10.00' },
      });
    const first = await order();
    expect(first.status, first.text).toBe(201);
    const second = await order();
    expect(second.status).toBe(500);
    expect(second.body.code).toBe('DATABASE_ERROR');
    expect(second.text).not.toMatch(/aud_fixture|insert|duplicate key/i);
    const orders = await t.request('/api/v1/orders', { headers: aliceKey });
    expect(orders.body.data.map((o: { id: string }) => o.id)).toEqual([first.body.data.id]);
  });
});
