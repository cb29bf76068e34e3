import { index, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { usersTable } from 'regis/plugin';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/** Gift cards; the `giftcards` entity (admin-only CRUD) reads and writes this table. */
export const giftcards = pgTable(
  'giftcards',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique('giftcards_code_unique'),
    amount: numeric('amount', { precision: 10, scale: 2 }).notNull(),
    redeemedBy: text('redeemed_by').references(() => usersTable.id, { onDelete: 'set null' }),
    redeemedAt: ts('redeemed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('giftcards_created_at_idx').on(t.createdAt, t.id),
    index('giftcards_redeemed_by_idx').on(t.redeemedBy),
  ],
);
