import { and, eq, sql } from 'drizzle-orm';
import type { AccessScope } from '../access/scope.js';
import type { Db } from '../db/client.js';
import { type Executable, preparedOn } from '../db/prepared.js';
import { columnOf, selectionOf } from '../query/columns.js';
import { type BuiltEntity, OWNER_FIELD } from '../registry/model.js';
import type { CompanionRow, RecordData } from '../registry/types.js';
import { companionShape, companionValues, withCompanions } from './companions.js';
import { rowVersion } from './read.js';

/** A write's RETURNING list: visible fields and the new row version (aliased: it may sit in a CTE). */
export const versionedReturning = (model: BuiltEntity) => ({
  ...selectionOf(model),
  __version: rowVersion.as('__version'),
});

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

export async function preparedInsert(
  db: Db,
  model: BuiltEntity,
  values: RecordData,
  companions: readonly CompanionRow[],
): Promise<Versioned[]> {
  const columns = columnsOf(values);
  const key = `insert:${model.name}:${columns.join(',')}:${companionShape(companions)}`;
  const statement = preparedOn(db, key, (name) =>
    withCompanions(
      db,
      db.insert(model.table).values(placeholders(columns)).returning(versionedReturning(model)),
      companions,
      'placeholders',
    ).prepare(name),
  ) as Executable<Versioned[]>;
  return statement.execute({ ...values, ...companionValues(companions) });
}

/** Only for a scope of every row or the caller's own, and no If-Match (the caller checks). */
export async function preparedUpdate(
  db: Db,
  model: BuiltEntity,
  id: string,
  data: RecordData,
  scope: AccessScope,
  companions: readonly CompanionRow[],
): Promise<Versioned[]> {
  const columns = columnsOf(data);
  const owned = scope.ownerId !== undefined;
  const key = `update:${model.name}:${owned}:${columns.join(',')}:${companionShape(companions)}`;
  const statement = preparedOn(db, key, (name) =>
    withCompanions(
      db,
      db
        .update(model.table)
        .set({ ...placeholders(columns), updatedAt: sql`now()` })
        .where(
          and(
            eq(columnOf(model, 'id'), sql.placeholder('__id')),
            owned ? eq(columnOf(model, OWNER_FIELD), sql.placeholder('__owner')) : undefined,
          ),
        )
        .returning(versionedReturning(model)),
      companions,
      'placeholders',
    ).prepare(name),
  ) as Executable<Versioned[]>;
  return statement.execute({ ...data, __id: id, __owner: scope.ownerId, ...companionValues(companions) });
}

/** The prepared UPDATE fits: no version list to match, and a scope it can express. */
export const canPrepareUpdate = (scope: AccessScope, versions: unknown) =>
  !Array.isArray(versions) && (scope.where === undefined || scope.ownerId !== undefined);
