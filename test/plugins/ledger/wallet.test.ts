import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../../plugins/ledger/index.js';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.js';

const DEPOSITS = '/api/v1/wallet/test-deposits';
let t: TestApp;
let u: TestUser;
let key: Record<string, string>;
const deposit = (json: unknown, headers = key) => t.request(DEPOSITS, { method: 'POST', headers, json });

beforeAll(async () => {
  t = await createTestApp({ plugins: ['ledger'] });
  u = await t.signUp();
  key = await u.bearer();
});
afterAll(async () => {
  expect((await t.services.ledger!.verify()).breaches).toEqual([]);
  await t.close();
});

describe('§12 POST /api/v1/wallet/test-deposits (development funding, any currency)', () => {
  it('201 with the transfer and the new balance, money in major units with the currency’s scale', async () => {
    const res = await deposit({ amount: 200, currency: 'eur' });
    expect(res.status, res.text).toBe(201);
    expect(res.text).toContain('"amount":200.00');
    expect(res.body.data).toEqual({
      transferId: expect.stringMatching(/^trf_/),
      amount: 200,
      currency: 'eur',
      balance: 200,
    });
    const yen = await deposit({ amount: 1500, currency: 'jpy' });
    expect(yen.text).toContain('"balance":1500}');
    const usdc = await deposit({ amount: 0.000001, currency: 'usdc' });
    expect(usdc.text).toContain('"balance":0.000001');
    const wallet = await t.request('/api/v1/wallet', { headers: u.session });
    expect(wallet.status).toBe(200);
    expect(wallet.text).toContain('{"currency":"eur","balance":200.00}');
    expect(wallet.body.data.balances).toEqual([
      { currency: 'eur', balance: 200 },
      { currency: 'jpy', balance: 1500 },
      { currency: 'usdc', balance: 0.000001 },
    ]);
  });

  it('refuses bad amounts and currencies with 400 naming the field, and moves nothing', async () => {
    const cases: [unknown, string][] = [
      [{ amount: 1.234, currency: 'usd' }, 'amount'],
      [{ amount: 10.5, currency: 'jpy' }, 'amount'],
      [{ amount: 0, currency: 'usd' }, 'amount'],
      [{ amount: -5, currency: 'usd' }, 'amount'],
      [{ amount: '5', currency: 'usd' }, 'amount'],
      [{ amount: 1_000_001, currency: 'usd' }, 'amount'],
      [{ amount: 5, currency: 'xyz' }, 'currency'],
      [{ amount: 5, currency: 'USD' }, 'currency'],
      [{ amount: 5 }, 'currency'],
    ];
    const before = (await t.request('/api/v1/wallet', { headers: key })).body.data;
    for (const [body, field] of cases) {
      const res = await deposit(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[field], JSON.stringify(body)).toBeTypeOf('string');
    }
    const extra = await deposit({ amount: 5, currency: 'usd', to: 'someone' });
    expect(extra.status).toBe(400);
    expect((await t.request('/api/v1/wallet', { headers: key })).body.data).toEqual(before);
  });

  it('needs a credential that may write', async () => {
    expect((await t.request(DEPOSITS, { method: 'POST', json: { amount: 1, currency: 'usd' } })).status).toBe(
      401,
    );
    const res = await deposit({ amount: 1, currency: 'usd' }, await u.bearer(['read']));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('INVALID_SCOPE');
    expect((await t.request('/api/v1/wallet')).status).toBe(401);
    expect((await t.request('/api/v1/wallet?currency=usd', { headers: key })).status).toBe(400);
  });

  it('honours Idempotency-Key: a retry replays the first deposit, another body is 409', async () => {
    const v = await t.signUp();
    const headers = { ...(await v.bearer()), 'idempotency-key': randomUUID() };
    const first = await deposit({ amount: 7.5, currency: 'usd' }, headers);
    const again = await deposit({ amount: 7.5, currency: 'usd' }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data.transferId).toBe(first.body.data.transferId);
    const other = await deposit({ amount: 8, currency: 'usd' }, headers);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await t.request('/api/v1/wallet', { headers })).body.data.balances).toEqual([
      { currency: 'usd', balance: 7.5 },
    ]);
  });

  it('20 concurrent deposits all land, exactly once each', async () => {
    const v = await t.signUp();
    const k = await v.bearer();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => deposit({ amount: i + 1, currency: 'gbp' }, k)),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect((await t.request('/api/v1/wallet', { headers: k })).text).toContain(
      '{"currency":"gbp","balance":210.00}',
    );
  });
});

