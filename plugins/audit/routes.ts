import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify';
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { stream } from 'hono/streaming';
import { AppError } from '../../src/errors/app-error.js';
import { ok } from '../../src/http/envelope.js';
import { COMMON_ERRORS, SECURITY } from '../../src/http/openapi/common.js';
import type { AppEnv } from '../../src/http/types.js';
import type { PluginContext } from '../../src/plugins/context.js';
import { auditEvents } from './schema.js';

const Query = z.object({
  actor: z.string().max(100).optional(),
  entity: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  startDate: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  endDate: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  format: z.enum(['csv', 'json']).optional(),
});

const route = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  tags: ['Audit'],
  security: SECURITY,
  operationId: 'listAuditEvents',
  summary: "Audit events (the caller's own; admins see all); ?format=csv|json streams an export",
  request: { query: Query },
  responses: { 200: { description: 'Events' }, ...COMMON_ERRORS },
});

const COLUMNS = [
  'id',
  'actorId',
  'credential',
  'action',
  'entity',
  'recordId',
  'fields',
  'requestId',
  'at',
] as const;

export function mountAudit(app: OpenAPIHono<AppEnv>, ctx: PluginContext): void {
  app.openapi(route, async (c) => {
    const caller = c.get('caller');
    if (!caller) throw AppError.of('UNAUTHORIZED');
    const q = c.req.valid('query');
    const where: SQL[] = [];
    if (!caller.isAdmin) where.push(eq(auditEvents.actorId, caller.userId));
    if (q.actor) where.push(eq(auditEvents.actorId, q.actor));
    if (q.entity) where.push(eq(auditEvents.entity, q.entity));
    if (q.action) where.push(eq(auditEvents.action, q.action));
    if (q.startDate) where.push(gte(auditEvents.at, new Date(q.startDate)));
    if (q.endDate) where.push(lte(auditEvents.at, new Date(q.endDate)));
    const base = ctx.db
      .select()
      .from(auditEvents)
      .where(and(...where))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id));
    if (!q.format) {
      const rows = await base.limit(q.limit + 1).offset((q.page - 1) * q.limit);
      const hasMore = rows.length > q.limit;
      return ok(c, rows.slice(0, q.limit), {
        pagination: { page: q.page, limit: q.limit, hasMore },
      }) as never;
    }
    const rows = await base.limit(100_000);
    if (q.format === 'json') return c.json(rows) as never;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return stream(c, async (s) => {
      const csv = stringify({ header: true, columns: [...COLUMNS] });
      const done = new Promise<void>((resolve, reject) => {
        csv.on('data', (chunk: Buffer) => void s.write(chunk));
        csv.on('end', resolve);
        csv.on('error', reject);
      });
      for (const r of rows) csv.write({ ...r, fields: r.fields.join(' '), at: r.at.toISOString() });
      csv.end();
      await done;
    }) as never;
  });
}
