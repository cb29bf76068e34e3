import { and, eq, sql } from 'drizzle-orm';
import type { AccessScope } from '../access/scope.js';
import type { Db } from '../db/client.js';
import { type Executable, preparedOn } from '../db/prepared.js';
import { columnOf, selectionOf } from '../query/columns.js';
import { type BuiltEntity, OWNER_FIELD } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import { rowVersion } from './read.js';

/**
 * CREATE and PATCH without hooks that need a transaction, as prepared statements per entity and
 * column set: building an INSERT or UPDATE with drizzle per request was ~25% of their CPU in the
 * bench profile. Values bind through each column's encoder, exactly as drizzle binds them unprepared.
 */
type Versioned = RecordData & { __version: string };

/** The columns a write sets, in a stable order (undefined means "not given": the default applies). */
const columnsOf = (values: RecordData) =>
  Object.keys(values)
    .filter((k) => values[k] !== undefined)
    .sort();

const placeholders = (columns: readonly string[]) =>
  Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)]));

export async function preparedInsert(db: Db, model: BuiltEntity, values: RecordData): Promise<Versioned[]> {
  const columns = columnsOf(values);
  const statement = preparedOn(db, `insert:${model.name}:${columns.join(',')}`, (name) =>
    db
      .insert(model.table)
      .values(placeholders(columns))
      .returning({ ...selectionOf(model), __version: rowVersion })
      .prepare(name),
  ) as Executable<Versioned[]>;
  return statement.execute(values);
}

/** Only for a scope of every row or the caller's own, and no If-Match (the caller checks). */
export async function preparedUpdate(
  db: Db,
  model: BuiltEntity,
  id: string,
  data: RecordData,
  scope: AccessScope,
): Promise<Versioned[]> {
  const columns = columnsOf(data);
  const owned = scope.ownerId !== undefined;
  const statement = preparedOn(db, `update:${model.name}:${owned}:${columns.join(',')}`, (name) =>
    db
      .update(model.table)
      .set({ ...placeholders(columns), updatedAt: sql`now()` })
      .where(
        and(
          eq(columnOf(model, 'id'), sql.placeholder('__id')),
          owned ? eq(columnOf(model, OWNER_FIELD), sql.placeholder('__owner')) : undefined,
        ),
      )
      .returning({ ...selectionOf(model), __version: rowVersion })
      .prepare(name),
  ) as Executable<Versioned[]>;
  return statement.execute({ ...data, __id: id, __owner: scope.ownerId });
}

/** The prepared UPDATE fits: no version list to match, and a scope it can express. */
export const canPrepareUpdate = (scope: AccessScope, versions: unknown) =>
  !Array.isArray(versions) && (scope.where === undefined || scope.ownerId !== undefined);