describe('§12 test deposits are refused where they would create real-looking money', () => {
  for (const [what, env] of [
    ['NODE_ENV=production', { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }],
    ['a real payment provider', { STRIPE_SECRET_KEY: 'sk_test_123' }],
  ] as const) {
    it(`403 FORBIDDEN with ${what}`, async () => {
      const other = await createTestApp({ plugins: ['ledger'], env });
      try {
        const v = await other.signUp();
        const res = await other.request(DEPOSITS, {
          method: 'POST',
          headers: await v.bearer(),
          json: { amount: 5, currency: 'usd' },
        });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
        expect((await other.request('/api/v1/wallet', { headers: v.session })).body.data.balances).toEqual(
          [],
        );
      } finally {
        await other.close();
      }
    });
  }
});

describe('§12 GET /api/v1/wallet/transactions: the caller’s entries, newest first, by cursor', () => {
  it('pages by cursor with no repeats, filters by currency, and shows only the caller’s entries', async () => {
    const v = await t.signUp();
    const k = await v.bearer();
    for (const amount of [1, 2, 3, 4, 5]) await deposit({ amount, currency: 'chf' }, k);
    await deposit({ amount: 9, currency: 'usd' }, k);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/wallet/transactions?currency=chf&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.request(path, { headers: k });
      expect(res.status, res.text).toBe(200);
      expect(res.body.pagination).toMatchObject({
        limit: 2,
        hasNext: res.body.pagination.nextCursor !== null,
      });
      seen.push(...res.body.data.map((e: { amount: number }) => e.amount));
      cursor = res.body.pagination.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    const all = await t.request('/api/v1/wallet/transactions', { headers: v.session });
    expect(all.body.data).toHaveLength(6);
    expect(all.body.data[0]).toEqual({
      id: expect.stringMatching(/^led_/),
      transferId: expect.stringMatching(/^trf_/),
      reference: expect.stringMatching(/^test-deposit:/),
      reason: 'test-deposit',
      account: 'wallet',
      currency: 'usd',
      amount: 9,
      balanceAfter: 9,
      createdAt: expect.stringMatching(/Z$/),
    });
    expect(all.text).toContain('"amount":9.00');
    const stranger = await t.signUp();
    expect((await t.request('/api/v1/wallet/transactions', { headers: stranger.session })).body.data).toEqual(
      [],
    );
  });

  it('400 on a bad limit, currency or cursor', async () => {
    for (const [q, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['currency=zzz', 'currency'],
      ['cursor=junk', 'cursor'],
      ['purpose=Bad!', 'purpose'],
      ['page=2', 'page'],
    ]) {
      const res = await t.request(`/api/v1/wallet/transactions?${q}`, { headers: key });
      expect(res.status, q).toBe(400);
      expect(res.body.details[field!], q).toBeTypeOf('string');
    }
  });
});

describe('§9 GET /api/v1/ledger: the ledger entries as a read-only owned entity', () => {
  it('lists the caller’s entries (any currency), reads one with an ETag, hides others’ (404)', async () => {
    const v = await t.signUp();
    await deposit({ amount: 3, currency: 'eur' }, await v.bearer());
    const list = await t.request('/api/v1/ledger', { headers: v.session });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({
        amountMinor: 300,
        balanceAfter: 300,
        currency: 'eur',
        purpose: 'wallet',
        reason: 'test-deposit',
      }),
    ]);
    const id = list.body.data[0].id;
    const one = await t.request(`/api/v1/ledger/${id}`, { headers: v.session });
    expect(one.status).toBe(200);
    expect(one.headers.get('etag')).toBeTruthy();
    expect((await t.request(`/api/v1/ledger/${id}`, { headers: u.session })).status).toBe(404);
    expect((await t.request(`/api/v1/ledger/${id}`, { method: 'DELETE', headers: v.session })).status).toBe(
      405,
    );
  });

  it('the wallet routes are in the OpenAPI document with the plugin’s error codes', async () => {
    const doc = (await t.request('/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/wallet'].get).toBeTruthy();
    expect(doc.paths['/api/v1/wallet/transactions'].get).toBeTruthy();
    expect(doc.paths['/api/v1/wallet/test-deposits'].post).toBeTruthy();
    expect(doc.components.schemas.LedgerErrorCodes.enum).toEqual([
      'INSUFFICIENT_FUNDS',
      'REFERENCE_CONFLICT',
    ]);
  });
});
