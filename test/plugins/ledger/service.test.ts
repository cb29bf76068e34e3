import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../../plugins/ledger/index.js';
import { LedgerError, type LedgerOwner } from '../../../plugins/ledger/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
const ledger = () => t.services.ledger!;
let n = 0;
const owner = (): LedgerOwner => ({ type: 'user', id: `usr_test_${++n}_${Date.now()}` });
const wallet = (o: LedgerOwner, currency = 'usd') => ({ owner: o, purpose: 'wallet', currency });
const ref = (what: string) => `test:${what}:${++n}:${Date.now()}`;
/** Funds a wallet from the outside world. */
const fund = (o: LedgerOwner, amountMinor: number, currency = 'usd') =>
  ledger().transfer({
    reference: ref('fund'),
    reason: 'test.fund',
    from: ledger().systemAccount('external', currency, 'tests'),
    to: wallet(o, currency),
    amountMinor,
  });
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string; status?: number; name?: string }) => e.code ?? e.name,
  );

beforeAll(async () => {
  t = await createTestApp({ plugins: ['ledger'] });
});
afterAll(async () => {
  // Every test here leaves the books consistent.
  const report = await ledger().verify();
  expect(report.breaches).toEqual([]);
  await t.close();
});

describe('§12 accounts per owner, purpose and currency', () => {
  it('is made once on first use; key tells accounts of one kind apart; create:false only looks', async () => {
    const o = owner();
    expect(await ledger().account(o, 'wallet', 'usd', { create: false })).toBeNull();
    const made = await Promise.all(Array.from({ length: 5 }, () => ledger().account(o, 'wallet', 'usd')));
    expect(new Set(made.map((a) => a!.id)).size).toBe(1);
    expect(made[0]).toMatchObject({
      owner: o,
      purpose: 'wallet',
      currency: 'usd',
      key: '',
      balanceMinor: 0,
      creditLimitMinor: 0,
    });
    expect(made[0]!.id).toMatch(/^acc_[A-Za-z0-9]{16,}$/);
    const cardA = await ledger().account(o, 'card', 'eur', { key: 'card_a' });
    const cardB = await ledger().account(o, 'card', 'eur', { key: 'card_b' });
    expect(cardA!.id).not.toBe(cardB!.id);
    expect((await ledger().accounts(o)).map((a) => `${a.purpose}:${a.currency}:${a.key}`)).toEqual([
      'card:eur:card_a',
      'card:eur:card_b',
      'wallet:usd:',
    ]);
    const project = await ledger().account({ type: 'project', id: o.id }, 'wallet', 'usd');
    expect(project!.id).not.toBe(made[0]!.id);
    expect(ledger().systemAccount('external', 'usd', 'x')).toMatchObject({ owner: { type: 'system' } });
    expect(
      (await ledger().account(ledger().systemOwner, 'external', 'usd', { key: 'x' }))!.creditLimitMinor,
    ).toBeNull();
  });

  it('refuses unknown currencies, owner types and purposes as programming errors', async () => {
    const o = owner();
    await expect(ledger().account(o, 'wallet', 'xyz')).rejects.toThrow(LedgerError);
    await expect(ledger().account(o, 'Wallet!', 'usd')).rejects.toThrow(/purpose/);
    await expect(ledger().account({ type: 'team' as 'user', id: 'x' }, 'wallet', 'usd')).rejects.toThrow(
      /owner/,
    );
  });
});

