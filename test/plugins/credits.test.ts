import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors/app-error.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { ledgerAndBalance } from './ledger-check.js';

let t: TestApp;
const credits = () => t.services.credits!;
beforeAll(async () => {
  t = await createTestApp({ plugins: ['ledger', 'credits'] });
});
afterAll(() => t.close());

describe('§9 credits: GET /api/v1/billing/balance in major units with two decimals', () => {
  it('a new user has 0.00; after credits it is the sum, as 15.00 not 15', async () => {
    const u = await t.signUp();
    const zero = await t.request('/api/v1/billing/balance', { headers: u.session });
    expect(zero.status).toBe(200);
    expect(zero.text).toContain('"balance":0.00');
    await credits().credit(u.id, 1000, { reason: 'test', reference: `a:${u.id}` });
    await credits().credit(u.id, 500, { reason: 'test' });
    const res = await t.request('/api/v1/billing/balance', { headers: await u.bearer(['read']) });
    expect(res.text).toContain('"balance":15.00');
    expect(res.body.data).toEqual({ balance: 15, currency: 'usd' });
  });

  it('needs a caller (401) and is in the OpenAPI document', async () => {
    const res = await t.request('/api/v1/billing/balance');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    const doc = (await t.request('/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/billing/balance'].get).toBeTruthy();
    expect(doc.paths['/api/v1/ledger']).toBeTruthy();
  });
});

describe('§9 credits: the ledger is a read-only owned entity', () => {
  it('a caller lists only their own entries; nobody can write them', async () => {
    const a = await t.signUp();
    const b = await t.signUp();
    await credits().credit(a.id, 250, { reason: 'gift', reference: `l:${a.id}` });
    const list = await t.request('/api/v1/ledger', { headers: a.session });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ amountMinor: 250, balanceAfter: 250, reason: 'gift' });
    const id = list.body.data[0].id;
    expect((await t.request(`/api/v1/ledger/${id}`, { headers: b.session })).status).toBe(404);
    expect((await t.request('/api/v1/ledger', { headers: b.session })).body.data).toEqual([]);
    const post = await t.request('/api/v1/ledger', {
      method: 'POST',
      headers: a.session,
      json: { reason: 'x' },
    });
    expect(post.status).toBe(405);
    const del = await t.request(`/api/v1/ledger/${id}`, { method: 'DELETE', headers: a.session });
    expect(del.status).toBe(405);
    expect(await ledgerAndBalance(t, a.id)).toEqual({ sum: 250, balance: 250, entries: 1 });
  });
});

describe('§9 credits: debit never goes below zero; references make moves idempotent', () => {
  it('a debit larger than the balance is 402 INSUFFICIENT_CREDITS and changes nothing', async () => {
    const u = await t.signUp();
    await credits().credit(u.id, 100, { reason: 'seed' });
    const err = await credits()
      .debit(u.id, 101, { reason: 'too much' })
      .catch((e: unknown) => e);
    expect(isAppError(err) && err.code === 'INSUFFICIENT_CREDITS' && err.status === 402).toBe(true);
    expect(await ledgerAndBalance(t, u.id)).toEqual({ sum: 100, balance: 100, entries: 1 });
    const none = await t.signUp();
    await expect(credits().debit(none.id, 1, { reason: 'x' })).rejects.toThrow('Insufficient credits');
  });

  it('the same reference credits once, even when ten arrive at once', async () => {
    const u = await t.signUp();
    const ref = `session:${u.id}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => credits().credit(u.id, 700, { reason: 'payment', reference: ref })),
    );
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await credits().balance(u.id)).toBe(700);
    expect(await ledgerAndBalance(t, u.id)).toEqual({ sum: 700, balance: 700, entries: 1 });
  });

  it('non-positive or fractional amounts are refused', async () => {
    const u = await t.signUp();
    await expect(credits().credit(u.id, 0, { reason: 'x' })).rejects.toThrow(RangeError);
    await expect(credits().debit(u.id, 1.5, { reason: 'x' })).rejects.toThrow(RangeError);
  });
});

describe('§9 credits: 50 concurrent debits never overdraw and lose nothing', () => {
  it('balance 10.00, 50 debits of 0.30 at once → exactly 33 succeed, 0.10 left, ledger sum == balance', async () => {
    const u = await t.signUp();
    await credits().credit(u.id, 1000, { reason: 'seed' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        credits().debit(u.id, 30, { reason: 'use', reference: `d:${u.id}:${i}` }),
      ),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(ok).toHaveLength(33);
    expect(refused).toHaveLength(17);
    for (const r of refused) expect((r as PromiseRejectedResult).reason.code).toBe('INSUFFICIENT_CREDITS');
    expect(await ledgerAndBalance(t, u.id)).toEqual({ sum: 10, balance: 10, entries: 34 });
    const res = await t.request('/api/v1/billing/balance', { headers: u.session });
    expect(res.text).toContain('"balance":0.10');
  });
});
