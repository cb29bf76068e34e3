import { count, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import type { BuiltEntity } from '../registry/model.js';

interface PlanNode {
  'Node Type'?: string;
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}

/** EXPLAIN's JSON arrives parsed (postgres.js) or as text, in a column named "QUERY PLAN". */
function planOf(rows: unknown): PlanNode | undefined {
  const list = Array.isArray(rows) ? rows : ((rows as { rows?: unknown[] }).rows ?? []);
  const cell = (list[0] as Record<string, unknown> | undefined)?.['QUERY PLAN'];
  const doc = typeof cell === 'string' ? JSON.parse(cell) : cell;
  return (Array.isArray(doc) ? doc[0]?.Plan : undefined) as PlanNode | undefined;
}

export async function exactCount(db: Db, model: BuiltEntity, where: SQL | undefined): Promise<number> {
  const rows = await db.select({ n: count() }).from(model.table).where(where);
  return rows[0]?.n ?? 0;
}

/**
 * The planner's row estimate for the rows the count would visit: EXPLAIN (FORMAT JSON) of the
 * same WHERE, no execution, so it costs the same on 10k or 10M rows.
 */
export async function estimatedCount(db: Db, model: BuiltEntity, where: SQL | undefined): Promise<number> {
  const id = (model.table as unknown as Record<string, PgColumn>)['id']!;
  const scan = db.select({ id }).from(model.table).where(where);
  const plan = planOf(await db.execute(sql`explain (format json) ${scan}`));
  return Math.max(0, Math.round(plan?.['Plan Rows'] ?? 0));
}
