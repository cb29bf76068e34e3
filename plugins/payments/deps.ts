import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Caller } from '../../src/access/caller.js';
import type { Db, Queryable } from '../../src/db/client.js';
import { AppError } from '../../src/errors/app-error.js';
import type { AppEnv } from '../../src/http/types.js';
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

/** Money moves only for a signed-in caller whose credential may write. */
export function requireWriter(c: Context<AppEnv>): Caller {
  const caller = c.get('caller');
  if (!caller) throw AppError.of('UNAUTHORIZED');
  if (!caller.scopes.includes('write')) {
    throw AppError.of('INVALID_SCOPE', {
      message: 'This API key lacks the "write" scope',
      details: { scope: 'Requires write' },
    });
  }
  return caller;
}
