import { stringify } from 'csv-stringify';
import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import { stream } from 'hono/streaming';
import {
  COMMON_ERRORS,
  coreErrors,
  createRoute,
  ok,
  type PluginApp,
  type PluginContext,
  SECURITY,
  z,
} from 'regis/plugin';
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

type AuditRow = typeof auditEvents.$inferSelect;
const BATCH = 1000;

/** A bare date as an end bound means the whole UTC day (as LIST's endDate, SPEC §4). */
function endBound(raw: string): SQL {
  if (raw.length > 10) return lte(auditEvents.at, new Date(raw));
  return lt(auditEvents.at, new Date(new Date(raw).getTime() + 86_400_000));
}

/** Newest first, a batch at a time by keyset on (at, id): an export never holds every row in memory. */
async function* batches(ctx: PluginContext, where: SQL | undefined): AsyncGenerator<AuditRow[]> {
  let after: AuditRow | undefined;
  for (;;) {
    const page: AuditRow[] = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(
          where,
          after
            ? or(
                lt(auditEvents.at, after.at),
                and(eq(auditEvents.at, after.at), lt(auditEvents.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(BATCH);
    if (page.length > 0) yield page;
    if (page.length < BATCH) return;
    after = page[page.length - 1];
  }
}

const csvRow = (r: AuditRow) => ({ ...r, fields: r.fields.join(' '), at: r.at.toISOString() });

export function mountAudit(app: PluginApp, ctx: PluginContext): void {
  app.openapi(route, async (c) => {
    const caller = c.get('caller');
    if (!caller) throw coreErrors.UNAUTHORIZED();
    const q = c.req.valid('query');
    if (q.startDate && q.endDate && new Date(q.startDate) > new Date(q.endDate)) {
      throw coreErrors.VALIDATION_FAILED({ details: { startDate: 'Must not be after endDate' } });
    }
    const conditions: SQL[] = [];
    if (!caller.isAdmin) conditions.push(eq(auditEvents.actorId, caller.userId));
    if (q.actor) conditions.push(eq(auditEvents.actorId, q.actor));
    if (q.entity) conditions.push(eq(auditEvents.entity, q.entity));
    if (q.action) conditions.push(eq(auditEvents.action, q.action));
    if (q.startDate) conditions.push(gte(auditEvents.at, new Date(q.startDate)));
    if (q.endDate) conditions.push(endBound(q.endDate));
    const where = and(...conditions);
    if (!q.format) {
      const rows = await ctx.db
        .select()
        .from(auditEvents)
        .where(where)
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(q.limit + 1)
        .offset((q.page - 1) * q.limit);
      const hasMore = rows.length > q.limit;
      return ok(c, rows.slice(0, q.limit), {
        pagination: { page: q.page, limit: q.limit, hasMore, hasNext: hasMore, hasPrev: q.page > 1 },
      });
    }
    if (q.format === 'json') {
      c.header('Content-Type', 'application/json; charset=UTF-8');
      c.header('Content-Disposition', 'attachment; filename="audit.json"');
      return stream(c, async (s) => {
        let first = true;
        await s.write('[');
        for await (const page of batches(ctx, where)) {
          for (const r of page) {
            await s.write(`${first ? '' : ','}${JSON.stringify(r)}`);
            first = false;
          }
        }
        await s.write(']');
      });
    }
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return stream(c, async (s) => {
      const csv = stringify({ header: true, columns: [...COLUMNS] });
      const done = new Promise<void>((resolve, reject) => {
        csv.on('data', (chunk: Buffer) => void s.write(chunk));
        csv.on('end', resolve);
        csv.on('error', reject);
      });
      for await (const page of batches(ctx, where)) for (const r of page) csv.write(csvRow(r));
      csv.end();
      await done;
    });
  });
}
