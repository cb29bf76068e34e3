import type { SQL } from 'drizzle-orm';
import { AppError } from '../errors/app-error.js';
import type { BuiltEntity } from '../registry/model.js';
import { columnOf, visibleField } from './columns.js';
import type { OrderTerm } from './keyset.js';

export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

const UNSORTABLE = new Set(['json', 'string[]']);
const invalidSort = (message: string) => AppError.of('INVALID_SORT', { message, details: { sort: message } });

/** `sort=-priority,createdAt` (+ `order` for a single field) → keys; default newest first. */
export function parseSort(
  model: BuiltEntity,
  sort: string | undefined,
  order: string | undefined,
): SortKey[] {
  if (order !== undefined && order !== 'asc' && order !== 'desc') {
    throw AppError.of('VALIDATION_FAILED', { details: { order: 'Must be one of: asc, desc' } });
  }
  if (sort === undefined || sort === '') return [{ field: 'createdAt', direction: order ?? 'desc' }];
  const parts = sort.split(',').map((s) => s.trim());
  if (parts.length > 5) throw invalidSort('Sort by at most 5 fields');
  return parts.map((part) => {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    const fm = visibleField(model, field);
    if (!fm || UNSORTABLE.has(fm.def.type)) throw invalidSort(`Cannot sort by "${field}"`);
    const direction = descending ? 'desc' : parts.length === 1 && order ? order : 'asc';
    return { field, direction };
  });
}

/** The key a search rank is read back under (never a field name: fields cannot start with `__`). */
export const RANK_KEY = '__rank';

function term(model: BuiltEntity, field: string, direction: 'asc' | 'desc'): OrderTerm {
  const column = columnOf(model, field);
  const nullable = !(model.fieldMap.get(field)?.notNull ?? true);
  return { key: field, expr: column, column, direction, nullable };
}

/**
 * Keys → ORDER BY terms, with id last so equal values never repeat or skip rows across pages.
 * With a search and no explicit sort, rows come by relevance (ts_rank) first.
 */
export function orderTermsOf(model: BuiltEntity, keys: readonly SortKey[], rank?: SQL<number>): OrderTerm[] {
  const out: OrderTerm[] = rank
    ? [{ key: RANK_KEY, expr: rank, column: undefined, direction: 'desc', nullable: false }]
    : keys.map((k) => term(model, k.field, k.direction));
  if (!out.some((t) => t.key === 'id')) out.push(term(model, 'id', out[out.length - 1]?.direction ?? 'asc'));
  return out;
}
