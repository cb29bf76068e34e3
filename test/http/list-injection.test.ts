import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { makeTasks } from './list-helpers.js';

/** Hostile input in every LIST parameter: never a 500, never a change to any data. */
const STRINGS = [
  "'",
  "' OR '1'='1",
  "'; DROP TABLE tasks; --",
  '"; DELETE FROM "user"; --',
  'title; select pg_sleep(1)',
  '/* comment */ title',
  'title -- comment',
  '\u0000',
  'x\u0000y',
  '\u202e\u200b𝕏😀 ünïcödé',
  '\\',
  '%_%',
  '$where',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '99999999999999999999999999999',
  '-0',
  't0.password',
  'assignee.password',
  'user.is_admin',
  '"title"',
  'title)',
  '(select 1)',
  'a'.repeat(10_000),
  '[[[[[[[[[[]]]]]]]]]]',
  '{}',
  '',
  ',,,',
  '.',
  '..',
];

const FILTERS: unknown[] = [
  { title: "'; DROP TABLE tasks; --" },
  { title: { $contains: "' OR 1=1 --" } },
  { title: { $in: [[['nested']]] } },
  { title: { $eq: { $ne: null } } },
  { title: [1, [2, [3]]] },
  { dueDate: { $gt: 'NaN' } },
  { dueDate: { $gt: 'Infinity' } },
  { createdAt: { $gt: '275760-09-13T00:00:00.001Z' } },
  { createdAt: { $lt: '1e309' } },
  { status: { $in: ['todo', "todo'); drop table tasks; --"] } },
  { title: { $startsWith: '\u0000' } },
  { 'title"; --': 'x' },
  { 't0.password': { $ne: null } },
  { 'assignee.password': { $ne: null } },
  { 'assignee.is_admin': true },
  { 'assignee.id': { $ne: '' }, 'assignee.email': { $contains: "'" } },
  { $or: [{ 'assignee.email': { $contains: '\\' } }] },
  JSON.parse('{"__proto__": {"isAdmin": true}}'),
  JSON.parse('{"title": {"__proto__": "x"}}'),
  { constructor: { prototype: 'x' } },
  { title: { $contains: 'a'.repeat(3000) } },
  { title: 1e308 },
  { title: { $gt: -0 } },
  { $not: [] },
  { $and: [] },
  { $or: [null] },
];

const RAW_FILTERS = [
  '{"title":',
  'null',
  '1',
  '"x"',
  'true',
  '{"title": NaN}',
  '{"title": Infinity}',
  '{"a":1,}',
  '\u0000',
];

let t: TestApp;
let auth: Record<string, string>;
let snapshot: string;

async function fingerprint(): Promise<string> {
  const result = await t.database.db.execute(
    sql`select (select md5(coalesce(string_agg(t::text, ',' order by id), '')) from tasks t) ||
               (select md5(coalesce(string_agg(u::text, ',' order by id), '')) from "user" u) as f`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (rows[0] as { f: string }).f;
}

beforeAll(async () => {
  t = await createTestApp();
  const user = await t.signUp();
  auth = await user.bearer();
  await makeTasks(t, auth, [{ title: 'keep me' }, { title: "o'neil" }, { title: '50%' }]);
  snapshot = await fingerprint();
});
afterAll(() => t.close());

async function probe(params: Record<string, string>) {
  const res = await t.request(`/api/v1/tasks?${new URLSearchParams(params)}`, { headers: auth });
  expect(res.status, `${JSON.stringify(params).slice(0, 200)} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect([200, 400]).toContain(res.status);
  if (res.status === 400) {
    expect(['VALIDATION_FAILED', 'INVALID_FILTER', 'INVALID_SORT']).toContain(res.body.code);
    expect(res.body.details).toBeTypeOf('object');
  }
  expect(res.text).not.toMatch(/"stack"|node_modules|\.ts:\d|syntax error at|DATABASE_ERROR/i);
  return res;
}

describe('§4 injection corpus', () => {
  for (const param of [
    'sort',
    'order',
    'fields',
    'include',
    'search',
    'cursor',
    'page',
    'limit',
    'count',
    'startDate',
    'endDate',
  ]) {
    it(`${param}: every hostile string is a 200 or a 400`, async () => {
      for (const s of STRINGS) await probe({ [param]: s });
      for (const s of STRINGS) await probe({ [param]: s, sort: 'title' });
    });
  }
  it('filter: hostile JSON values, keys and shapes', async () => {
    for (const f of FILTERS) await probe({ filter: JSON.stringify(f) });
    for (const f of RAW_FILTERS) await probe({ filter: f });
    for (const s of STRINGS) await probe({ filter: JSON.stringify({ title: s }) });
    for (const s of STRINGS) await probe({ filter: JSON.stringify({ [s]: 'x' }) });
    for (const s of STRINGS) await probe({ filter: JSON.stringify({ title: { [s]: 'x' } }) });
  });
  it('READ fields/include: hostile strings are 200 or 400', async () => {
    const list = await t.request('/api/v1/tasks', { headers: auth });
    const id = list.body.data[0].id;
    for (const s of STRINGS) {
      for (const param of ['fields', 'include']) {
        const res = await t.request(`/api/v1/tasks/${id}?${new URLSearchParams({ [param]: s })}`, {
          headers: auth,
        });
        expect([200, 400]).toContain(res.status);
      }
    }
  });
  it('a quote in a value matches literally and nothing changed anywhere', async () => {
    const res = await probe({ filter: JSON.stringify({ title: "o'neil" }) });
    expect(res.body.data).toHaveLength(1);
    const search = await probe({ search: "o'neil OR 1=1 --" });
    expect(search.status).toBe(200);
    expect(await fingerprint()).toBe(snapshot);
  });
});
