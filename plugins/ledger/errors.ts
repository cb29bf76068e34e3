import { defineErrors } from 'regis/plugin';

export const LEDGER_ERRORS = defineErrors({
  INSUFFICIENT_FUNDS: { status: 402, message: 'Insufficient funds' },
  REFERENCE_CONFLICT: {
    status: 409,
    message: 'A different transfer was already posted under this reference',
  },
});

/**
 * A call the ledger refuses because the calling code is wrong (unbalanced entries, an unknown
 * account or currency, a fractional amount): a bug to fix, never a client's fault, so a 500.
 */
export class LedgerError extends Error {
  override name = 'LedgerError';
}
