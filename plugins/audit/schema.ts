import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per write; field names only, never values. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    actorId: text('actor_id'),
    credential: text('credential'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id'),
    fields: text('fields').array().notNull(),
    requestId: text('request_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_actor_at_idx').on(t.actorId, t.at), index('audit_events_at_idx').on(t.at)],
);