describe('§12 transfers: ≥ 2 entries summing to zero per currency, balances updated with them', () => {
  it('moves money and reports each entry with the balance after it', async () => {
    const a = owner();
    const b = owner();
    await fund(a, 1000);
    const done = await ledger().transfer({
      reference: ref('pay'),
      reason: 'test.pay',
      from: wallet(a),
      to: wallet(b),
      amountMinor: 250,
      metadata: { note: 'lunch' },
    });
    expect(done.replayed).toBe(false);
    expect(done.id).toMatch(/^trf_/);
    expect(done.metadata).toEqual({ note: 'lunch' });
    expect(done.entries.map((e) => [e.owner.id, e.amountMinor, e.balanceAfterMinor])).toEqual([
      [a.id, -250, 750],
      [b.id, 250, 250],
    ]);
    expect(await ledger().balance(wallet(a))).toBe(750);
    expect(await ledger().balance(wallet(b))).toBe(250);
    expect(await ledger().balance(wallet(owner()))).toBe(0);
    const again = await ledger().transferByReference(done.reference);
    expect(again?.entries.map((e) => e.amountMinor).sort()).toEqual([-250, 250]);
  });

  it('takes several currencies in one transfer when each sums to zero (an exchange)', async () => {
    const a = owner();
    await fund(a, 10_000);
    const fx = ledger().systemAccount('fx', 'usd');
    const fxEur = ledger().systemAccount('fx', 'eur');
    const done = await ledger().transfer({
      reference: ref('fx'),
      reason: 'test.exchange',
      entries: [
        { account: wallet(a), amountMinor: -1000 },
        { account: fx, amountMinor: 1000 },
        { account: fxEur, amountMinor: -920 },
        { account: wallet(a, 'eur'), amountMinor: 920 },
      ],
    });
    expect(done.entries).toHaveLength(4);
    expect(await ledger().balance(wallet(a, 'eur'))).toBe(920);
  });

  it('refuses a bad shape and writes nothing', async () => {
    const a = owner();
    await fund(a, 500);
    const before = await counts();
    const bad = [
      { entries: [{ account: wallet(a), amountMinor: -1 }] },
      {
        entries: [
          { account: wallet(a), amountMinor: -1 },
          { account: wallet(owner()), amountMinor: 2 },
        ],
      },
      {
        entries: [
          { account: wallet(a), amountMinor: -1 },
          { account: wallet(a), amountMinor: 1 },
        ],
      },
      {
        entries: [
          { account: wallet(a), amountMinor: -100 },
          { account: wallet(owner(), 'eur'), amountMinor: 100 },
        ],
      },
      { from: wallet(a), to: wallet(owner()), amountMinor: 0 },
      { from: wallet(a), to: wallet(owner()), amountMinor: 1.5 },
      { from: wallet(a), to: 'acc_doesnotexist00000', amountMinor: 1 },
    ];
    for (const body of bad) {
      expect(
        await codeOf(ledger().transfer({ reference: ref('bad'), reason: 'test.bad', ...body } as never)),
      ).toBe('LedgerError');
    }
    await expect(
      ledger().transfer({ reference: '', reason: 'x', from: wallet(a), to: wallet(owner()), amountMinor: 1 }),
    ).rejects.toThrow(/reference/);
    const after = await counts();
    expect(after.transfers).toBe(before.transfers);
    expect(after.entries).toBe(before.entries);
    expect(await ledger().balance(wallet(a))).toBe(500);
  });
});

async function counts() {
  const res = await t.database.db.execute(
    sql`select (select count(*)::int from ledger_transfers) as transfers, (select count(*)::int from ledger_postings) as entries`,
  );
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as {
    transfers: number;
    entries: number;
  }[];
  return rows[0]!;
}

describe('§12 a unique reference: a retry never posts twice', () => {
  it('the same reference and body returns the first transfer; another body is 409 REFERENCE_CONFLICT', async () => {
    const a = owner();
    const b = owner();
    await fund(a, 1000);
    const body = {
      reference: ref('retry'),
      reason: 'test.pay',
      from: wallet(a),
      to: wallet(b),
      amountMinor: 100,
    };
    const first = await ledger().transfer(body);
    const again = await ledger().transfer({ ...body, metadata: { attempt: 2 } });
    expect(again.replayed).toBe(true);
    expect(again.id).toBe(first.id);
    expect(again.entries.map((e) => e.id).sort()).toEqual(first.entries.map((e) => e.id).sort());
    const err = await ledger()
      .transfer({ ...body, amountMinor: 101 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'REFERENCE_CONFLICT',
      status: 409,
      details: { reference: expect.any(String) },
    });
    expect(await codeOf(ledger().transfer({ ...body, reason: 'test.other' }))).toBe('REFERENCE_CONFLICT');
    expect(await codeOf(ledger().transfer({ ...body, to: wallet(owner()) }))).toBe('REFERENCE_CONFLICT');
    expect(await ledger().balance(wallet(a))).toBe(900);
  });

  it('twenty concurrent posts of one reference post once', async () => {
    const a = owner();
    const b = owner();
    await fund(a, 1000);
    const body = {
      reference: ref('burst'),
      reason: 'test.pay',
      from: wallet(a),
      to: wallet(b),
      amountMinor: 70,
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => ledger().transfer(body)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await ledger().balance(wallet(a))).toBe(930);
    expect(await ledger().balance(wallet(b))).toBe(70);
  });
});

