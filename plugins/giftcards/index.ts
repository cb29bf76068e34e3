import { fileURLToPath } from 'node:url';
import { attemptLimiter, definePlugin, z } from 'regis/plugin';
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
      // Every attempt counts, right or wrong, so codes cannot be guessed at speed; counted in the
      // database, so every instance shares the bound.
      checkAttempt: attemptLimiter({
        db: ctx.db,
        name: 'giftcard-redeem',
        limit: ctx.config.GIFTCARD_REDEEM_LIMIT,
        window: ctx.config.GIFTCARD_REDEEM_WINDOW,
        message: 'Too many gift card attempts; try again later',
      }),
    });
  },
});
