import { fileURLToPath } from 'node:url';
import { definePlugin, z } from 'regis/plugin';
import { ledgerEntity } from './entity.js';
import { mountCreditRoutes } from './routes.js';
import { creditBalances, ledgerEntries } from './schema.js';
import { type CreditsApi, createCreditsApi } from './service.js';

export type { CreditsApi, MoveOptions, MoveResult } from './service.js';

declare module 'regis/plugin' {
  interface RegisServices {
    credits: CreditsApi;
  }
}

/** Per-user balance kept as an append-only ledger in minor units (SPEC §9 credits). */
export default definePlugin({
  id: 'credits',
  version: '1.0.0',
  config: z.object({
    CREDITS_CURRENCY: z
      .string()
      .regex(/^[a-z]{3}$/)
      .default('usd'),
  }),
  entities: [ledgerEntity],
  tables: { creditBalances, ledgerEntries },
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  init: (ctx) => ({ services: { credits: createCreditsApi(ctx.db) } }),
  routes(app, ctx) {
    mountCreditRoutes(app, ctx.services.credits!, ctx.config.CREDITS_CURRENCY);
  },
});
