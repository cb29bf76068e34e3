/** The PostgreSQL error inside whatever wraps it (drizzle, postgres.js, PGlite). */
export interface PgErrorInfo {
  code: string;
  constraint: string | undefined;
  /** The table the failing constraint belongs to, when the server says. */
  table: string | undefined;
}

export function pgErrorOf(err: unknown): PgErrorInfo | null {
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const e = cur as Record<string, unknown>;
    if (typeof e['code'] === 'string' && /^[0-9A-Z]{5}$/.test(e['code'])) {
      // postgres.js names the fields constraint_name/table_name, PGlite constraint/table.
      const constraint = (e['constraint_name'] ?? e['constraint']) as string | undefined;
      const table = (e['table_name'] ?? e['table']) as string | undefined;
      return { code: e['code'], constraint, table };
    }
    cur = e['cause'];
  }
  return null;
}

export const PG = {
  UNIQUE_VIOLATION: '23505',
  FOREIGN_KEY_VIOLATION: '23503',
  /** ON DELETE RESTRICT (PostgreSQL 16+ and PGlite say 23001 where older servers said 23503). */
  RESTRICT_VIOLATION: '23001',
  NOT_NULL_VIOLATION: '23502',
  CHECK_VIOLATION: '23514',
  INVALID_TEXT_REPRESENTATION: '22P02',
  NUMERIC_OUT_OF_RANGE: '22003',
  SERIALIZATION_FAILURE: '40001',
} as const;
