import {
  and,
  arrayContains,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../errors/app-error.js';
import type { FieldModel } from '../registry/model.js';

export const FILTER_LIMITS = { depth: 5, conditions: 50, bytes: 4096, listValues: 100 } as const;

export const invalidFilter = (message: string) =>
  AppError.of('INVALID_FILTER', { message, details: { filter: message } });

/** `%`, `_` and `\` match themselves: a filter for "50%" finds only a literal percent sign. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Counts one condition against the limit (a shared counter across the whole filter). */
export interface ConditionBudget {
  conditions: number;
}

export function spend(budget: ConditionBudget): void {
  if (++budget.conditions > FILTER_LIMITS.conditions)
    throw invalidFilter(`At most ${FILTER_LIMITS.conditions} conditions`);
}

const TEXT_TYPES = new Set(['string', 'text']);
/** Types compared only with IS NULL (and, for arrays, element containment). */
const OPAQUE_TYPES = new Set(['json', 'string[]']);

/** PostgreSQL text cannot hold NUL; refusing it here keeps it from ever becoming a database error. */
const hasNul = (v: unknown) => typeof v === 'string' && v.includes('\u0000');

function checkValue(fm: FieldModel, value: unknown, path: string): unknown {
  if (hasNul(value)) throw invalidFilter(`Value for "${path}" contains a NUL character`);
  if (value === null || typeof value === 'object')
    throw invalidFilter(`Value for "${path}" does not fit its type (${fm.def.type})`);
  // Text compares as text: a format or length rule of the field only means such a value never matches.
  if (TEXT_TYPES.has(fm.def.type)) {
    if (typeof value !== 'string') throw invalidFilter(`Value for "${path}" must be a string`);
    return value;
  }
  const parsed = fm.schema.safeParse(value);
  if (!parsed.success) throw invalidFilter(`Value for "${path}" does not fit its type (${fm.def.type})`);
  return fm.type.toDb ? fm.type.toDb(parsed.data, fm.def) : parsed.data;
}

function textOf(fm: FieldModel, op: string, value: unknown, path: string): string {
  if (typeof value !== 'string' || !TEXT_TYPES.has(fm.def.type))
    throw invalidFilter(`${op} needs a string on a text field ("${path}")`);
  if (value.length > 500) throw invalidFilter(`${op} takes at most 500 characters ("${path}")`);
  if (hasNul(value)) throw invalidFilter(`Value for "${path}" contains a NUL character`);
  return escapeLike(value);
}

function listOf(fm: FieldModel, op: string, value: unknown, path: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > FILTER_LIMITS.listValues)
    throw invalidFilter(`${op} needs a list of 1–${FILTER_LIMITS.listValues} values ("${path}")`);
  return value.map((v) => checkValue(fm, v, path));
}

function opaqueCondition(fm: FieldModel, col: PgColumn, op: string, value: unknown, path: string): SQL {
  if (
    op === '$contains' &&
    fm.def.type === 'string[]' &&
    typeof value === 'string' &&
    value.length <= 500 &&
    !hasNul(value)
  )
    return arrayContains(col, [value]);
  throw invalidFilter(`"${path}" (${fm.def.type}) can only be tested with $null`);
}

function operator(fm: FieldModel, col: PgColumn, op: string, value: unknown, path: string): SQL {
  const v = () => checkValue(fm, value, path);
  if (op === '$null') {
    if (typeof value !== 'boolean') throw invalidFilter(`$null takes true or false ("${path}")`);
    return value ? isNull(col) : isNotNull(col);
  }
  if (OPAQUE_TYPES.has(fm.def.type)) return opaqueCondition(fm, col, op, value, path);
  switch (op) {
    case '$eq':
      return value === null ? isNull(col) : eq(col, v());
    case '$ne':
      // SQL's <> drops NULLs; "not equal to x" keeps rows where the field is empty.
      return value === null ? isNotNull(col) : sql`${col} is distinct from ${sql.param(v(), col)}`;
    case '$gt':
      return gt(col, v());
    case '$gte':
      return gte(col, v());
    case '$lt':
      return lt(col, v());
    case '$lte':
      return lte(col, v());
    case '$in':
      return inArray(col, listOf(fm, op, value, path));
    case '$nin':
      return or(notInArray(col, listOf(fm, op, value, path)), isNull(col))!;
    case '$contains':
      return ilike(col, `%${textOf(fm, op, value, path)}%`);
    case '$startsWith':
      return ilike(col, `${textOf(fm, op, value, path)}%`);
    case '$endsWith':
      return ilike(col, `%${textOf(fm, op, value, path)}`);
    default:
      throw invalidFilter(`Unknown operator "${op.slice(0, 40)}"`);
  }
}

/** One field's condition: a bare value (equality, null → IS NULL) or an operator object (ANDed). */
export function fieldCondition(
  budget: ConditionBudget,
  fm: FieldModel,
  col: PgColumn,
  spec: unknown,
  path: string,
): SQL {
  if (spec === null) return isNull(col);
  if (!isPlainObject(spec)) {
    if (OPAQUE_TYPES.has(fm.def.type)) throw invalidFilter(`"${path}" can only be tested with $null`);
    return eq(col, checkValue(fm, spec, path));
  }
  const parts: SQL[] = [];
  for (const [op, value] of Object.entries(spec)) {
    spend(budget);
    parts.push(operator(fm, col, op, value, path));
  }
  if (parts.length === 0) throw invalidFilter(`Empty operator object for "${path}"`);
  return parts.length === 1 ? parts[0]! : and(...parts)!;
}
