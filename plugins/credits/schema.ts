import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { usersTable } from 'regis/plugin';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/** One row per user; changed only together with a ledger entry, in the same transaction. */
export const creditBalances = pgTable(
  'credit_balances',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => usersTable.id, { onDelete: 'cascade' }),
    balanceMinor: integer('balance_minor').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  // The debit's conditional update already refuses; this makes a bug elsewhere fail loudly too.
  (t) => [check('credit_balances_non_negative', sql`${t.balanceMinor} >= 0`)],
);

/**
 * Append-only ledger in minor units. The `ledger` entity reads this table (managed: false); only the
 * service writes it. `reference` is globally unique so a credit with the same reference lands once.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => usersTable.id, { onDelete: 'cascade' }),
    amountMinor: integer('amount_minor').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    reason: text('reason').notNull(),
    reference: text('reference').unique('ledger_entries_reference_unique'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('ledger_entries_owner_created_idx').on(t.ownerId, t.createdAt, t.id),
    index('ledger_entries_created_at_idx').on(t.createdAt, t.id),
  ],
);
