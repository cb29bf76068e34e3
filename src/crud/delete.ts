import { and, eq, inArray } from 'drizzle-orm';
import { scopeFor } from '../access/scope.js';
import { columnOf, selectionOf } from '../query/columns.js';
import type { BuiltEntity } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import { companionRows, withCompanions } from './companions.js';
import { maybeTransaction, type OpContext } from './context.js';
import { hookContext, runAfter, runInTx } from './hooks.js';
import { explainMiss, parseIfMatch } from './precondition.js';
import { rowVersion } from './read.js';
import { toWire } from './serialize.js';
import { mapWriteError } from './write-errors.js';

/** DELETE: one statement under the caller's delete scope (and If-Match, when sent). */
export async function deleteRecord(
  ctx: OpContext,
  model: BuiltEntity,
  id: string,
  ifMatch?: string,
): Promise<RecordData> {
  const scope = scopeFor('delete', ctx.caller, model);
  const versions = parseIfMatch(ifMatch);
  const inTx = model.hooks.beforeDelete.length + model.hooks.afterDeleteInTx.length > 0;
  const record = await maybeTransaction(ctx.db, inTx, async (q) => {
    const hctx = hookContext(ctx, model, q);
    for (const hook of model.hooks.beforeDelete) await hook(hctx, { id });
    const companions = companionRows(model, hctx, { action: 'delete', id, fields: [] });
    let rows: RecordData[];
    try {
      rows = await withCompanions(
        q,
        q
          .delete(model.table)
          .where(
            and(
              eq(columnOf(model, 'id'), id),
              scope.where,
              Array.isArray(versions) ? inArray(rowVersion, versions) : undefined,
            ),
          )
          .returning(selectionOf(model)),
        companions,
        'values',
      );
    } catch (err) {
      mapWriteError(model, err);
    }
    const written = toWire(model, rows[0] ?? (await explainMiss(ctx, q, model, id, scope, versions)));
    await runInTx(ctx, model, q, 'afterDeleteInTx', { id, record: written });
    return written;
  });
  await runAfter(ctx, model, 'afterDelete', { id, record });
  return record;
}
