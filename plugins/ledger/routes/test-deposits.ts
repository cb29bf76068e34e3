import {
  COMMON_ERRORS,
  callerWith,
  coreErrors,
  created,
  createRoute,
  type Db,
  dataOf,
  dbOf,
  errorResponse,
  IDEMPOTENCY_CONFLICT,
  idempotency,
  idempotencyHeader,
  newId,
  type PluginApp,
  SECURITY,
} from 'regis/plugin';
import type { LedgerConfig } from '../config.js';
import type { LedgerApi } from '../service.js';
import { DepositBodySchema, DepositSchema } from './schemas.js';
import { WALLET } from './wallet.js';

/** Why test deposits are refused here, or null when this is a development set-up. */
export function depositsRefusal(config: LedgerConfig): string | null {
  if (config.NODE_ENV === 'production') return 'Test deposits are disabled in production';
  if (config.STRIPE_SECRET_KEY || config.ISSUING === 'stripe')
    return 'Test deposits are disabled while a real payment provider is configured';
  return null;
}

const routeOf = (db: Db) =>
  createRoute({
    middleware: [idempotency({ db })],
    method: 'post',
    path: '/api/v1/wallet/test-deposits',
    tags: ['Wallet'],
    security: SECURITY,
    operationId: 'createTestDeposit',
    summary: 'Development only: add money of any currency to the wallet',
    description:
      'Credits the caller’s wallet from the outside world, so money flows can be tried without a ' +
      'payment provider. Refused (403) when NODE_ENV=production or a real provider is configured.',
    request: {
      headers: idempotencyHeader(false),
      body: { required: true, content: { 'application/json': { schema: DepositBodySchema } } },
    },
    responses: {
      201: { description: 'Deposited', content: { 'application/json': { schema: dataOf(DepositSchema) } } },
      400: errorResponse('Invalid amount or currency (VALIDATION_FAILED)'),
      409: IDEMPOTENCY_CONFLICT,
      ...COMMON_ERRORS,
    },
  });

export function mountTestDeposits(app: PluginApp, deps: { db: Db; ledger: LedgerApi; config: LedgerConfig }) {
  const { ledger, config } = deps;
  app.openapi(routeOf(deps.db), async (c) => {
    const caller = callerWith(c, 'write');
    const refusal = depositsRefusal(config);
    if (refusal) throw coreErrors.FORBIDDEN({ message: refusal });
    const body = c.req.valid('json');
    const amountMinor = ledger.toMinor(body.amount, body.currency);
    const max = ledger.toMinor(config.LEDGER_TEST_DEPOSIT_MAX, body.currency);
    if (amountMinor > max)
      throw coreErrors.VALIDATION_FAILED({
        details: { amount: `At most ${config.LEDGER_TEST_DEPOSIT_MAX}` },
      });
    if (amountMinor === 0)
      throw coreErrors.VALIDATION_FAILED({ details: { amount: 'Too small for this currency' } });
    const wallet = { owner: ledger.ownerOf(caller), purpose: WALLET, currency: body.currency };
    const done = await ledger.transfer({
      reference: `test-deposit:${newId('dep')}`,
      reason: 'test-deposit',
      from: ledger.systemAccount('external', body.currency, 'test-deposits'),
      to: wallet,
      amountMinor,
      metadata: { requestId: c.get('requestId') },
      tx: dbOf(c, deps.db),
    });
    const mine = done.entries.find((e) => e.owner.type !== 'system')!;
    return created(c, {
      transferId: done.id,
      amount: ledger.toMajor(amountMinor, body.currency),
      currency: body.currency,
      balance: ledger.toMajor(mine.balanceAfterMinor, body.currency),
    });
  });
}
