import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { usersTable } from 'regis/plugin';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/** Regis's own record of every checkout session it opened: who owns it, and whether it was credited. */
export const checkoutSessions = pgTable(
  'payment_checkout_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => usersTable.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    creditedAt: ts('credited_at'),
  },
  (t) => [index('payment_checkout_sessions_user_id_idx').on(t.userId)],
);

/** Webhook deliveries already handled: Stripe retries, so an event id is acted on once. */
export const webhookEvents = pgTable('payment_webhook_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  sessionId: text('session_id'),
  receivedAt: ts('received_at').notNull().defaultNow(),
});

/** The local test provider's "processor side": what Stripe would hold for a session. */
export const localSessions = pgTable('payment_local_sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => usersTable.id, { onDelete: 'cascade' }),
  amountMinor: integer('amount_minor').notNull(),
  currency: text('currency').notNull(),
  successUrl: text('success_url').notNull(),
  cancelUrl: text('cancel_url').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  paidAt: ts('paid_at'),
});

export const paymentsSchema = { checkoutSessions, webhookEvents, localSessions };
