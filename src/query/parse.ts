import type { SQL } from 'drizzle-orm';
import { AppError } from '../errors/app-error.js';
import type { BuiltEntity } from '../registry/model.js';
import { parseFilterParam } from './filter.js';
import { type EntityLookup, type IncludeSpec, parseInclude } from './include.js';
import { parseSort, type SortKey } from './sort.js';

/** LIST parameters as they arrive (strings), with nothing HTTP about them. */
export type ListParams = Record<string, string | undefined>;

export interface ListQuery {
  page: number;
  limit: number;
  sort: SortKey[];
  filter: SQL | undefined;
  include: IncludeSpec[];
}

export const PAGE_LIMITS = { defaultLimit: 20, maxLimit: 100 } as const;

function positiveInt(name: string, raw: string | undefined, fallback: number, max?: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw))
    throw AppError.of('VALIDATION_FAILED', { details: { [name]: 'Must be a positive integer' } });
  const n = Number(raw);
  if (n < 1) throw AppError.of('VALIDATION_FAILED', { details: { [name]: 'Must be at least 1' } });
  if (max !== undefined && n > max)
    throw AppError.of('VALIDATION_FAILED', { details: { [name]: `Must be at most ${max}` } });
  return n;
}

/** Parses and checks every LIST parameter before anything is read (SPEC §4). */
export function parseListQuery(model: BuiltEntity, params: ListParams, lookup?: EntityLookup): ListQuery {
  return {
    page: positiveInt('page', params['page'], 1),
    limit: positiveInt('limit', params['limit'], PAGE_LIMITS.defaultLimit, PAGE_LIMITS.maxLimit),
    sort: parseSort(model, params['sort'], params['order']),
    filter: params['filter'] === undefined ? undefined : parseFilterParam(model, params['filter']),
    include: parseInclude(model, params['include'], lookup),
  };
}
