import type { RequestContext } from 'regis/plugin';

/** One write, as recorded: field names only, never values. */
export interface AuditEvent {
  action: string;
  entity: string;
  recordId: string | null;
  fields: readonly string[];
}

export interface AuditApi {
  /** Records a write done by a plugin route (generated entities are recorded by hooks). */
  record(req: RequestContext, event: AuditEvent): Promise<void>;
}

declare module 'regis/plugin' {
  interface RegisServices {
    audit: AuditApi;
  }
}