describe('§12 no balance below zero unless the account has a credit limit', () => {
  it('an overdraft is 402 INSUFFICIENT_FUNDS, writes nothing and frees its reference', async () => {
    const a = owner();
    await fund(a, 100);
    const body = {
      reference: ref('short'),
      reason: 'test.pay',
      from: wallet(a),
      to: wallet(owner()),
      amountMinor: 101,
    };
    const err = await ledger()
      .transfer(body)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INSUFFICIENT_FUNDS', status: 402, details: { available: '1.00' } });
    expect(await ledger().transferByReference(body.reference)).toBeNull();
    await fund(a, 1);
    expect((await ledger().transfer(body)).replayed).toBe(false);
    expect(await ledger().balance(wallet(a))).toBe(0);
  });

  it('a credit limit lets the balance reach −limit and no further; it can be raised, not cut below what is drawn', async () => {
    const a = owner();
    const line = await ledger().account(a, 'credit', 'eur', { creditLimitMinor: 500 });
    const to = wallet(owner(), 'eur');
    await ledger().transfer({
      reference: ref('draw'),
      reason: 'test.draw',
      from: line!.id,
      to,
      amountMinor: 300,
    });
    expect(
      await codeOf(
        ledger().transfer({
          reference: ref('draw'),
          reason: 'test.draw',
          from: line!.id,
          to,
          amountMinor: 201,
        }),
      ),
    ).toBe('INSUFFICIENT_FUNDS');
    await ledger().transfer({
      reference: ref('draw'),
      reason: 'test.draw',
      from: line!.id,
      to,
      amountMinor: 200,
    });
    expect(await ledger().balance(line!.id)).toBe(-500);
    expect(await codeOf(ledger().setCreditLimit(line!.id, 499))).toBe('CONFLICT');
    expect((await ledger().setCreditLimit(line!.id, 800)).creditLimitMinor).toBe(800);
    await ledger().transfer({
      reference: ref('draw'),
      reason: 'test.draw',
      from: line!.id,
      to,
      amountMinor: 300,
    });
    expect(await ledger().balance(line!.id)).toBe(-800);
    const rows = await t.database.db
      .execute(sql`update ledger_accounts set balance_minor = -801 where id = ${line!.id}`)
      .catch((e: unknown) => e);
    expect(String((rows as Error).cause ?? rows)).toMatch(/ledger_accounts_within_limit/);
  });

  it('50 concurrent debits of 30 from 1000 → exactly 33 succeed and 10 is left', async () => {
    const a = owner();
    const b = owner();
    await fund(a, 1000);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        ledger().transfer({
          reference: ref(`c${i}`),
          reason: 'test.pay',
          from: wallet(a),
          to: wallet(b),
          amountMinor: 30,
        }),
      ),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(outcomes.length - refused.length).toBe(33);
    expect(refused.every((r) => r.reason.code === 'INSUFFICIENT_FUNDS')).toBe(true);
    expect(await ledger().balance(wallet(a))).toBe(10);
    expect(await ledger().balance(wallet(b))).toBe(990);
  });

  it('handed the database itself as tx (no transaction), a transfer still opens one: exact under concurrency', async () => {
    const a = owner();
    const b = owner();
    await fund(a, 1000);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        ledger().transfer({
          reference: ref(`root${i}`),
          reason: 'test.pay',
          from: wallet(a),
          to: wallet(b),
          amountMinor: 30,
          tx: t.database.db,
        }),
      ),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.map((r) => r.reason.code)).toEqual(Array(17).fill('INSUFFICIENT_FUNDS'));
    expect(await ledger().balance(wallet(a))).toBe(10);
  });

  it('transfers in both directions at once never deadlock and lose nothing', async () => {
    const a = owner();
    const b = owner();
    await fund(a, 500);
    await fund(b, 500);
    const moves = Array.from({ length: 40 }, (_, i) =>
      ledger().transfer({
        reference: ref(`x${i}`),
        reason: 'test.swap',
        from: i % 2 ? wallet(a) : wallet(b),
        to: i % 2 ? wallet(b) : wallet(a),
        amountMinor: 10 + (i % 2),
      }),
    );
    await Promise.all(moves);
    expect(await ledger().balance(wallet(a))).toBe(500 - 20 * 11 + 20 * 10);
    expect(await ledger().balance(wallet(b))).toBe(500 + 20 * 11 - 20 * 10);
  });
});

