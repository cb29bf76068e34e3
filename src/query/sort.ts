import { asc, desc, type SQL } from 'drizzle-orm';
import { AppError } from '../errors/app-error.js';
import type { BuiltEntity } from '../registry/model.js';
import { columnOf, visibleField } from './columns.js';

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

/** Keys → ORDER BY, with id last so equal values never repeat or skip rows across pages. */
export function orderByOf(model: BuiltEntity, keys: readonly SortKey[]): SQL[] {
  const out = keys.map((k) => (k.direction === 'asc' ? asc : desc)(columnOf(model, k.field)));
  if (!keys.some((k) => k.field === 'id')) {
    const last = keys[keys.length - 1]?.direction ?? 'asc';
    out.push((last === 'asc' ? asc : desc)(columnOf(model, 'id')));
  }
  return out;
}
