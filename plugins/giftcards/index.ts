import { fileURLToPath } from 'node:url';
import { z } from '@hono/zod-openapi';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { windowMs } from '../../src/ratelimit/index.js';
import { postgresStore } from '../../src/ratelimit/postgres-store.js';
import { giftcardsEntity } from './entity.js';
import { GIFTCARD_ERRORS } from './errors.js';
import { mountRedeem } from './routes.js';
import { giftcards } from './schema.js';

/** Admin-issued GIFT-XXXX-XXXX codes, redeemed once into the credits balance (SPEC §9 giftcards). */
export default definePlugin({
  id: 'giftcards',
  version: '1.0.0',
  dependsOn: ['credits'],
  config: z.object({
    GIFTCARD_REDEEM_LIMIT: z.coerce.number().int().positive().default(10),
    GIFTCARD_REDEEM_WINDOW: z
      .string()
      .regex(/^\d*[smhd]$/, 'must look like 15m')
      .default('15m'),
  }),
  entities: [giftcardsEntity],
  tables: { giftcards },
  errors: GIFTCARD_ERRORS,
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  routes(app, ctx) {
    mountRedeem(app, {
      ctx,
      // Counted in the database (the rate-limit module's PostgreSQL store): shared by every instance.
      limiter: postgresStore(ctx.db, 'giftcards:'),
      limit: ctx.config.GIFTCARD_REDEEM_LIMIT,
      windowMs: windowMs(ctx.config.GIFTCARD_REDEEM_WINDOW),
    });
  },
});
