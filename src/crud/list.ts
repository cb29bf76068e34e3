import { and, gte, lt, type SQL } from 'drizzle-orm';
import { type AccessScope, andAll, scopeFor } from '../access/scope.js';
import { columnOf, selectionOf } from '../query/columns.js';
import { type CursorValue, encodeCursor } from '../query/cursor.js';
import { projectRow } from '../query/fields.js';
import { keysetWhere, type OrderTerm, orderByOf } from '../query/keyset.js';
import type { ListQuery } from '../query/parse.js';
import { searchRank, searchWhere } from '../query/search.js';
import { orderTermsOf, RANK_KEY } from '../query/sort.js';
import type { BuiltEntity } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import type { OpContext } from './context.js';
import { loadIncludes } from './includes.js';
import { estimatedCount, exactCount } from './list-count.js';
import { countStatement, pageStatement, type SimpleList, simpleList } from './list-statements.js';
import { toWire } from './serialize.js';

export interface ListResult {
  data: RecordData[];
  page: number;
  limit: number;
  /** Null when `count=none`. */
  total: number | null;
  totalEstimated: boolean;
  /** Another row follows this page. */
  hasMore: boolean;
  nextCursor: string | null;
}

/** Everything that narrows the rows: the caller's read scope, filter, search and date range. */
function whereOf(model: BuiltEntity, query: ListQuery, scope: AccessScope): SQL | undefined {
  const created = columnOf(model, 'createdAt');
  return andAll(
    scope.where,
    query.filter,
    query.search === undefined ? undefined : searchWhere(model, query.search),
    query.dates.from ? gte(created, query.dates.from) : undefined,
    query.dates.before ? lt(created, query.dates.before) : undefined,
  );
}

async function countOf(
  ctx: OpContext,
  model: BuiltEntity,
  query: ListQuery,
  where: SQL | undefined,
  simple: SimpleList | null,
) {
  if (query.count === 'none') return null;
  if (query.count === 'estimated') return estimatedCount(ctx.db, model, where);
  if (!simple) return exactCount(ctx.db, model, where);
  const rows = await countStatement(ctx.db, model, simple.owned).execute(simple.values);
  return rows[0]?.n ?? 0;
}

/** The page: a prepared statement for the common shape, otherwise built for this query. */
function pageOf(
  ctx: OpContext,
  model: BuiltEntity,
  query: ListQuery,
  where: SQL | undefined,
  terms: OrderTerm[],
  rank: SQL<number> | undefined,
  offset: number,
  simple: SimpleList | null,
): Promise<RecordData[]> {
  if (simple) return pageStatement(ctx.db, model, simple, terms).execute(simple.values);
  return ctx.db
    .select({ ...selectionOf(model), ...(rank ? { [RANK_KEY]: rank } : {}) })
    .from(model.table)
    .where(query.cursor ? and(where, keysetWhere(terms, query.cursor.values)) : where)
    .orderBy(...orderByOf(terms))
    .limit(query.limit + 1)
    .offset(offset);
}

/**
 * LIST: one page (limit + 1 rows, so the next cursor is known without a count) and the count in
 * parallel, both under the caller's read scope. A cursor continues by keyset instead of OFFSET.
 */
export async function listRecords(ctx: OpContext, model: BuiltEntity, query: ListQuery): Promise<ListResult> {
  const scope = scopeFor('read', ctx.caller, model);
  const where = whereOf(model, query, scope);
  const rank = query.search !== undefined && !query.sorted ? searchRank(model, query.search) : undefined;
  const terms = orderTermsOf(model, query.sort, rank);
  const offset = query.cursor ? 0 : (query.page - 1) * query.limit;
  const simple = simpleList(query, scope, terms, offset);
  const [fetched, counted] = await Promise.all([
    pageOf(ctx, model, query, where, terms, rank, offset, simple),
    countOf(ctx, model, query, where, simple),
  ]);
  const hasMore = fetched.length > query.limit;
  const rows: RecordData[] = fetched.slice(0, query.limit);
  const last = rows[rows.length - 1];
  const nextCursor =
    hasMore && last
      ? encodeCursor(query.cursorKey, query.binding, {
          page: query.page + 1,
          values: terms.map((t) => (last[t.key] ?? null) as CursorValue),
        })
      : null;
  await loadIncludes(ctx, rows, query.include);
  const names = query.include.map((s) => s.name);
  return {
    data: rows.map((r) => {
      const { [RANK_KEY]: _rank, ...row } = toWire(model, r);
      return projectRow(row, query.fields, names);
    }),
    page: query.page,
    limit: query.limit,
    total: settleTotal(counted, query, offset, rows.length, hasMore),
    totalEstimated: query.count === 'estimated',
    hasMore,
    nextCursor,
  };
}

/** An estimate never contradicts the page: at least what was seen, exact once the end is reached. */
function settleTotal(counted: number | null, query: ListQuery, offset: number, seen: number, more: boolean) {
  if (counted === null || query.count !== 'estimated' || query.cursor) return counted;
  if (!more && (seen > 0 || offset === 0)) return offset + seen;
  return Math.max(counted, offset + seen + (more ? 1 : 0));
}
