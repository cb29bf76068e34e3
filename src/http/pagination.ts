import type { ListResult } from '../crud/list.js';

/**
 * The pagination object and headers of a LIST answer (SPEC §4). Link keeps the request's other
 * parameters; with `count=none` the total (and so `last` and X-Total-Count) is unknown.
 */
export function paginationOf(result: ListResult, url: URL) {
  const { total, page, limit } = result;
  const totalPages = total === null ? null : Math.max(1, Math.ceil(total / limit));
  const pagination: Record<string, unknown> = {
    page,
    limit,
    total,
    totalPages,
    hasNext: result.hasMore,
    hasPrev: page > 1,
    nextCursor: result.nextCursor,
  };
  if (result.totalEstimated) pagination['totalEstimated'] = true;
  const link = (to: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set('page', String(to));
    u.searchParams.delete('cursor');
    return `<${u.pathname}${u.search}>; rel="${rel}"`;
  };
  const links = [link(1, 'first')];
  if (page > 1) links.push(link(totalPages === null ? page - 1 : Math.min(page - 1, totalPages), 'prev'));
  if (result.hasMore) links.push(link(page + 1, 'next'));
  if (totalPages !== null) links.push(link(totalPages, 'last'));
  const headers: Record<string, string> = {
    'X-Page': String(page),
    'X-Per-Page': String(limit),
    Link: links.join(', '),
  };
  if (total !== null) headers['X-Total-Count'] = String(total);
  return { pagination, headers };
}
