import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../src/errors/app-error.js';
import { ok } from '../../src/http/envelope.js';
import { COMMON_ERRORS, dataOf, NO_QUERY, SECURITY } from '../../src/http/openapi/common.js';
import type { AppEnv } from '../../src/http/types.js';
import { RawNumber } from '../../src/util/json.js';
import type { CreditsApi } from './service.js';

/** Minor units → major units with exactly two decimals in the JSON (15.00, not 15). */
export const money = (minor: number) => new RawNumber((minor / 100).toFixed(2));

const BalanceSchema = z
  .object({ balance: z.number().openapi({ example: 15 }), currency: z.string().openapi({ example: 'usd' }) })
  .openapi('Balance');

export function mountCreditRoutes(app: OpenAPIHono<AppEnv>, credits: CreditsApi, currency: string): void {
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
    if (!caller) throw AppError.of('UNAUTHORIZED');
    const minor = await credits.balance(caller.userId);
    return ok(c, { balance: money(minor), currency }) as never;
  });
}
