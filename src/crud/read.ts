import { and, eq, sql } from 'drizzle-orm';
import { scopeFor } from '../access/scope.js';
import { AppError } from '../errors/app-error.js';
import { columnOf, selectionOf } from '../query/columns.js';
import { projectRow } from '../query/fields.js';
import type { IncludeSpec } from '../query/include.js';
import type { BuiltEntity } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import type { OpContext } from './context.js';
import { loadIncludes } from './includes.js';
import { toWire } from './serialize.js';

/**
 * The row version for ETag / If-Match: PostgreSQL's xmin, which changes with every committed
 * update of the row (the concurrency token Npgsql uses), so no extra column is needed.
 */
export const rowVersion = sql<string>`xmin::text`;

export const etagOf = (version: string) => `"${version}"`;

export interface ReadResult {
  record: RecordData;
  etag: string;
}

export function notFound(model: BuiltEntity, id: string): AppError {
  return AppError.of('NOT_FOUND', {
    message: `${model.label.singular} not found`,
    details: { id: `No ${model.label.singular.toLowerCase()} with id ${id}` },
  });
}

export async function readRecord(
  ctx: OpContext,
  model: BuiltEntity,
  id: string,
  include: readonly IncludeSpec[] = [],
  fields?: readonly string[],
): Promise<ReadResult> {
  const scope = scopeFor('read', ctx.caller, model);
  const rows = await ctx.db
    .select({ ...selectionOf(model), __version: rowVersion })
    .from(model.table)
    .where(and(eq(columnOf(model, 'id'), id), scope.where))
    .limit(1);
  const found = rows[0];
  if (!found) throw notFound(model, id);
  const { __version, ...row } = found;
  await loadIncludes(ctx, [row], include);
  const names = include.map((s) => s.name);
  return { record: projectRow(toWire(model, row), fields, names), etag: etagOf(__version) };
}
