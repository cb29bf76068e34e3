import { fileURLToPath } from 'node:url';
import '../ledger/index.js';
import { definePlugin, serviceOf, z } from 'regis/plugin';
import { mountCreditRoutes } from './routes.js';
import { type CreditsApi, createCreditsApi } from './service.js';

export type { CreditsApi, MoveOptions, MoveResult } from './service.js';

declare module 'regis/plugin' {
  interface RegisServices {
    credits: CreditsApi;
  }
}

/**
 * A per-user balance in minor units (SPEC §9 credits): the user's wallet in CREDITS_CURRENCY on the
 * ledger, with the debit/credit API other plugins call. Its entries are the ledger's (GET
 * /api/v1/ledger); migration 0001 moved the balances and entries it used to keep into the ledger.
 */
export default definePlugin({
  id: 'credits',
  version: '2.0.0',
  dependsOn: ['ledger'],
  config: z.object({
    CREDITS_CURRENCY: z
      .string()
      .regex(/^[a-z]{3,4}$/)
      .default('usd'),
  }),
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  init(ctx) {
    const ledger = serviceOf(ctx, 'ledger');
    if (!ledger.isCurrency(ctx.config.CREDITS_CURRENCY))
      throw new Error(
        `Invalid configuration: CREDITS_CURRENCY "${ctx.config.CREDITS_CURRENCY}" is not a ledger currency`,
      );
    return { services: { credits: createCreditsApi(ledger, ctx.config.CREDITS_CURRENCY) } };
  },
  routes(app, ctx) {
    mountCreditRoutes(
      app,
      serviceOf(ctx, 'credits'),
      ctx.config.CREDITS_CURRENCY,
      serviceOf(ctx, 'ledger').toMajor,
    );
  },
});
