import { and, eq, sql } from 'drizzle-orm';
import { type AccessScope, scopeFor } from '../access/scope.js';
import type { Queryable } from '../db/client.js';
import { AppError } from '../errors/app-error.js';
import { columnOf } from '../query/columns.js';
import type { BuiltEntity } from '../registry/model.js';
import type { OpContext } from './context.js';
import { notFound, rowVersion } from './read.js';

/** Parses If-Match: `*`, or a list of strong/weak ETags → row versions. */
export function parseIfMatch(header: string | undefined): string[] | '*' | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''))
    .filter(Boolean);
}

/**
 * Explains why a conditional UPDATE/DELETE touched no row, cheapest question first:
 * 404 when the caller cannot see it, 403 when they can see it but not change it, 412 when it
 * changed since the ETag they hold.
 */
export async function explainMiss(
  ctx: OpContext,
  q: Queryable,
  model: BuiltEntity,
  id: string,
  opScope: AccessScope,
  versions: string[] | '*' | undefined,
): Promise<never> {
  const idCol = columnOf(model, 'id');
  const read = scopeFor('read', ctx.caller === null ? null : { ...ctx.caller, scopes: ['read'] }, model);
  const rows = await q
    .select({ v: rowVersion, writable: sql<boolean>`(${opScope.where ?? sql`true`})` })
    .from(model.table)
    .where(and(eq(idCol, id), read.where))
    .limit(1);
  const row = rows[0];
  if (!row) throw notFound(model, id);
  if (!row.writable)
    throw AppError.of('FORBIDDEN', {
      message: `You may not change this ${model.label.singular.toLowerCase()}`,
    });
  if (versions !== undefined && versions !== '*' && !versions.includes(row.v)) {
    throw AppError.of('PRECONDITION_FAILED', {
      details: { 'If-Match': 'The record has changed; read it again' },
    });
  }
  throw notFound(model, id);
}
