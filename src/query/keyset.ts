import { and, asc, desc, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { CursorValue } from './cursor.js';

/** One ORDER BY term: a column or an expression (search rank), read back from the row under `key`. */
export interface OrderTerm {
  key: string;
  expr: PgColumn | SQL;
  /** Set when `expr` is a column: values bind through its encoder (Date → timestamptz text). */
  column: PgColumn | undefined;
  direction: 'asc' | 'desc';
  nullable: boolean;
}

export const orderByOf = (terms: readonly OrderTerm[]): SQL[] =>
  terms.map((t) => (t.direction === 'asc' ? asc : desc)(t.expr));

const param = (t: OrderTerm, v: CursorValue): SQL => (t.column ? sql`${sql.param(v, t.column)}` : sql`${v}`);

type Op = '=' | '<' | '>' | '<=' | '>=';
/** `expr op value`; the operator comes from this fixed set, the value is always a bound parameter. */
const cmp = (t: OrderTerm, op: Op, v: CursorValue): SQL => sql`${t.expr} ${sql.raw(op)} ${param(t, v)}`;
const isNull = (t: OrderTerm): SQL => sql`${t.expr} is null`;

// PostgreSQL sorts NULL as the largest value: last when ascending, first when descending.
function same(t: OrderTerm, v: CursorValue): SQL {
  return v === null ? isNull(t) : cmp(t, '=', v);
}

function after(t: OrderTerm, v: CursorValue): SQL | undefined {
  if (t.direction === 'asc') {
    if (v === null) return undefined;
    return t.nullable ? or(cmp(t, '>', v), isNull(t))! : cmp(t, '>', v);
  }
  return v === null ? sql`${t.expr} is not null` : cmp(t, '<', v);
}

/** A bound every later row satisfies on the first key, so an index scan starts at the cursor. */
function leadBound(t: OrderTerm, v: CursorValue): SQL | undefined {
  if (v === null) return undefined;
  if (t.direction === 'desc') return cmp(t, '<=', v);
  return t.nullable ? undefined : cmp(t, '>=', v);
}

/**
 * Rows strictly after the cursor in the ORDER BY of `terms` (id last), honouring mixed directions
 * and NULL placement. With one direction and no NULLs it is a row comparison `(a, id) < ($1, $2)`,
 * which PostgreSQL turns into a single index range; otherwise OR over i of (keys before i equal
 * AND key i after), plus a redundant bound on the first key.
 */
export function keysetWhere(terms: readonly OrderTerm[], values: readonly CursorValue[]): SQL {
  const dir = terms[0]!.direction;
  const uniform = terms.every((t, i) => t.direction === dir && !t.nullable && values[i] !== null);
  if (uniform) {
    const cols = sql.join(
      terms.map((t) => sql`${t.expr}`),
      sql`, `,
    );
    const vals = sql.join(
      terms.map((t, i) => param(t, values[i]!)),
      sql`, `,
    );
    return dir === 'asc' ? sql`(${cols}) > (${vals})` : sql`(${cols}) < (${vals})`;
  }
  const branches: SQL[] = [];
  terms.forEach((t, i) => {
    const step = after(t, values[i]!);
    if (step) branches.push(and(...terms.slice(0, i).map((p, j) => same(p, values[j]!)), step)!);
  });
  return and(leadBound(terms[0]!, values[0]!), or(...branches) ?? sql`false`)!;
}
