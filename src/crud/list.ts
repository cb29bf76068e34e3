import { count } from 'drizzle-orm';
import { andAll, scopeFor } from '../access/scope.js';
import { selectionOf } from '../query/columns.js';
import type { ListQuery } from '../query/parse.js';
import { orderByOf } from '../query/sort.js';
import type { BuiltEntity } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import type { OpContext } from './context.js';
import { loadIncludes } from './includes.js';
import { toWire } from './serialize.js';

export interface ListResult {
  data: RecordData[];
  page: number;
  limit: number;
  total: number;
}

/** LIST: the page and its count (in parallel), both under the caller's read scope. */
export async function listRecords(ctx: OpContext, model: BuiltEntity, query: ListQuery): Promise<ListResult> {
  const where = andAll(scopeFor('read', ctx.caller, model).where, query.filter);
  const pageQuery = ctx.db
    .select(selectionOf(model))
    .from(model.table)
    .where(where)
    .orderBy(...orderByOf(model, query.sort))
    .limit(query.limit)
    .offset((query.page - 1) * query.limit);
  const countQuery = ctx.db.select({ n: count() }).from(model.table).where(where);
  const [rows, counted] = await Promise.all([pageQuery, countQuery]);
  await loadIncludes(ctx, rows, query.include);
  return {
    data: rows.map((r) => toWire(model, r)),
    page: query.page,
    limit: query.limit,
    total: counted[0]?.n ?? 0,
  };
}
