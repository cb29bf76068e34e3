import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { makeTasks, q, walkCursor } from './list-helpers.js';

/**
 * Property: for random valid filters over tasks, the API answers exactly the rows the same
 * predicate selects when evaluated in JavaScript over every row.
 */
type Row = Record<string, unknown>;
type Filter = Record<string, unknown>;

const STATUS = ['todo', 'in_progress', 'completed'] as const;
const PRIORITY = ['low', 'medium', 'high'] as const;
const WORDS = ['alpha', 'Beta', 'gamma', '50%', 'snake_case', 'back\\slash', 'délai', 'ALPHA'];
const FRAGMENTS = ['a', 'al', 'ph', 'BETA', '%', '_', '\\', 'é', 'ma', 'x', 'se', ' '];
const DATES = ['2025-01-05', '2025-02-14', '2025-03-01', '2025-04-30', '2025-06-15'];
const INSTANTS = ['2024-06-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z', '2025-03-15T12:00:00.000Z'];

let t: TestApp;
let auth: Record<string, string>;
let rows: Row[];

beforeAll(async () => {
  t = await createTestApp();
  const user = await t.signUp();
  auth = await user.bearer();
  const rand = fc.sample(
    fc.record({
      title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
      status: fc.constantFrom(...STATUS),
      priority: fc.constantFrom(...PRIORITY),
      dueDate: fc.option(fc.constantFrom(...DATES, '2025-01-06', '2025-05-20'), { nil: undefined }),
      description: fc.option(fc.constantFrom(...WORDS), { nil: undefined }),
      createdAt: fc
        .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2025, 11, 31) })
        .map((ms) => new Date(ms).toISOString()),
    }),
    { numRuns: 60, seed: 4242 },
  );
  rows = await makeTasks(t, auth, rand);
});
afterAll(() => t.close());

const rank = (field: string, v: unknown) =>
  field === 'status'
    ? STATUS.indexOf(v as never)
    : field === 'priority'
      ? PRIORITY.indexOf(v as never)
      : field === 'createdAt'
        ? Date.parse(v as string)
        : (v as string);

function op(row: Row, field: string, name: string, arg: unknown): boolean {
  const v = row[field] ?? null;
  const lower = (s: unknown) => String(s).toLowerCase();
  switch (name) {
    case '$eq':
      return arg === null ? v === null : v !== null && rank(field, v) === rank(field, arg);
    case '$ne':
      return arg === null ? v !== null : v === null || rank(field, v) !== rank(field, arg);
    case '$gt':
      return v !== null && rank(field, v) > rank(field, arg);
    case '$gte':
      return v !== null && rank(field, v) >= rank(field, arg);
    case '$lt':
      return v !== null && rank(field, v) < rank(field, arg);
    case '$lte':
      return v !== null && rank(field, v) <= rank(field, arg);
    case '$in':
      return v !== null && (arg as unknown[]).includes(v);
    case '$nin':
      return v === null || !(arg as unknown[]).includes(v);
    case '$contains':
      return v !== null && lower(v).includes(lower(arg));
    case '$startsWith':
      return v !== null && lower(v).startsWith(lower(arg));
    case '$endsWith':
      return v !== null && lower(v).endsWith(lower(arg));
    case '$null':
      return (v === null) === arg;
  }
  throw new Error(`no ${name}`);
}

function matches(row: Row, f: Filter): boolean {
  return Object.entries(f).every(([key, spec]) => {
    if (key === '$and') return (spec as Filter[]).every((s) => matches(row, s));
    if (key === '$or') return (spec as Filter[]).some((s) => matches(row, s));
    if (key === '$not') return !matches(row, spec as Filter);
    if (spec === null || typeof spec !== 'object') return op(row, key, '$eq', spec);
    return Object.entries(spec).every(([name, arg]) => op(row, key, name, arg));
  });
}

const ordered = (field: string, values: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...values).map((v) => ({ [field]: v })),
    fc
      .record({
        name: fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte'),
        v: fc.constantFrom(...values),
      })
      .map(({ name, v }) => ({ [field]: { [name]: v } })),
    fc
      .record({
        name: fc.constantFrom('$in', '$nin'),
        v: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: values.length }),
      })
      .map(({ name, v }) => ({ [field]: { [name]: v } })),
  );

