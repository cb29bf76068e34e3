import { z } from 'regis/plugin';

export const ledgerConfigSchema = z.object({
  NODE_ENV: z.string().optional(),
  /** A real payment provider: test deposits would then create money beside real money, so they are off. */
  STRIPE_SECRET_KEY: z.string().optional(),
  ISSUING: z.string().optional(),
  /** The largest single test deposit, in major units of its currency. */
  LEDGER_TEST_DEPOSIT_MAX: z.coerce.number().int().positive().default(1_000_000),
});

export type LedgerConfig = z.infer<typeof ledgerConfigSchema>;
