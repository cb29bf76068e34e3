import {
  COMMON_ERRORS,
  callerWith,
  createRoute,
  dataOf,
  errorResponse,
  NO_QUERY,
  ok,
  type PluginApp,
  SECURITY,
  z,
} from 'regis/plugin';
import type { LedgerApi } from '../service.js';
import { CursorPaginationSchema, HistoryQuerySchema, WalletEntrySchema, WalletSchema } from './schemas.js';

/** The account purpose that holds an owner's spendable money, one per currency. */
export const WALLET = 'wallet';

const walletRoute = createRoute({
  method: 'get',
  path: '/api/v1/wallet',
  tags: ['Wallet'],
  security: SECURITY,
  operationId: 'getWallet',
  summary: "The caller's wallet balances, one per currency",
  request: { query: NO_QUERY },
  responses: {
    200: {
      description: 'Balances in major units',
      content: { 'application/json': { schema: dataOf(WalletSchema) } },
    },
    ...COMMON_ERRORS,
  },
});

const historyRoute = createRoute({
  method: 'get',
  path: '/api/v1/wallet/transactions',
  tags: ['Wallet'],
  security: SECURITY,
  operationId: 'listWalletTransactions',
  summary: "The caller's ledger entries, newest first (cursor-paginated)",
  request: { query: HistoryQuerySchema },
  responses: {
    200: {
      description: 'One page of entries; pass pagination.nextCursor as cursor for the next',
      content: {
        'application/json': {
          schema: z.object({
            success: z.literal(true),
            data: z.array(WalletEntrySchema),
            pagination: CursorPaginationSchema,
          }),
        },
      },
    },
    400: errorResponse('Invalid currency, purpose, limit or cursor (VALIDATION_FAILED)'),
    ...COMMON_ERRORS,
  },
});

export function mountWalletRoutes(app: PluginApp, ledger: LedgerApi): void {
  app.openapi(walletRoute, async (c) => {
    const owner = ledger.ownerOf(callerWith(c, 'read'));
    const accounts = await ledger.accounts(owner, { purpose: WALLET });
    const balances = accounts
      .filter((a) => a.key === '')
      .map((a) => ({ currency: a.currency, balance: ledger.toMajor(a.balanceMinor, a.currency) }));
    return ok(c, { balances });
  });

  app.openapi(historyRoute, async (c) => {
    const owner = ledger.ownerOf(callerWith(c, 'read'));
    const q = c.req.valid('query');
    const page = await ledger.history({ owner, ...q });
    const data = page.entries.map((e) => ({
      id: e.id,
      transferId: e.transferId,
      reference: e.reference,
      reason: e.reason,
      account: e.purpose,
      currency: e.currency,
      amount: ledger.toMajor(e.amountMinor, e.currency),
      balanceAfter: ledger.toMajor(e.balanceAfterMinor, e.currency),
      createdAt: e.createdAt.toISOString(),
    }));
    return ok(c, data, {
      pagination: { limit: q.limit, hasNext: page.nextCursor !== null, nextCursor: page.nextCursor },
    });
  });
}
