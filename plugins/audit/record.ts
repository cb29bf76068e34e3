import type { Caller } from '../../src/access/caller.js';
import { newId } from '../../src/crud/ids.js';
import type { Queryable } from '../../src/db/client.js';
import type { EntityHooks, HookContext } from '../../src/registry/types.js';
import { auditEvents } from './schema.js';
import type { AuditEvent } from './service-types.js';

const credentialOf = (c: Caller | null) =>
  c ? (c.keyId ? `key:${c.keyId}` : `session:${c.sessionId}`) : null;

export async function insertEvent(
  db: Queryable,
  who: { caller: Caller | null; requestId: string },
  e: AuditEvent,
): Promise<void> {
  await db.insert(auditEvents).values({
    id: newId('aud'),
    actorId: who.caller?.userId ?? null,
    credential: credentialOf(who.caller),
    action: e.action,
    entity: e.entity,
    recordId: e.recordId,
    fields: [...e.fields],
    requestId: who.requestId,
  });
}

const db = (h: HookContext) => h.tx as Queryable;

/**
 * On every entity, inside the write's transaction: the event commits with the write or not at all,
 * so a crash can neither lose an event nor record a write that never happened.
 */
export const auditHooks: Partial<EntityHooks> = {
  afterCreateInTx: (h, record) =>
    insertEvent(db(h), h, {
      action: 'create',
      entity: h.entity,
      recordId: String(record['id']),
      fields: Object.keys(record),
    }),
  afterUpdateInTx: (h, { record, changed }) =>
    insertEvent(db(h), h, {
      action: 'update',
      entity: h.entity,
      recordId: String(record['id']),
      fields: changed,
    }),
  afterDeleteInTx: (h, { id }) =>
    insertEvent(db(h), h, { action: 'delete', entity: h.entity, recordId: id, fields: [] }),
};
