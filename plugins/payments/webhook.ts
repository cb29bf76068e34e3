import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Db, type Queryable, usersTable } from 'regis/plugin';
import { type CaptureOutcome, creditSession, type LedgerCredit } from './capture.js';
import type { PaymentEvent, SessionState } from './provider.js';
import { checkoutSessions, webhookEvents } from './schema.js';

/** Events that mean "this Checkout Session has been paid". */
const PAID_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);

export interface WebhookResult {
  duplicate: boolean;
  outcome: CaptureOutcome['kind'] | 'ignored';
}

/**
 * A session opened outside this Regis (or whose record was lost) is adopted from the signed event's
 * metadata, provided the user exists; otherwise it is left alone and the delivery acknowledged.
 */
async function adoptSession(tx: Queryable, provider: string, s: SessionState): Promise<void> {
  if (!s.userId) return;
  const owner = await tx
    .select({ id: usersTable.id })
    .from(usersTable)
    .where(eq(usersTable.id, s.userId))
    .limit(1);
  if (!owner[0]) return;
  await tx
    .insert(checkoutSessions)
    .values({ id: s.id, userId: s.userId, provider, amountMinor: s.amountMinor, currency: s.currency })
    .onConflictDoNothing();
}

/**
 * One verified delivery, in one transaction: the event id is recorded (a replay finds it and does
 * nothing) and the session credited through the same exactly-once path as verify-and-capture, so a
 * failure rolls both back and Stripe's retry starts clean.
 */
export async function handleWebhookEvent(
  deps: { db: Db; ledger: LedgerCredit; provider: string; logger: Logger },
  event: PaymentEvent,
): Promise<WebhookResult> {
  const result = await deps.db.transaction(async (tx): Promise<WebhookResult> => {
    const fresh = await tx
      .insert(webhookEvents)
      .values({ id: event.id, type: event.type, sessionId: event.session?.id ?? null })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (fresh.length === 0) return { duplicate: true, outcome: 'ignored' };
    if (!PAID_EVENTS.has(event.type) || !event.session) return { duplicate: false, outcome: 'ignored' };
    await adoptSession(tx, deps.provider, event.session);
    const outcome = await creditSession(tx, deps.ledger, event.session);
    return { duplicate: false, outcome: outcome.kind };
  });
  if (result.outcome === 'mismatch' || result.outcome === 'unknown-session') {
    deps.logger.warn({ eventId: event.id, sessionId: event.session?.id, ...result }, 'webhook not credited');
  }
  return result;
}
