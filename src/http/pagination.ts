import type { ListResult } from '../crud/list.js';

/** The pagination object and headers of a LIST answer (SPEC §4), Link keeping the other parameters. */
export function paginationOf(result: ListResult, url: URL, nextCursor: string | null = null) {
  const totalPages = Math.max(1, Math.ceil(result.total / result.limit));
  const pagination = {
    page: result.page,
    limit: result.limit,
    total: result.total,
    totalPages,
    hasNext: result.page < totalPages,
    hasPrev: result.page > 1,
    nextCursor,
  };
  const link = (page: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set('page', String(page));
    u.searchParams.delete('cursor');
    return `<${u.pathname}${u.search}>; rel="${rel}"`;
  };
  const links = [link(1, 'first')];
  if (pagination.hasPrev) links.push(link(Math.min(result.page - 1, totalPages), 'prev'));
  if (pagination.hasNext) links.push(link(result.page + 1, 'next'));
  links.push(link(totalPages, 'last'));
  const headers = {
    'X-Total-Count': String(result.total),
    'X-Page': String(result.page),
    'X-Per-Page': String(result.limit),
    Link: links.join(', '),
  };
  return { pagination, headers };
}
