import type { Logger } from 'pino';
import type { Db, Queryable } from 'regis/plugin';
import type { LedgerCredit } from './capture.js';
import type { PaymentsConfig } from './config.js';
import type { PaymentProvider } from './provider.js';

export interface PaymentsLedger extends LedgerCredit {
  balance(userId: string, options?: { tx?: Queryable }): Promise<number>;
}

/** Everything the payment routes use, handed in once when the plugin starts. */
export interface PaymentsDeps {
  db: Db;
  ledger: PaymentsLedger;
  provider: PaymentProvider;
  config: PaymentsConfig;
  urls: { successUrl: string; cancelUrl: string };
  logger: Logger;
}
