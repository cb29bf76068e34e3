import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import type { AccessScope } from '../access/scope.js';
import type { Db } from '../db/client.js';
import { type Executable, preparedOn } from '../db/prepared.js';
import { columnOf, selectionOf } from '../query/columns.js';
import { type OrderTerm, orderByOf } from '../query/keyset.js';
import type { ListQuery } from '../query/parse.js';
import { type BuiltEntity, OWNER_FIELD } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';

/**
 * The LIST most clients send — narrowed by the caller's scope only (every row, or their own), no
 * filter, search or date range, by OFFSET or by a one-direction keyset cursor — as prepared
 * statements per entity and sort. Building the SQL with drizzle per request cost more CPU than the
 * rest of the handler; every other shape is built per request (src/crud/list.ts).
 */
export interface SimpleList {
  owned: boolean;
  values: Record<string, unknown>;
  /** The page statement's cache key: everything its text depends on. */
  shape: string;
}

/** The prepared path's inputs, or null when the query needs the general builder. */
export function simpleList(
  query: ListQuery,
  scope: AccessScope,
  terms: readonly OrderTerm[],
  offset: number,
): SimpleList | null {
  if (query.filter || query.search !== undefined || query.dates.from || query.dates.before) return null;
  if (scope.where !== undefined && scope.ownerId === undefined) return null;
  const cursor = query.cursor?.values;
  const dir = terms[0]?.direction;
  if (
    cursor &&
    !terms.every((t, i) => t.column && t.direction === dir && !t.nullable && cursor[i] !== null)
  ) {
    return null;
  }
  const values: Record<string, unknown> = { owner: scope.ownerId, limit: query.limit + 1, offset };
  cursor?.forEach((v, i) => {
    values[`k${i}`] = v;
  });
  const sort = terms.map((t) => (t.direction === 'desc' ? '-' : '') + t.key).join(',');
  const owned = scope.ownerId !== undefined;
  return { owned, values, shape: `${owned}:${sort}:${cursor ? 'keyset' : 'offset'}` };
}

const ownedBy = (model: BuiltEntity, owned: boolean) =>
  owned ? eq(columnOf(model, OWNER_FIELD), sql.placeholder('owner')) : undefined;

/** `(a, id) < ($k0, $k1)`: the keyset bound with placeholders, values bound through each column. */
function keysetBound(terms: readonly OrderTerm[]): SQL {
  const cols = sql.join(
    terms.map((t) => sql`${t.expr}`),
    sql`, `,
  );
  const vals = sql.join(
    terms.map((t, i) => sql`${sql.param(sql.placeholder(`k${i}`), t.column!)}`),
    sql`, `,
  );
  return terms[0]!.direction === 'asc' ? sql`(${cols}) > (${vals})` : sql`(${cols}) < (${vals})`;
}

export function pageStatement(db: Db, model: BuiltEntity, s: SimpleList, terms: readonly OrderTerm[]) {
  const keyset = s.shape.endsWith(':keyset');
  return preparedOn(db, `list:${model.name}:${s.shape}`, (name) =>
    db
      .select(selectionOf(model))
      .from(model.table)
      .where(and(ownedBy(model, s.owned), keyset ? keysetBound(terms) : undefined))
      .orderBy(...orderByOf(terms))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(name),
  ) as Executable<RecordData[]>;
}

export function countStatement(db: Db, model: BuiltEntity, owned: boolean) {
  return preparedOn(db, `count:${model.name}:${owned}`, (name) =>
    db.select({ n: count() }).from(model.table).where(ownedBy(model, owned)).prepare(name),
  ) as Executable<{ n: number }[]>;
}