describe('§12 posting inside the caller’s transaction', () => {
  it('rolls back with it; a remembered account from a rolled-back transaction is made again', async () => {
    const a = owner();
    await fund(a, 100);
    const fresh = owner();
    await t.database.db
      .transaction(async (tx) => {
        await ledger().transfer({
          reference: ref('rb'),
          reason: 'test.pay',
          from: wallet(a),
          to: wallet(fresh),
          amountMinor: 40,
          tx,
        });
        throw new Error('caller gives up');
      })
      .catch(() => {});
    expect(await ledger().balance(wallet(a))).toBe(100);
    expect(await ledger().account(fresh, 'wallet', 'usd', { create: false })).toBeNull();
    await ledger().transfer({
      reference: ref('rb'),
      reason: 'test.pay',
      from: wallet(a),
      to: wallet(fresh),
      amountMinor: 40,
    });
    expect(await ledger().balance(wallet(fresh))).toBe(40);
  });

  it('a refusal inside it leaves the caller’s transaction usable and nothing of the transfer behind', async () => {
    const a = owner();
    await fund(a, 10);
    const reference = ref('declined');
    const outcome = await t.database.db.transaction(async (tx) => {
      const code = await codeOf(
        ledger().transfer({
          reference,
          reason: 'test.pay',
          from: wallet(a),
          to: wallet(owner()),
          amountMinor: 11,
          tx,
        }),
      );
      await ledger().transfer({
        reference: ref('after'),
        reason: 'test.pay',
        from: wallet(a),
        to: wallet(owner()),
        amountMinor: 4,
        tx,
      });
      return code;
    });
    expect(outcome).toBe('INSUFFICIENT_FUNDS');
    expect(await ledger().transferByReference(reference)).toBeNull();
    expect(await ledger().balance(wallet(a))).toBe(6);
  });
});

describe('§12 history: an owner’s entries, newest first, by cursor', () => {
  it('pages without repeats or gaps, filters by currency and purpose, refuses a junk cursor', async () => {
    const a = owner();
    for (let i = 1; i <= 7; i++) await fund(a, i);
    await fund(a, 5, 'eur');
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await ledger().history({ owner: a, currency: 'usd', limit: 3, cursor });
      seen.push(...page.entries.map((e) => e.amountMinor));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const all = await ledger().history({ owner: a });
    expect(all.entries).toHaveLength(8);
    expect(all.nextCursor).toBeNull();
    expect(all.entries[0]).toMatchObject({
      currency: 'eur',
      amountMinor: 5,
      balanceAfterMinor: 5,
      reason: 'test.fund',
      purpose: 'wallet',
    });
    for (let i = 1; i < all.entries.length; i++)
      expect(all.entries[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(
        all.entries[i]!.createdAt.getTime(),
      );
    expect((await ledger().history({ owner: a, purpose: 'card' })).entries).toEqual([]);
    expect(await codeOf(ledger().history({ owner: a, cursor: 'junk' }))).toBe('VALIDATION_FAILED');
  });
});
