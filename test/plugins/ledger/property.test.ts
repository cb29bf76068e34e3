import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../../plugins/ledger/index.js';
import type { AccountRef } from '../../../plugins/ledger/index.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
const ledger = () => t.services.ledger!;
beforeAll(async () => {
  t = await createTestApp({ plugins: ['ledger'] });
});
afterAll(() => t.close());

/** Four accounts per run: two plain wallets, one with a credit limit of 300, in one currency. */
const LIMITS = [0, 0, 300, 0];
let run = 0;
const accountsOfRun = (currency: string): AccountRef[] =>
  LIMITS.map((_, i) => ({ owner: { type: 'user', id: `prop_${run}_${i}` }, purpose: 'wallet', currency }));

const opArb = fc.record({
  from: fc.integer({ min: 0, max: 3 }),
  to: fc.integer({ min: 0, max: 3 }),
  amount: fc.integer({ min: 1, max: 400 }),
  retry: fc.boolean(),
});

async function openRun(currency: string) {
  run++;
  const accounts = accountsOfRun(currency);
  const ids: string[] = [];
  for (const [i, a] of accounts.entries()) {
    ids.push((await ledger().account(a.owner, a.purpose, a.currency, { creditLimitMinor: LIMITS[i]! }))!.id);
  }
  // Each starts with 500 from the outside world.
  for (const id of ids)
    await ledger().transfer({
      reference: `prop:${run}:seed:${id}`,
      reason: 'seed',
      from: ledger().systemAccount('external', currency),
      to: id,
      amountMinor: 500,
    });
  return ids;
}

describe('§12 property: random transfers keep the books exact', () => {
  it('one after another: every outcome and balance equals a model in JavaScript', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const ids = await openRun('usd');
        const model = ids.map(() => 500);
        for (const [i, op] of ops.entries()) {
          if (op.from === op.to) continue;
          const body = {
            reference: `prop:${run}:${i}`,
            reason: 'prop',
            from: ids[op.from]!,
            to: ids[op.to]!,
            amountMinor: op.amount,
          };
          const allowed = model[op.from]! - op.amount >= -LIMITS[op.from]!;
          const got = await ledger()
            .transfer(body)
            .then(
              () => 'ok',
              (e: { code: string }) => e.code,
            );
          expect(got).toBe(allowed ? 'ok' : 'INSUFFICIENT_FUNDS');
          if (allowed) {
            model[op.from]! -= op.amount;
            model[op.to]! += op.amount;
          }
          // A retry of a posted transfer changes nothing; of a refused one, it is refused again.
          if (op.retry)
            expect(
              await ledger()
                .transfer(body)
                .then(
                  () => 'ok',
                  (e: { code: string }) => e.code,
                ),
            ).toBe(got);
        }
        for (const [i, id] of ids.entries()) expect(await ledger().balance(id)).toBe(model[i]);
      }),
      { numRuns: 12, seed: 16 },
    );
    expect((await ledger().verify()).breaches).toEqual([]);
  });

  it('all at once: no balance passes its limit, money is conserved, and balances are the posted transfers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40 }), async (ops) => {
        const ids = await openRun('eur');
        const moves = ops.filter((op) => op.from !== op.to);
        const results = await Promise.allSettled(
          moves.map((op, i) =>
            ledger().transfer({
              reference: `prop:${run}:${i}`,
              reason: 'prop',
              from: ids[op.from]!,
              to: ids[op.to]!,
              amountMinor: op.amount,
            }),
          ),
        );
        const expected = ids.map(() => 500);
        for (const [i, r] of results.entries()) {
          if (r.status === 'rejected') {
            expect(r.reason.code).toBe('INSUFFICIENT_FUNDS');
            continue;
          }
          expected[moves[i]!.from]! -= moves[i]!.amount;
          expected[moves[i]!.to]! += moves[i]!.amount;
        }
        const balances = await Promise.all(ids.map((id) => ledger().balance(id)));
        expect(balances).toEqual(expected);
        expect(balances.reduce((a, b) => a + b, 0)).toBe(2000);
        for (const [i, b] of balances.entries()) expect(b).toBeGreaterThanOrEqual(-LIMITS[i]!);
      }),
      { numRuns: 12, seed: 61 },
    );
    expect((await ledger().verify()).breaches).toEqual([]);
  });
});
