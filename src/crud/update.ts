import { and, eq, inArray, sql } from 'drizzle-orm';
import { scopeFor } from '../access/scope.js';
import { columnOf } from '../query/columns.js';
import type { BuiltEntity } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import { validateInput } from '../registry/validate-input.js';
import { companionRows, withCompanions } from './companions.js';
import { maybeTransaction, type OpContext } from './context.js';
import { validationFailed } from './create.js';
import { hookContext, runAfter, runBeforeData, runInTx } from './hooks.js';
import { explainMiss, parseIfMatch } from './precondition.js';
import { etagOf, type ReadResult, rowVersion } from './read.js';
import { checkReferences } from './references.js';
import { toWire } from './serialize.js';
import { mapWriteError } from './write-errors.js';
import { canPrepareUpdate, preparedUpdate, versionedReturning } from './write-statements.js';

/**
 * UPDATE (partial): only the fields sent change, updatedAt moves, and with If-Match the version
 * check is part of the same UPDATE statement, so two writers can never both win.
 */
export async function updateRecord(
  ctx: OpContext,
  model: BuiltEntity,
  id: string,
  body: RecordData,
  ifMatch?: string,
): Promise<ReadResult> {
  const scope = scopeFor('update', ctx.caller, model);
  const input = validateInput(model, 'update', body);
  if (!input.ok) throw validationFailed(input.details);
  const versions = parseIfMatch(ifMatch);
  const inTx = model.hooks.beforeUpdate.length + model.hooks.afterUpdateInTx.length > 0;
  const changed = Object.keys(input.data);
  const { record, version } = await maybeTransaction(ctx.db, inTx, async (q) => {
    const refProblems = await checkReferences(ctx, q, model, input.data);
    if (Object.keys(refProblems).length > 0) throw validationFailed(refProblems);
    const hctx = hookContext(ctx, model, q);
    const data = await runBeforeData(model, 'beforeUpdate', hctx, input.data, id);
    const versionCheck = Array.isArray(versions) ? inArray(rowVersion, versions) : undefined;
    const companions = companionRows(model, hctx, { action: 'update', id, fields: changed });
    let rows: (RecordData & { __version: string })[];
    try {
      rows =
        !inTx && canPrepareUpdate(scope, versions)
          ? await preparedUpdate(ctx.db, model, id, data, scope, companions)
          : await withCompanions(
              q,
              q
                .update(model.table)
                .set({ ...data, updatedAt: sql`now()` })
                .where(and(eq(columnOf(model, 'id'), id), scope.where, versionCheck))
                .returning(versionedReturning(model)),
              companions,
              'values',
            );
    } catch (err) {
      mapWriteError(model, err);
    }
    const { __version, ...row } = rows[0] ?? (await explainMiss(ctx, q, model, id, scope, versions));
    const written = toWire(model, row);
    await runInTx(ctx, model, q, 'afterUpdateInTx', { record: written, changed });
    return { record: written, version: __version };
  });
  await runAfter(ctx, model, 'afterUpdate', { record, changed });
  return { record, etag: etagOf(version) };
}
