import type { RequestContext } from '../../src/plugins/context.js';

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

declare module '../../src/plugins/context.js' {
  interface RegisServices {
    audit: AuditApi;
  }
}
