import {
  and,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  not,
  notInArray,
  or,
  type SQL,
} from 'drizzle-orm';
import { AppError } from '../errors/app-error.js';
import type { BuiltEntity, FieldModel } from '../registry/model.js';
import { columnOf } from './columns.js';

export interface FilterOptions {
  /** Developer-written filters (access rules) may name hidden fields; client filters may not. */
  trusted?: boolean;
}

export const FILTER_LIMITS = { depth: 5, conditions: 50, bytes: 4096 } as const;

const invalid = (message: string, where = 'filter') =>
  AppError.of('INVALID_FILTER', { message, details: { [where]: message } });

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValue(fm: FieldModel, value: unknown, path: string): unknown {
  const parsed = fm.schema.safeParse(value);
  if (!parsed.success) throw invalid(`Value for "${path}" does not fit its type (${fm.def.type})`);
  return fm.type.toDb ? fm.type.toDb(parsed.data, fm.def) : parsed.data;
}

interface Walk {
  model: BuiltEntity;
  options: FilterOptions;
  conditions: number;
}

function fieldCondition(w: Walk, fm: FieldModel, spec: unknown, path: string): SQL {
  const col = columnOf(w.model, fm.name);
  if (spec === null) return isNull(col);
  if (!isPlainObject(spec)) return eq(col, checkValue(fm, spec, path));
  const parts: SQL[] = [];
  for (const [op, value] of Object.entries(spec)) {
    if (++w.conditions > FILTER_LIMITS.conditions)
      throw invalid(`At most ${FILTER_LIMITS.conditions} conditions`);
    const text = () => {
      if (typeof value !== 'string' || !['string', 'text'].includes(fm.def.type)) {
        throw invalid(`${op} needs a string on a text field ("${path}")`);
      }
      return escapeLike(value);
    };
    const list = () => {
      if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
        throw invalid(`${op} needs a list of 1–100 values ("${path}")`);
      }
      return value.map((v) => checkValue(fm, v, path));
    };
    switch (op) {
      case '$eq':
        parts.push(value === null ? isNull(col) : eq(col, checkValue(fm, value, path)));
        break;
      case '$ne':
        parts.push(value === null ? isNotNull(col) : ne(col, checkValue(fm, value, path)));
        break;
      case '$gt':
        parts.push(gt(col, checkValue(fm, value, path)));
        break;
      case '$gte':
        parts.push(gte(col, checkValue(fm, value, path)));
        break;
      case '$lt':
        parts.push(lt(col, checkValue(fm, value, path)));
        break;
      case '$lte':
        parts.push(lte(col, checkValue(fm, value, path)));
        break;
      case '$in':
        parts.push(inArray(col, list()));
        break;
      case '$nin':
        parts.push(notInArray(col, list()));
        break;
      case '$contains':
        parts.push(ilike(col, `%${text()}%`));
        break;
      case '$startsWith':
        parts.push(ilike(col, `${text()}%`));
        break;
      case '$endsWith':
        parts.push(ilike(col, `%${text()}`));
        break;
      case '$null':
        if (typeof value !== 'boolean') throw invalid(`$null takes true or false ("${path}")`);
        parts.push(value ? isNull(col) : isNotNull(col));
        break;
      default:
        throw invalid(`Unknown operator "${op}"`);
    }
  }
  if (parts.length === 0) throw invalid(`Empty operator object for "${path}"`);
  return and(...parts)!;
}

function walk(w: Walk, node: unknown, depth: number): SQL | undefined {
  if (depth > FILTER_LIMITS.depth) throw invalid(`Filters nest at most ${FILTER_LIMITS.depth} levels`);
  if (!isPlainObject(node)) throw invalid('A filter is a JSON object');
  const parts: SQL[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw invalid(`${key} takes a non-empty array`);
      const subs = value.map((v) => walk(w, v, depth + 1)).filter((s): s is SQL => s !== undefined);
      const joined = key === '$and' ? and(...subs) : or(...subs);
      if (joined) parts.push(joined);
    } else if (key === '$not') {
      const sub = walk(w, value, depth + 1);
      if (sub) parts.push(not(sub));
    } else {
      if (++w.conditions > FILTER_LIMITS.conditions)
        throw invalid(`At most ${FILTER_LIMITS.conditions} conditions`);
      const fm = w.model.fieldMap.get(key);
      if (!fm || (fm.hidden && !w.options.trusted)) throw invalid(`Unknown field "${key}"`);
      parts.push(fieldCondition(w, fm, value, key));
    }
  }
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : and(...parts);
}

/** A filter object → one parameterised SQL predicate; every value is a bound parameter. */
export function compileFilter(
  model: BuiltEntity,
  filter: unknown,
  options: FilterOptions = {},
): SQL | undefined {
  return walk({ model, options, conditions: 0 }, filter, 1);
}

/** The `filter` query parameter: size-checked, parsed, compiled. */
export function parseFilterParam(model: BuiltEntity, raw: string): SQL | undefined {
  if (Buffer.byteLength(raw) > FILTER_LIMITS.bytes)
    throw invalid(`Filters are at most ${FILTER_LIMITS.bytes} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('Filter is not valid JSON');
  }
  return compileFilter(model, parsed);
}
