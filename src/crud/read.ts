import { and, eq, type SQL, sql } from 'drizzle-orm';
import { scopeFor } from '../access/scope.js';
import type { Db } from '../db/client.js';
import { type Executable, preparedOn } from '../db/prepared.js';
import { AppError } from '../errors/app-error.js';
import { columnOf, selectionOf } from '../query/columns.js';
import { projectRow } from '../query/fields.js';
import type { IncludeSpec } from '../query/include.js';
import { type BuiltEntity, OWNER_FIELD } from '../registry/model.js';
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

type VersionedRow = Record<string, unknown> & { __version: string };

function selectById(db: Db, model: BuiltEntity, id: unknown, where: SQL | undefined) {
  return db
    .select({ ...selectionOf(model), __version: rowVersion })
    .from(model.table)
    .where(and(eq(columnOf(model, 'id'), id), where))
    .limit(1) as Promise<VersionedRow[]>;
}

/** The two common READ shapes (every row; the caller's own rows) as prepared statements. */
function readStatement(db: Db, model: BuiltEntity, owned: boolean) {
  return preparedOn(db, `read:${model.name}:${owned}`, (name) =>
    db
      .select({ ...selectionOf(model), __version: rowVersion })
      .from(model.table)
      .where(
        and(
          eq(columnOf(model, 'id'), sql.placeholder('id')),
          owned ? eq(columnOf(model, OWNER_FIELD), sql.placeholder('owner')) : undefined,
        ),
      )
      .limit(1)
      .prepare(name),
  ) as Executable<VersionedRow[]>;
}

export async function readRecord(
  ctx: OpContext,
  model: BuiltEntity,
  id: string,
  include: readonly IncludeSpec[] = [],
  fields?: readonly string[],
): Promise<ReadResult> {
  const scope = scopeFor('read', ctx.caller, model);
  const rows =
    scope.where === undefined || scope.ownerId !== undefined
      ? await readStatement(ctx.db, model, scope.ownerId !== undefined).execute({ id, owner: scope.ownerId })
      : await selectById(ctx.db, model, id, scope.where);
  const found = rows[0];
  if (!found) throw notFound(model, id);
  const { __version, ...row } = found;
  await loadIncludes(ctx, [row], include);
  const names = include.map((s) => s.name);
  return { record: projectRow(toWire(model, row), fields, names), etag: etagOf(__version) };
}
