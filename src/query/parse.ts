import type { SQL } from 'drizzle-orm';
import { AppError } from '../errors/app-error.js';
import type { BuiltEntity } from '../registry/model.js';
import { type CursorKey, type CursorState, cursorBinding, decodeCursor } from './cursor.js';
import { type DateRange, parseDateRange } from './date-range.js';
import { parseFields } from './fields.js';
import { parseFilterParam, type RelationScope } from './filter.js';
import { type EntityLookup, type IncludeSpec, parseInclude } from './include.js';
import { parseSearch } from './search.js';
import { parseSort, type SortKey } from './sort.js';

/** LIST parameters as they arrive (strings), with nothing HTTP about them. */
export type ListParams = Record<string, string | undefined>;

export type CountMode = 'exact' | 'estimated' | 'none';

export interface ListQuery {
  page: number;
  limit: number;
  sort: SortKey[];
  /** `sort` was given: a search then keeps that order instead of relevance. */
  sorted: boolean;
  filter: SQL | undefined;
  search: string | undefined;
  fields: string[] | undefined;
  include: IncludeSpec[];
  dates: DateRange;
  count: CountMode;
  /** The position to continue after (keyset), when a cursor was passed. */
  cursor: CursorState | undefined;
  /** Signs next cursors; bound to `binding` so they only fit this same query. */
  cursorKey: CursorKey;
  binding: string;
}

export interface ParseOptions {
  lookup?: EntityLookup;
  /** The caller's read scope on related entities, for dotted filter paths. */
  relationScope?: RelationScope;
  cursorKey: CursorKey;
}

export const PAGE_LIMITS = { defaultLimit: 20, maxLimit: 100 } as const;
const COUNT_MODES: readonly CountMode[] = ['exact', 'estimated', 'none'];

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

function countMode(raw: string | undefined): CountMode {
  if (raw === undefined) return 'exact';
  if (!(COUNT_MODES as readonly string[]).includes(raw))
    throw AppError.of('VALIDATION_FAILED', { details: { count: 'Must be one of: exact, estimated, none' } });
  return raw as CountMode;
}

/** How many values a cursor holds: the sort keys (or the rank) plus the id tie-break. */
function keyCount(q: ListQuery): number {
  if (q.search !== undefined && !q.sorted) return 2;
  return q.sort.length + (q.sort.some((k) => k.field === 'id') ? 0 : 1);
}

/** Parses and checks every LIST parameter before anything is read (SPEC §4). */
export function parseListQuery(model: BuiltEntity, params: ListParams, options: ParseOptions): ListQuery {
  const sort = parseSort(model, params['sort'], params['order']);
  const filter =
    params['filter'] === undefined
      ? { where: undefined, canonical: '' }
      : parseFilterParam(model, params['filter'], options);
  const search = parseSearch(model, params['search']);
  const sorted = params['sort'] !== undefined && params['sort'] !== '';
  const dates = parseDateRange(params['startDate'], params['endDate']);
  const query: ListQuery = {
    page: positiveInt('page', params['page'], 1),
    limit: positiveInt('limit', params['limit'], PAGE_LIMITS.defaultLimit, PAGE_LIMITS.maxLimit),
    sort,
    sorted,
    filter: filter.where,
    search,
    fields: parseFields(model, params['fields']),
    include: parseInclude(model, params['include'], options.lookup),
    dates,
    count: countMode(params['count']),
    cursor: undefined,
    cursorKey: options.cursorKey,
    binding: cursorBinding([
      model.name,
      search !== undefined && !sorted ? 'rank' : sort,
      filter.canonical,
      search ?? null,
      dates.from?.toISOString() ?? null,
      dates.before?.toISOString() ?? null,
    ]),
  };
  if (params['cursor'] !== undefined && params['cursor'] !== '') {
    query.cursor = decodeCursor(options.cursorKey, query.binding, params['cursor'], keyCount(query));
    query.page = query.cursor.page;
  }
  return query;
}
