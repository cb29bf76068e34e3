import { and, eq } from 'drizzle-orm';
import { visibleWhere } from '../access/scope.js';
import type { Queryable } from '../db/client.js';
import type { ErrorDetails } from '../errors/app-error.js';
import { columnOf } from '../query/columns.js';
import type { BuiltEntity } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import type { OpContext } from './context.js';

/**
 * Every reference in `data` must point at a record the caller can see; otherwise the field is
 * named in `details` (someone else's record looks exactly like a missing one).
 */
export async function checkReferences(
  ctx: OpContext,
  q: Queryable,
  model: BuiltEntity,
  data: RecordData,
): Promise<ErrorDetails> {
  const details: ErrorDetails = {};
  const checks = model.fields.map(async (fm) => {
    const value = data[fm.name];
    if (fm.def.type !== 'ref' || typeof value !== 'string') return;
    const target = ctx.registry.get(fm.def.entity)!;
    const where = visibleWhere(ctx.caller, target);
    const found =
      where !== false &&
      (await q
        .select({ id: columnOf(target, 'id') })
        .from(target.table)
        .where(and(eq(columnOf(target, 'id'), value), where))
        .limit(1));
    if (!found || found.length === 0)
      details[fm.name] = `No ${target.label.singular.toLowerCase()} with id ${value}`;
  });
  await Promise.all(checks);
  return details;
}
