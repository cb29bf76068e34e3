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

/** After-hooks on every entity (they run after commit, on the connection the hook is given). */
export const auditHooks: Partial<EntityHooks> = {
  afterCreate: (h, record) =>
    insertEvent(db(h), h, {
      action: 'create',
      entity: h.entity,
      recordId: String(record['id']),
      fields: Object.keys(record),
    }),
  afterUpdate: (h, { record, changed }) =>
    insertEvent(db(h), h, {
      action: 'update',
      entity: h.entity,
      recordId: String(record['id']),
      fields: changed,
    }),
  afterDelete: (h, { id }) =>
    insertEvent(db(h), h, { action: 'delete', entity: h.entity, recordId: id, fields: [] }),
};
