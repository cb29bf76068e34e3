import { getTableName } from 'drizzle-orm';
import { PG, pgErrorOf } from '../db/pg-errors.js';
import { AppError } from '../errors/app-error.js';
import type { BuiltEntity } from '../registry/model.js';

/** Database constraint errors → client errors; anything else is rethrown (500, logged, never shown). */
export function mapWriteError(model: BuiltEntity, err: unknown): never {
  const pg = pgErrorOf(err);
  // Only the entity's own unique constraints are the client's doing; one on a row an alsoInsert hook
  // adds in the same statement is a server fault.
  if (pg?.code === PG.UNIQUE_VIOLATION && (!pg.table || pg.table === getTableName(model.table))) {
    const field = (pg.constraint && model.uniqueConstraints.get(pg.constraint)) || 'id';
    throw AppError.of('CONFLICT', {
      message: `A ${model.label.singular.toLowerCase()} with this ${field} already exists`,
      details: { [field]: 'Already exists' },
      cause: err,
    });
  }
  if (pg?.code === PG.FOREIGN_KEY_VIOLATION || pg?.code === PG.RESTRICT_VIOLATION) {
    throw AppError.of('CONFLICT', {
      message: `${model.label.singular} is referenced by other records, or references a record that is gone`,
      details: { reference: 'Foreign key constraint' },
      cause: err,
    });
  }
  throw err;
}
