import { fileURLToPath } from 'node:url';
import { serviceOf } from '../../src/plugins/context.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import '../credits/index.js';
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
