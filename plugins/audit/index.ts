import { fileURLToPath } from 'node:url';
import { definePlugin } from 'regis/plugin';
import { auditHooks, insertEvent } from './record.js';
import { mountAudit } from './routes.js';
import { auditEvents } from './schema.js';
import type { AuditApi } from './service-types.js';

export type { AuditApi, AuditEvent } from './service-types.js';

/** Records every write: generated entities through '*' hooks, plugin routes through services.audit. */
export default definePlugin({
  id: 'audit',
  version: '1.0.0',
  tables: { auditEvents },
  hooks: { '*': auditHooks },
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  init: () => {
    const audit: AuditApi = { record: (req, e) => insertEvent(req.tx, req, e) };
    return { services: { audit } };
  },
  routes: (app, ctx) => mountAudit(app, ctx),
});
