import { eq } from 'drizzle-orm';
import type { Queryable } from 'regis/plugin';
import type { SessionState } from './provider.js';
import { checkoutSessions } from './schema.js';

/** The slice of the credits ledger this plugin uses. */
export interface LedgerCredit {
  credit(
    userId: string,
    amountMinor: number,
    options: { reason: string; reference: string; tx?: Queryable },
  ): Promise<unknown>;
}

export type CaptureOutcome =
  | { kind: 'credited'; userId: string; amountMinor: number }
  | { kind: 'already-credited'; userId: string; amountMinor: number }
  | { kind: 'unpaid'; userId: string; amountMinor: number }
  | { kind: 'unknown-session' }
  | { kind: 'mismatch'; userId: string; amountMinor: number };

/** The ledger reference of a session's credit: unique, so one session can credit only once. */
export const paymentReference = (sessionId: string) => `payment:${sessionId}`;

/**
 * Credits a paid session exactly once, inside `tx`. The session row is locked first, so concurrent
 * verifies and webhook deliveries queue behind one another; `credited_at` and the ledger's unique
 * reference both record that it happened (the reference also guards any path that skips the lock).
 */
export async function creditSession(
  tx: Queryable,
  ledger: LedgerCredit,
  state: SessionState,
): Promise<CaptureOutcome> {
  const rows = await tx
    .select()
    .from(checkoutSessions)
    .where(eq(checkoutSessions.id, state.id))
    .for('update')
    .limit(1);
  const row = rows[0];
  if (!row) return { kind: 'unknown-session' };
  const base = { userId: row.userId, amountMinor: row.amountMinor };
  if (row.creditedAt) return { kind: 'already-credited', ...base };
  if (!state.paid) return { kind: 'unpaid', ...base };
  if (state.userId !== null && state.userId !== row.userId) return { kind: 'mismatch', ...base };
  // The processor's amount must be the one we asked for; anything else is investigated, not credited.
  if (state.amountMinor !== row.amountMinor || state.currency.toLowerCase() !== row.currency) {
    return { kind: 'mismatch', ...base };
  }
  await ledger.credit(row.userId, row.amountMinor, {
    reason: 'payment',
    reference: paymentReference(row.id),
    tx,
  });
  await tx.update(checkoutSessions).set({ creditedAt: new Date() }).where(eq(checkoutSessions.id, row.id));
  return { kind: 'credited', ...base };
}