const leaf: fc.Arbitrary<Filter> = fc.oneof(
  ordered('status', STATUS),
  ordered('priority', PRIORITY),
  ordered('dueDate', DATES),
  fc
    .record({ name: fc.constantFrom('$gte', '$lt', '$gt', '$lte'), v: fc.constantFrom(...INSTANTS) })
    .map(({ name, v }) => ({ createdAt: { [name]: v } })),
  fc
    .record({
      field: fc.constantFrom('title', 'description'),
      name: fc.constantFrom('$contains', '$startsWith', '$endsWith'),
      v: fc.constantFrom(...FRAGMENTS),
    })
    .map(({ field, name, v }) => ({ [field]: { [name]: v } })),
  fc.record({ field: fc.constantFrom('dueDate', 'description'), v: fc.boolean() }).map(({ field, v }) => ({
    [field]: { $null: v },
  })),
  fc.constantFrom({ dueDate: null }, { description: null }, { dueDate: { $ne: null } }),
  // two operators on one field are ANDed
  fc.constantFrom(...DATES).map((d) => ({ dueDate: { $gte: '2025-01-06', $lte: d } })),
);

const filterArb: fc.Arbitrary<Filter> = fc
  .letrec<{ node: Filter }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => ({ $and: xs })),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => ({ $or: xs })),
      tie('node').map((x) => ({ $not: x })),
      fc.tuple(leaf, leaf).map(([a, b]) => ({ ...a, ...b })),
    ),
  }))
  .node.filter((f) => JSON.stringify(f).length < 3000 && depth(f) <= 5 && conditions(f) <= 50);

function depth(f: unknown): number {
  if (Array.isArray(f)) return Math.max(0, ...f.map(depth));
  if (f === null || typeof f !== 'object') return 0;
  const entries = Object.entries(f as Filter);
  const logic = entries.filter(([k]) => k.startsWith('$and') || k.startsWith('$or') || k === '$not');
  return 1 + Math.max(0, ...logic.map(([, v]) => depth(v)));
}
function conditions(f: unknown): number {
  if (Array.isArray(f)) return f.reduce((n: number, x) => n + conditions(x), 0);
  if (f === null || typeof f !== 'object') return 0;
  return Object.entries(f as Filter).reduce((n, [k, v]) => {
    if (k === '$and' || k === '$or' || k === '$not') return n + conditions(v);
    const ops = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).length : 0;
    return n + 1 + ops;
  }, 0);
}

describe('§4 filter (property): the API agrees with the predicate evaluated in JavaScript', () => {
  it('random filters select exactly the matching rows, with the exact total', async () => {
    await fc.assert(
      fc.asyncProperty(filterArb, async (filter) => {
        const res = await t.request(`/api/v1/tasks?${q({ filter, limit: '100' })}`, { headers: auth });
        expect(res.status, `${JSON.stringify(filter)} → ${res.text}`).toBe(200);
        const want = rows.filter((r) => matches(r, filter)).map((r) => r['id']);
        expect(res.body.data.map((r: Row) => r['id']).sort()).toEqual([...want].sort());
        expect(res.body.pagination.total).toBe(want.length);
      }),
      { numRuns: 60, seed: 20251122 },
    );
  });
  it('random filter + sort: cursor pages equal the one-page answer', async () => {
    const sortArb = fc
      .uniqueArray(fc.constantFrom('status', 'priority', 'dueDate', 'createdAt', 'title', 'description'), {
        minLength: 1,
        maxLength: 3,
      })
      .chain((keys) => fc.tuple(...keys.map((k) => fc.constantFrom(k, `-${k}`))).map((ks) => ks.join(',')));
    await fc.assert(
      fc.asyncProperty(filterArb, sortArb, fc.integer({ min: 1, max: 7 }), async (filter, sort, limit) => {
        const all = await t.request(`/api/v1/tasks?${q({ filter, sort, limit: '100' })}`, { headers: auth });
        const walked = await walkCursor(
          t,
          auth,
          `/api/v1/tasks?${q({ filter, sort, limit: String(limit) })}`,
        );
        expect(walked.map((r) => r['id'])).toEqual(all.body.data.map((r: Row) => r['id']));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
