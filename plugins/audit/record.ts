import { type Caller, credentialRef, type EntityHooks, newId, type Queryable } from 'regis/plugin';
import { auditEvents } from './schema.js';
import type { AuditEvent } from './service-types.js';

const credentialOf = (c: Caller | null) => (c ? credentialRef(c) : null);

/** The audit_events row for one event. */
function eventRow(who: { caller: Caller | null; requestId: string }, e: AuditEvent) {
  return {
    id: newId('aud'),
    actorId: who.caller?.userId ?? null,
    credential: credentialOf(who.caller),
    action: e.action,
    entity: e.entity,
    recordId: e.recordId,
    fields: [...e.fields],
    requestId: who.requestId,
  };
}

/** Records one event through `db` (a plugin route passes its transaction). */
export async function insertEvent(
  db: Queryable,
  who: { caller: Caller | null; requestId: string },
  e: AuditEvent,
): Promise<void> {
  await db.insert(auditEvents).values(eventRow(who, e));
}

/**
 * On every entity, in the write's own statement: the event commits with the write or not at all,
 * so a crash can neither lose an event nor record a write that never happened, and a write stays
 * one prepared statement.
 */
export const auditHooks: Partial<EntityHooks> = {
  alsoInsert: (h, w) => ({
    table: auditEvents,
    values: eventRow(h, { action: w.action, entity: h.entity, recordId: w.id, fields: w.fields }),
  }),
};
