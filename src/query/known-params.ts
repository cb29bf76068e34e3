import { AppError, type ErrorDetails } from '../errors/app-error.js';

/** Every query parameter LIST understands (SPEC §4); anything else is a client's mistake. */
export const LIST_PARAMS = [
  'page',
  'limit',
  'sort',
  'order',
  'filter',
  'search',
  'fields',
  'include',
  'startDate',
  'endDate',
  'cursor',
  'count',
] as const;

/** READ understands only these two. */
export const READ_PARAMS = ['include', 'fields'] as const;

export type ListParam = (typeof LIST_PARAMS)[number];

export const UNKNOWN_PARAM = 'Unknown query parameter';

/** 400 naming each parameter the route does not know (also used for typed plugin routes). */
export function unknownParamsError(names: readonly string[]): AppError {
  const shown = names.map((n) => n.slice(0, 64));
  const details: ErrorDetails = {};
  for (const name of shown) details[name] = UNKNOWN_PARAM;
  return AppError.of('VALIDATION_FAILED', {
    message: `Unknown query parameter${shown.length > 1 ? 's' : ''}: ${shown.join(', ')}`,
    details,
  });
}

/**
 * A parameter the route does not know answers 400 naming it, instead of being ignored: a client
 * sending `?pinned=true` or `_sort=title` would otherwise believe it filtered or sorted.
 */
export function rejectUnknownParams(params: Record<string, unknown>, known: readonly string[]): void {
  for (const name in params) {
    if (!known.includes(name))
      throw unknownParamsError(Object.keys(params).filter((k) => !known.includes(k)));
  }
}
