import {
  COMMON_ERRORS,
  coreErrors,
  createRoute,
  dataOf,
  NO_QUERY,
  ok,
  type PluginApp,
  SECURITY,
  z,
} from 'regis/plugin';
import type { LedgerApi } from '../ledger/index.js';
import type { CreditsApi } from './service.js';

const BalanceSchema = z
  .object({ balance: z.number().openapi({ example: 15 }), currency: z.string().openapi({ example: 'usd' }) })
  .openapi('Balance');

export function mountCreditRoutes(
  app: PluginApp,
  credits: CreditsApi,
  currency: string,
  toMajor: LedgerApi['toMajor'],
): void {
  const route = createRoute({
    method: 'get',
    path: '/api/v1/billing/balance',
    tags: ['Billing'],
    security: SECURITY,
    operationId: 'getBalance',
    summary: "The caller's credit balance",
    request: { query: NO_QUERY },
    responses: {
      200: {
        description: 'Balance in major units',
        content: { 'application/json': { schema: dataOf(BalanceSchema) } },
      },
      ...COMMON_ERRORS,
    },
  });
  app.openapi(route, async (c) => {
    const caller = c.get('caller');
    if (!caller) throw coreErrors.UNAUTHORIZED();
    const minor = await credits.balance(caller.userId);
    return ok(c, { balance: toMajor(minor, currency), currency });
  });
}
