import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpired } from '../../../src/idempotency/store.js';
import { defineEntity, f } from '../../../src/index.js';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.js';

let release: (() => void) | undefined;
const jobs = defineEntity({
  name: 'jobs',
  idPrefix: 'job',
  label: { singular: 'Job', plural: 'Jobs' },
  fields: { title: f.string({ required: true }) },
  hooks: {
    // A title "slow" holds the CREATE open until the test releases it (in-flight case).
    beforeCreate: async (_ctx, data) => {
      if (data['title'] === 'slow') await new Promise<void>((r) => (release = r));
      return data;
    },
  },
});

const logs: string[] = [];
let t: TestApp;
let u: TestUser;
beforeAll(async () => {
  t = await createTestApp({ entities: [jobs], logs });
  u = await t.signUp();
});
afterAll(() => t.close());

const rows = async (q: string) => {
  const res = await t.database.db.execute(sql.raw(q));
  return (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Record<string, unknown>[];
};
const post = (key: string | undefined, json: unknown, headers = u.session) =>
  t.request('/api/v1/jobs', {
    method: 'POST',
    headers: { ...headers, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    json,
  });

describe('§8 replay', () => {
  it('a repeat with the same body replays status and body with Idempotent-Replayed and writes once', async () => {
    const first = await post('k-replay', { title: 'one' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await post('k-replay', { title: 'one' });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await rows(`select id from jobs where title = 'one'`)).toHaveLength(1);
  });

  it('an API key of the same user shares the caller scope; another user does not', async () => {
    await post('k-scope', { title: 'scoped' });
    const viaKey = await post('k-scope', { title: 'scoped' }, await u.bearer());
    expect(viaKey.headers.get('idempotent-replayed')).toBe('true');
    const other = await t.signUp();
    const theirs = await post('k-scope', { title: 'scoped' }, other.session);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a 4xx first answer is replayed too (nothing written)', async () => {
    const bad = await post('k-bad', { nope: 1 });
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const again = await post('k-bad', { nope: 1 });
    expect(again.status).toBe(bad.status);
    expect(again.text).toBe(bad.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('§8 conflicts', () => {
  it('a different body with the same key is 409 IDEMPOTENCY_CONFLICT and writes nothing', async () => {
    expect((await post('k-diff', { title: 'a' })).status).toBe(201);
    const r = await post('k-diff', { title: 'b' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ success: false, code: 'IDEMPOTENCY_CONFLICT' });
    expect(await rows(`select id from jobs where title = 'b'`)).toHaveLength(0);
  });

  it('a repeat while the first is still running is 409; afterwards it replays', async () => {
    const first = post('k-slow', { title: 'slow' });
    while (!release) await new Promise((r) => setTimeout(r, 5));
    const during = await post('k-slow', { title: 'slow' });
    expect(during.status).toBe(409);
    expect(during.body.code).toBe('IDEMPOTENCY_CONFLICT');
    release();
    expect((await first).status).toBe(201);
    const after = await post('k-slow', { title: 'slow' });
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(await rows(`select id from jobs where title = 'slow'`)).toHaveLength(1);
  });

  it('10 concurrent POSTs with one key write exactly one record', async () => {
    const all = await Promise.all(Array.from({ length: 10 }, () => post('k-burst', { title: 'burst' })));
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await rows(`select id from jobs where title = 'burst'`)).toHaveLength(1);
  });
});

describe('§8 bad keys', () => {
  it('a key over 255 characters is 400 and writes nothing', async () => {
    const r = await post('x'.repeat(256), { title: 'long' });
    expect(r.status).toBe(400);
    expect(r.body.details['Idempotency-Key']).toBeTruthy();
    expect(await rows(`select id from jobs where title = 'long'`)).toHaveLength(0);
    expect((await post('y'.repeat(255), { title: 'long' })).status).toBe(201);
  });
});

describe('§8 one transaction', () => {
  it('when storing the answer fails, the write rolls back with it', async () => {
    // A trigger makes the idempotency insert fail after the CREATE succeeded in the same transaction.
    await t.database.db.execute(
      sql.raw(`create function regis_fail() returns trigger language plpgsql as $$
        begin if new.key = 'k-crash' then raise exception 'boom'; end if; return new; end $$`),
    );
    await t.database.db.execute(
      sql.raw(`create trigger regis_fail before insert on regis_idempotency_keys
        for each row execute function regis_fail()`),
    );
    const r = await post('k-crash', { title: 'crash' });
    expect(r.status).toBe(500);
    expect(await rows(`select id from jobs where title = 'crash'`)).toHaveLength(0);
    await t.database.db.execute(sql.raw('drop trigger regis_fail on regis_idempotency_keys'));
  });
});

describe('§8 24-hour expiry', () => {
  it('expired records no longer replay and the sweep deletes them', async () => {
    await post('k-old', { title: 'old' });
    await rows(
      `update regis_idempotency_keys set expires_at = now() - interval '1 second' where key = 'k-old'`,
    );
    const fresh = await post('k-old', { title: 'old' });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    await rows(
      `update regis_idempotency_keys set expires_at = now() - interval '1 second' where key = 'k-old'`,
    );
    expect(await sweepExpired(t.database.db)).toBe(1);
    expect(await rows(`select key from regis_idempotency_keys where key = 'k-old'`)).toHaveLength(0);
  });
});
