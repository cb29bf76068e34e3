import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { defineEntity, f } from '../../src/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const gadgets = defineEntity({
  name: 'gadgets',
  idPrefix: 'gdg',
  label: { singular: 'Gadget', plural: 'Gadgets' },
  fields: {
    name: f.string({ required: true, min: 2, max: 10, pattern: /^[a-z]+$/ }),
    color: f.enum(['red', 'green'], { default: 'red' }),
    weight: f.decimal(5, 2, { min: 0, max: 100 }),
    count: f.integer({ min: 1, max: 10 }),
    born: f.date(),
    seenAt: f.datetime(),
    labels: f.stringArray({ maxItems: 3, maxItemLength: 5 }),
    extra: f.json(),
    flag: f.boolean(),
    secretScore: f.integer({ readOnly: true, default: 0 }),
  },
});

const boom = defineEntity({
  name: 'booms',
  idPrefix: 'bom',
  label: { singular: 'Boom', plural: 'Booms' },
  fields: { name: f.string({ required: true }) },
});

const fizz = defineEntity({
  name: 'fizzes',
  idPrefix: 'fiz',
  label: { singular: 'Fizz', plural: 'Fizzes' },
  fields: { name: f.string({ required: true }) },
});

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({
    entities: [gadgets, boom, fizz],
    hooks: [
      {
        entity: 'booms',
        hooks: {
          beforeCreate: () => {
            throw new Error('select * from secret_table where password = $1 -- kaboom');
          },
        },
      },
      {
        entity: 'fizzes',
        hooks: {
          beforeCreate: async (ctx) => {
            await (ctx.tx as Db).execute(sql`select * from no_such_table_xyz`);
            return undefined;
          },
        },
      },
    ],
  });
  auth = await (await t.signUp()).bearer();
});
afterAll(() => t.close());

const create = (json: unknown) => t.request('/api/v1/gadgets', { method: 'POST', headers: auth, json });
const total = async () =>
  (await t.request('/api/v1/gadgets?limit=1', { headers: auth })).body.pagination.total as number;

