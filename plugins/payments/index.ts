import { fileURLToPath } from 'node:url';
import '../credits/index.js';
import { definePlugin, serviceOf } from 'regis/plugin';
import { paymentsConfigSchema } from './config.js';
import { PAYMENT_ERRORS } from './errors.js';
import { paymentsSchema } from './schema.js';
import { mountPayments } from './setup.js';

/**
 * Top-ups through Stripe Checkout (STRIPE_SECRET_KEY) or the local test provider, credited to the
 * credits ledger exactly once per paid session (SPEC §9 payments).
 */
export default definePlugin({
  id: 'payments',
  version: '1.0.0',
  dependsOn: ['credits'],
  config: paymentsConfigSchema,
  tables: paymentsSchema,
  errors: PAYMENT_ERRORS,
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  routes(app, ctx) {
    mountPayments(app, {
      db: ctx.db,
      ledger: serviceOf(ctx, 'credits'),
      config: ctx.config,
      env: ctx.config,
      logger: ctx.logger,
    });
  },
});
