import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Shared fixed-window counters (RATE_LIMIT_STORE=postgres): one row per bucket, reset in place. */
export const rateLimits = pgTable('regis_rate_limits', {
  key: text('key').primaryKey(),
  resetAt: bigint('reset_at', { mode: 'number' }).notNull(),
  count: integer('count').notNull(),
});

/** First answer of a POST per caller + Idempotency-Key (SPEC §8), kept 24 h. */
export const idempotencyKeys = pgTable(
  'regis_idempotency_keys',
  {
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caller, t.key] }),
    index('regis_idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);

export const systemSchema = { rateLimits, idempotencyKeys };
