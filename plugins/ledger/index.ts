import { fileURLToPath } from 'node:url';
import { definePlugin, serviceOf } from 'regis/plugin';
import { ledgerCommand } from './commands.js';
import { ledgerConfigSchema } from './config.js';
import { ledgerEntity } from './entity.js';
import { LEDGER_ERRORS } from './errors.js';
import { mountTestDeposits } from './routes/test-deposits.js';
import { mountWalletRoutes } from './routes/wallet.js';
import { ledgerSchema } from './schema.js';
import { createLedgerApi, type LedgerApi } from './service.js';

export type { Currency } from './currencies.js';
export { LedgerError } from './errors.js';
export type { LedgerApi } from './service.js';
export type * from './types.js';

declare module 'regis/plugin' {
  interface RegisServices {
    ledger: LedgerApi;
  }
}

/**
 * The one double-entry ledger every money plugin posts to (SPEC §12): accounts per owner, purpose
 * and currency, balanced transfers with unique references, balances that never pass their credit
 * limit, `regis ledger verify`, and the caller's wallet over HTTP.
 */
export default definePlugin({
  id: 'ledger',
  version: '1.0.0',
  config: ledgerConfigSchema,
  entities: [ledgerEntity],
  tables: ledgerSchema,
  errors: LEDGER_ERRORS,
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  init: (ctx) => ({ services: { ledger: createLedgerApi(ctx.db) } }),
  routes(app, ctx) {
    const ledger = serviceOf(ctx, 'ledger');
    mountWalletRoutes(app, ledger);
    mountTestDeposits(app, { db: ctx.db, ledger, config: ctx.config });
  },
  commands: { ledger: ledgerCommand },
});
