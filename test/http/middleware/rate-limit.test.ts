import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineEntity, f } from '../../../src/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

const memos = defineEntity({
  name: 'memos',
  idPrefix: 'mem',
  label: { singular: 'Memo', plural: 'Memos' },
  fields: { body: f.text({ required: true }) },
  rateLimit: { limit: 3, window: '1h' },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    entities: [memos],
    env: { RATE_LIMIT_SESSION: '6/1h', RATE_LIMIT_API_KEY: '10/1h', RATE_LIMIT_ANONYMOUS: '4/1m' },
  });
});
afterAll(() => t.close());

const count = async (table: string) => {
  const res = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { n: number }[];
  return rows[0]!.n;
};

describe('§7 headers on every response', () => {
  it('200, 404 and 401 all carry X-RateLimit-* of the bucket', async () => {
    const u = await t.signUp();
    const me = await t.request('/api/v1/me', { headers: u.session });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-ratelimit-limit')).toBe('6');
    expect(me.headers.get('x-ratelimit-remaining')).toBe('5');
    expect(Number(me.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const missing = await t.request('/api/v1/nope', { headers: u.session });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-ratelimit-remaining')).toBe('4');
    const bad = await t.request('/api/v1/me', { headers: { authorization: 'Bearer sk_live_nope' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('x-ratelimit-limit')).toBe('4');
  });
});

describe('§7 over the limit is 429 and does nothing', () => {
  it('the entity bucket (3/h) is the tightest; the 4th CREATE is refused and writes nothing', async () => {
    const u = await t.signUp();
    for (let i = 0; i < 3; i++) {
      const r = await t.request('/api/v1/memos', {
        method: 'POST',
        headers: u.session,
        json: { body: `m${i}` },
      });
      expect(r.status).toBe(201);
      expect(r.headers.get('x-ratelimit-limit')).toBe('3');
      expect(r.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
    }
    const refused = await t.request('/api/v1/memos', {
      method: 'POST',
      headers: u.session,
      json: { body: 'x' },
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ success: false, code: 'RATE_LIMIT_EXCEEDED' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await count('memos')).toBe(3);
    // The session bucket is separate: other routes still answer.
    expect((await t.request('/api/v1/me', { headers: u.session })).status).toBe(200);
  });

  it('a session over RATE_LIMIT_SESSION gets 429 on any route', async () => {
    const u = await t.signUp();
    for (let i = 0; i < 6; i++)
      expect((await t.request('/api/v1/me', { headers: u.session })).status).toBe(200);
    const r = await t.request('/api/v1/me', { headers: u.session });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBeTruthy();
  });
});

describe('§7 atomic counting', () => {
  it('25 concurrent requests on an API key bucket of 10 admit exactly 10', async () => {
    const u = await t.signUp();
    const auth = await u.bearer(['read']);
    const all = await Promise.all(
      Array.from({ length: 25 }, () => t.request('/api/v1/me', { headers: auth })),
    );
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const remaining = all.filter((r) => r.status === 200).map((r) => r.headers.get('x-ratelimit-remaining'));
    expect(new Set(remaining).size).toBe(10);
  });
});

describe('§7 unauthenticated requests count per client address', () => {
  it('X-Forwarded-For is ignored without TRUST_PROXY', async () => {
    const a = await t.request('/api/v1/me', { headers: { 'x-forwarded-for': '10.0.0.1' } });
    const b = await t.request('/api/v1/me', { headers: { 'x-forwarded-for': '10.0.0.2' } });
    expect(a.status).toBe(401);
    expect(Number(b.headers.get('x-ratelimit-remaining'))).toBe(
      Number(a.headers.get('x-ratelimit-remaining')) - 1,
    );
  });

  it('with TRUST_PROXY=true each forwarded address has its own bucket', async () => {
    const p = await createTestApp({ env: { TRUST_PROXY: 'true', RATE_LIMIT_ANONYMOUS: '2/1m' } });
    try {
      const h = (ip: string) => ({ 'x-forwarded-for': `${ip}, 10.9.9.9` });
      expect((await p.request('/api/v1/me', { headers: h('1.1.1.1') })).status).toBe(401);
      expect((await p.request('/api/v1/me', { headers: h('1.1.1.1') })).status).toBe(401);
      expect((await p.request('/api/v1/me', { headers: h('1.1.1.1') })).status).toBe(429);
      const other = await p.request('/api/v1/me', { headers: h('2.2.2.2') });
      expect(other.status).toBe(401);
      expect(other.headers.get('x-ratelimit-remaining')).toBe('1');
    } finally {
      await p.close();
    }
  });
});
