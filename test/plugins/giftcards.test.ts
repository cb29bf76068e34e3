import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { ledgerAndBalance } from './ledger-check.js';

const ADMIN = 'giftadmin@example.com';
let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({
    plugins: ['ledger', 'credits', 'giftcards'],
    env: { ADMIN_EMAILS: ADMIN, GIFTCARD_REDEEM_LIMIT: '5' },
  });
  admin = await t.signUp(ADMIN);
});
afterAll(() => t.close());

async function issue(amount: number | string, code?: string): Promise<{ id: string; code: string }> {
  const res = await t.request('/api/v1/giftcards', {
    method: 'POST',
    headers: admin.session,
    json: code ? { amount, code } : { amount },
  });
  expect(res.status).toBe(201);
  return res.body.data;
}

const redeem = (u: TestUser, code: unknown, headers = u.session) =>
  t.request('/api/v1/giftcard/redeem', { method: 'POST', headers, json: { code } });

describe('§9 giftcards: the giftcards entity is admin-only', () => {
  it('an admin creates cards (code generated as GIFT-XXXX-XXXX, or given) and lists them', async () => {
    const made = await issue(25);
    expect(made.code).toMatch(/^GIFT-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const given = await issue('12.50', 'GIFT-ABCD-2345');
    expect(given).toMatchObject({ code: 'GIFT-ABCD-2345', redeemedBy: null, redeemedAt: null });
    const dup = await t.request('/api/v1/giftcards', {
      method: 'POST',
      headers: admin.session,
      json: { amount: 1, code: 'GIFT-ABCD-2345' },
    });
    expect(dup.status).toBe(409);
    const list = await t.request('/api/v1/giftcards', { headers: admin.session });
    expect(list.body.data.length).toBeGreaterThanOrEqual(2);
  });

  it('a non-admin cannot list, read or create cards; bad bodies are 400 with details', async () => {
    const u = await t.signUp();
    const card = await issue(5);
    const list = await t.request('/api/v1/giftcards', { headers: u.session });
    expect([list.status, list.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.request(`/api/v1/giftcards/${card.id}`, { headers: u.session })).status).toBe(403);
    const create = await t.request('/api/v1/giftcards', {
      method: 'POST',
      headers: u.session,
      json: { amount: 5 },
    });
    expect(create.status).toBe(403);
    const bad = await t.request('/api/v1/giftcards', {
      method: 'POST',
      headers: admin.session,
      json: { amount: 0, code: 'nope', redeemedAt: '2020-01-01T00:00:00Z' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details)).toEqual(expect.arrayContaining(['amount', 'code']));
  });
});

describe('§9 giftcards: POST /api/v1/giftcard/redeem', () => {
  it('redeems into the balance: {success, message, amountAdded, newBalance} with two decimals', async () => {
    const u = await t.signUp();
    const card = await issue('12.50');
    const res = await redeem(u, card.code.toLowerCase());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: { success: true, message: 'Gift card redeemed', amountAdded: 12.5, newBalance: 12.5 },
    });
    expect(res.text).toContain('"amountAdded":12.50');
    const row = await t.request(`/api/v1/giftcards/${card.id}`, { headers: admin.session });
    expect(row.body.data.redeemedBy).toBe(u.id);
    expect(row.body.data.redeemedAt).toBeTruthy();
    expect(await ledgerAndBalance(t, u.id)).toEqual({ sum: 1250, balance: 1250, entries: 1 });
  });

  it('with an Idempotency-Key a retry replays the first answer; another body with it is 409', async () => {
    const u = await t.signUp();
    const card = await issue(4);
    const keyed = (code: string, key: string) =>
      t.request('/api/v1/giftcard/redeem', {
        method: 'POST',
        headers: { ...u.session, 'idempotency-key': key },
        json: { code },
      });
    const first = await keyed(card.code, 'redeem-1');
    expect(first.status).toBe(200);
    const retry = await keyed(card.code, 'redeem-1');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await keyed('GIFT-ZZZZ-ZZZZ', 'redeem-1');
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
    // Without a key the code is simply used: the same 400 as any used code.
    expect((await redeem(u, card.code)).status).toBe(400);
    expect(await ledgerAndBalance(t, u.id)).toEqual({ sum: 400, balance: 400, entries: 1 });
  });

  it('used, unknown and malformed codes give the same 400 and change nothing', async () => {
    const a = await t.signUp();
    const b = await t.signUp();
    const card = await issue(3);
    expect((await redeem(a, card.code)).status).toBe(200);
    const used = await redeem(b, card.code);
    const usedAgain = await redeem(a, card.code);
    const unknown = await redeem(b, 'GIFT-ZZZZ-ZZZZ');
    for (const r of [used, usedAgain, unknown]) {
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        success: false,
        error: 'Invalid or already redeemed gift card code',
        code: 'INVALID_GIFT_CARD',
      });
    }
    const empty = await redeem(b, '');
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    expect(await ledgerAndBalance(t, b.id)).toEqual({ sum: 0, balance: 0, entries: 0 });
    expect(await ledgerAndBalance(t, a.id)).toEqual({ sum: 300, balance: 300, entries: 1 });
  });

  it('needs a signed-in caller with the write scope', async () => {
    const u = await t.signUp();
    const card = await issue(1);
    expect(
      (await t.request('/api/v1/giftcard/redeem', { method: 'POST', json: { code: card.code } })).status,
    ).toBe(401);
    const readOnly = await redeem(u, card.code, await u.bearer(['read']));
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.code).toBe('INVALID_SCOPE');
  });
});

describe('§9 giftcards: a code is redeemed at most once under concurrency', () => {
  it('two users redeem one code at the same time → exactly one success; books balance', async () => {
    const [a, b] = [await t.signUp(), await t.signUp()];
    const card = await issue(40);
    const [ra, rb] = await Promise.all([redeem(a, card.code), redeem(b, card.code)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 400]);
    const winner = ra.status === 200 ? a : b;
    const loser = ra.status === 200 ? b : a;
    expect(await ledgerAndBalance(t, winner.id)).toEqual({ sum: 4000, balance: 4000, entries: 1 });
    expect(await ledgerAndBalance(t, loser.id)).toEqual({ sum: 0, balance: 0, entries: 0 });
  });

  it('one user firing the same code five times at once is credited once', async () => {
    const u = await t.signUp();
    const card = await issue(7);
    const results = await Promise.all(Array.from({ length: 5 }, () => redeem(u, card.code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(4);
    expect(await ledgerAndBalance(t, u.id)).toEqual({ sum: 700, balance: 700, entries: 1 });
  });
});

describe('§9 giftcards: brute force is rate-limited per caller', () => {
  it('after GIFTCARD_REDEEM_LIMIT attempts (5 here) in the window, even a valid code is 429', async () => {
    const u = await t.signUp();
    const other = await t.signUp();
    for (let i = 0; i < 5; i++) expect((await redeem(u, `GIFT-AAAA-AA${i}A`)).status).toBe(400);
    const card = await issue(2);
    const limited = await redeem(u, card.code);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await ledgerAndBalance(t, u.id)).toEqual({ sum: 0, balance: 0, entries: 0 });
    // Another caller has their own bucket.
    expect((await redeem(other, card.code)).status).toBe(200);
  });
});
