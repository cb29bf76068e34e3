import { type SQL, sql } from 'drizzle-orm';
import { AppError } from '../errors/app-error.js';
import { type BuiltEntity, SEARCH_FIELD } from '../registry/model.js';
import { columnOf } from './columns.js';

export const SEARCH_MAX_LENGTH = 256;

const bad = (message: string) => AppError.of('VALIDATION_FAILED', { message, details: { search: message } });

/** `search=…`: only on entities that declare `search`; blank means no search. */
export function parseSearch(model: BuiltEntity, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (model.search.length === 0) throw bad(`${model.label.plural} cannot be searched`);
  const text = raw.trim();
  if (text.length > SEARCH_MAX_LENGTH) throw bad(`Search text is at most ${SEARCH_MAX_LENGTH} characters`);
  if (text.includes('\u0000')) throw bad('Search text contains a NUL character');
  return text === '' ? undefined : text;
}

/** The web-search tsquery in the entity's language; both are bound parameters. */
function tsQuery(model: BuiltEntity, text: string): SQL {
  return sql`websearch_to_tsquery(${model.searchLanguage}::regconfig, ${text})`;
}

/** Matches against the generated tsvector column, which the GIN index covers. */
export function searchWhere(model: BuiltEntity, text: string): SQL {
  return sql`${columnOf(model, SEARCH_FIELD)} @@ ${tsQuery(model, text)}`;
}

/** Relevance of a row for the search (ts_rank over the weighted vector). */
export function searchRank(model: BuiltEntity, text: string): SQL<number> {
  return sql<number>`ts_rank(${columnOf(model, SEARCH_FIELD)}, ${tsQuery(model, text)})`;
}
