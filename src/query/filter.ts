import { and, eq, not, or, type SQL, sql } from 'drizzle-orm';
import type { BuiltEntity, FieldModel } from '../registry/model.js';
import { columnOf, visibleField } from './columns.js';
import {
  type ConditionBudget,
  FILTER_LIMITS,
  fieldCondition,
  invalidFilter,
  isPlainObject,
  spend,
} from './filter-ops.js';
import type { EntityLookup } from './include.js';

export { escapeLike, FILTER_LIMITS } from './filter-ops.js';

/** Which rows of a related entity the caller may see: the read rule's predicate, or false for none. */
export type RelationScope = (target: BuiltEntity) => SQL | undefined | false;

export interface FilterOptions {
  /** Developer-written filters (access rules) may name hidden fields; client filters may not. */
  trusted?: boolean;
  /** Resolves `belongsTo` targets for dotted paths (`assignee.email`). */
  lookup?: EntityLookup;
  /** The caller's read scope on a path's target; without it a client path matches nothing. */
  relationScope?: RelationScope;
}

interface Walk extends ConditionBudget {
  model: BuiltEntity;
  options: FilterOptions;
}

function ownField(w: Walk, key: string): FieldModel {
  const fm = w.options.trusted ? w.model.fieldMap.get(key) : visibleField(w.model, key);
  if (!fm) throw invalidFilter(`Unknown field "${key.slice(0, 64)}"`);
  return fm;
}

/**
 * `relation.field` on a belongsTo: an EXISTS over the target that also applies the caller's read
 * scope there, so a path can never test a record (or a column) the caller could not read.
 */
function pathCondition(w: Walk, key: string, spec: unknown): SQL {
  const parts = key.split('.');
  const [head = '', field = ''] = parts;
  const rel = Object.hasOwn(w.model.relations, head) ? w.model.relations[head] : undefined;
  const unknown = () => invalidFilter(`Unknown field "${key.slice(0, 64)}"`);
  if (parts.length !== 2 || !rel || rel.type !== 'belongsTo') throw unknown();
  const target = w.options.lookup?.(rel.entity);
  if (!target || target.tableName === w.model.tableName) throw unknown();
  const fm = visibleField(target, field);
  if (!fm) throw unknown();
  const cond = fieldCondition(w, fm, columnOf(target, fm.name), spec, key);
  const { relationScope, trusted } = w.options;
  // undefined = every row (admins); no resolver at all = nothing, unless the filter is the developer's.
  const scope = relationScope ? relationScope(target) : trusted ? undefined : false;
  if (scope === false) return sql`false`;
  const link = eq(columnOf(target, 'id'), columnOf(w.model, rel.foreignKey));
  return sql`exists (select 1 from ${target.table} where ${and(link, cond, scope)})`;
}

function logic(w: Walk, key: '$and' | '$or', value: unknown, depth: number): SQL | undefined {
  if (!Array.isArray(value) || value.length === 0) throw invalidFilter(`${key} takes a non-empty array`);
  if (value.length > FILTER_LIMITS.conditions) throw invalidFilter(`${key} takes at most 50 items`);
  const subs = value.map((v) => walk(w, v, depth + 1)).filter((s): s is SQL => s !== undefined);
  return key === '$and' ? and(...subs) : or(...subs);
}

function walk(w: Walk, node: unknown, depth: number): SQL | undefined {
  if (depth > FILTER_LIMITS.depth) throw invalidFilter(`Filters nest at most ${FILTER_LIMITS.depth} levels`);
  if (!isPlainObject(node)) throw invalidFilter('A filter is a JSON object');
  const parts: SQL[] = [];
  for (const [key, value] of Object.entries(node)) {
    let part: SQL | undefined;
    if (key === '$and' || key === '$or') part = logic(w, key, value, depth);
    else if (key === '$not') {
      const sub = walk(w, value, depth + 1);
      // IS NOT TRUE: a comparison with NULL (unknown) counts as "not matching", so $not keeps that row.
      part = sub ? not(sql`(${sub}) is true`) : undefined;
    } else {
      spend(w);
      if (key.startsWith('$')) throw invalidFilter(`Unknown operator "${key.slice(0, 40)}"`);
      part = key.includes('.')
        ? pathCondition(w, key, value)
        : fieldCondition(w, ownField(w, key), columnOf(w.model, key), value, key);
    }
    if (part) parts.push(part);
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

export interface ParsedFilter {
  where: SQL | undefined;
  /** Canonical JSON of the filter, what a cursor is bound to. */
  canonical: string;
}

/** The `filter` query parameter: size-checked, parsed, compiled. */
export function parseFilterParam(model: BuiltEntity, raw: string, options: FilterOptions = {}): ParsedFilter {
  if (Buffer.byteLength(raw) > FILTER_LIMITS.bytes)
    throw invalidFilter(`Filters are at most ${FILTER_LIMITS.bytes} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidFilter('Filter is not valid JSON');
  }
  const where = compileFilter(model, parsed, { ...options, trusted: false });
  return { where, canonical: JSON.stringify(parsed) };
}