async function rejects(body: Record<string, unknown>, field: string, message?: RegExp) {
  const res = await create({ name: 'ok', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body).toMatchObject({ success: false, code: 'VALIDATION_FAILED' });
  expect(Object.keys(res.body.details)).toEqual([field]);
  if (message) expect(res.body.details[field]).toMatch(message);
}

describe('SPEC §3: strict bodies name each offending field', () => {
  it('unknown, generated and read-only fields, each named', async () => {
    const res = await create({
      name: 'ok',
      bogus: 1,
      id: 'gdg_x',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
      secretScore: 5,
      ownerId: 'usr_x',
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details).sort()).toEqual(
      ['bogus', 'createdAt', 'id', 'ownerId', 'secretScore', 'updatedAt'].sort(),
    );
    expect(res.body.details.bogus).toMatch(/unknown/i);
    expect(res.body.details.id).toMatch(/generated/i);
    expect(res.body.details.secretScore).toMatch(/read-only/i);
    expect(await total()).toBe(0);
  });

  it('required fields, and every wrong field at once', async () => {
    const res = await create({ color: 'blue', count: 'x' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details).sort()).toEqual(['color', 'count', 'name']);
    expect(res.body.details.name).toMatch(/required/i);
  });

  it('enum: "Must be one of: …"', () => rejects({ color: 'blue' }, 'color', /^Must be one of: red, green/));
  it('string max, min, pattern and type', async () => {
    await rejects({ name: 'abcdefghijk' }, 'name', /10/);
    await rejects({ name: 'a' }, 'name', /2/);
    await rejects({ name: 'ABC' }, 'name');
    await rejects({ name: 42 }, 'name');
  });
  it('decimal scale, precision, min, max and type', async () => {
    await rejects({ weight: 1.234 }, 'weight');
    await rejects({ weight: '1.234' }, 'weight');
    await rejects({ weight: 1000 }, 'weight');
    await rejects({ weight: -1 }, 'weight');
    await rejects({ weight: 'abc' }, 'weight');
    await rejects({ weight: true }, 'weight');
  });
  it('integer ranges and non-integers', async () => {
    await rejects({ count: 0 }, 'count', /1/);
    await rejects({ count: 11 }, 'count', /10/);
    await rejects({ count: 1.5 }, 'count');
    await rejects({ count: '3' }, 'count');
  });
  it('date and datetime formats', async () => {
    await rejects({ born: '2025-13-01' }, 'born');
    await rejects({ born: '01/02/2025' }, 'born');
    await rejects({ born: '2025-02-30' }, 'born');
    await rejects({ seenAt: 'yesterday' }, 'seenAt');
    await rejects({ seenAt: 12345 }, 'seenAt');
  });
  it('string[] items, length and type', async () => {
    await rejects({ labels: 'a' }, 'labels');
    await rejects({ labels: [1] }, 'labels');
    await rejects({ labels: ['a', 'b', 'c', 'd'] }, 'labels');
    await rejects({ labels: ['toolong'] }, 'labels');
  });
  it('boolean type', () => rejects({ flag: 'yes' }, 'flag'));

  it('accepts every type and answers canonical values', async () => {
    const res = await create({
      name: 'good',
      color: 'green',
      weight: '19.9',
      count: 3,
      born: '2025-02-28',
      seenAt: '2025-01-15T12:30:00+02:00',
      labels: ['a', 'bb'],
      extra: { nested: [1, { x: null }], s: 'str' },
      flag: false,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.text).toContain('"weight":19.90');
    expect(res.body.data).toMatchObject({
      born: '2025-02-28',
      seenAt: '2025-01-15T10:30:00.000Z',
      labels: ['a', 'bb'],
      extra: { nested: [1, { x: null }], s: 'str' },
      flag: false,
      secretScore: 0,
    });
    expect(res.body.data.id).toMatch(/^gdg_[0-9A-Za-z]{16,}$/);
  });

  it('PATCH is strict too, and a wrong PATCH changes nothing', async () => {
    const made = (await create({ name: 'patchme', count: 2 })).body.data;
    const res = await t.request(`/api/v1/gadgets/${made.id}`, {
      method: 'PATCH',
      headers: auth,
      json: { count: 99, id: 'gdg_new', name: 'fine' },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details).sort()).toEqual(['count', 'id']);
    const read = await t.request(`/api/v1/gadgets/${made.id}`, { headers: auth });
    expect(read.body.data).toMatchObject({ name: 'patchme', count: 2 });
  });

  it('json accepts scalars and arrays', async () => {
    for (const extra of [1, 'x', [1, 2], true]) {
      const res = await create({ name: 'json', extra });
      expect(res.status).toBe(201);
      expect(res.body.data.extra).toEqual(extra);
    }
  });
});

describe('SPEC §5: a crash answers 500 INTERNAL_ERROR without stack or SQL', () => {
  it('a throwing hook', async () => {
    const res = await t.request('/api/v1/booms', { method: 'POST', headers: auth, json: { name: 'x' } });
    expect(res.status).toBe(500);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'success']);
    expect(res.body).toMatchObject({ success: false, code: 'INTERNAL_ERROR' });
    expect(res.text).not.toMatch(/secret_table|select|kaboom|at \w+ \(|\.ts:/i);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const list = await t.request('/api/v1/booms', { headers: auth });
    expect(list.body.pagination.total).toBe(0);
  });
});

describe('SPEC §5: a database failure answers 500 DATABASE_ERROR without SQL, nothing written', () => {
  it('a hook whose query fails', async () => {
    const res = await t.request('/api/v1/fizzes', { method: 'POST', headers: auth, json: { name: 'x' } });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ success: false, code: 'DATABASE_ERROR' });
    expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'success']);
    expect(res.text).not.toMatch(/no_such_table|select|insert|Failed query|\.ts:/i);
    const list = await t.request('/api/v1/fizzes', { headers: auth });
    expect(list.body.pagination.total).toBe(0);
  });
});
