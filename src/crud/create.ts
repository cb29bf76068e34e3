import { scopeFor } from '../access/scope.js';
import { AppError } from '../errors/app-error.js';
import { visibleFieldNames } from '../query/columns.js';
import { type BuiltEntity, OWNER_FIELD } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import { validateInput } from '../registry/validate-input.js';
import { companionRows, withCompanions } from './companions.js';
import { maybeTransaction, type OpContext } from './context.js';
import { hookContext, runAfter, runBeforeData, runInTx } from './hooks.js';
import { newId } from './ids.js';
import { etagOf, type ReadResult } from './read.js';
import { checkReferences } from './references.js';
import { toWire } from './serialize.js';
import { mapWriteError } from './write-errors.js';
import { preparedInsert, versionedReturning } from './write-statements.js';

export const validationFailed = (details: Record<string, string>) =>
  AppError.of('VALIDATION_FAILED', { details });

/** CREATE: validate, check references, run before-hooks, insert; nothing is written on any error. */
export async function createRecord(
  ctx: OpContext,
  model: BuiltEntity,
  body: RecordData,
): Promise<ReadResult> {
  scopeFor('create', ctx.caller, model);
  if (model.owned && !ctx.caller) throw AppError.of('UNAUTHORIZED');
  const input = validateInput(model, 'create', body);
  if (!input.ok) throw validationFailed(input.details);
  const id = newId(model.idPrefix);
  const inTx = model.hooks.beforeCreate.length + model.hooks.afterCreateInTx.length > 0;
  const { record, version } = await maybeTransaction(ctx.db, inTx, async (q) => {
    const refProblems = await checkReferences(ctx, q, model, input.data);
    if (Object.keys(refProblems).length > 0) throw validationFailed(refProblems);
    const hctx = hookContext(ctx, model, q);
    const data = await runBeforeData(model, 'beforeCreate', hctx, { ...input.data, id }, id);
    const values = { ...data, id, ...(model.owned ? { [OWNER_FIELD]: ctx.caller!.userId } : {}) };
    const fields = visibleFieldNames(model);
    const companions = companionRows(model, hctx, { action: 'create', id, fields });
    let rows: (RecordData & { __version: string })[];
    try {
      rows = inTx
        ? await withCompanions(
            q,
            q.insert(model.table).values(values).returning(versionedReturning(model)),
            companions,
            'values',
          )
        : await preparedInsert(ctx.db, model, values, companions);
    } catch (err) {
      mapWriteError(model, err);
    }
    const { __version, ...row } = rows[0]!;
    const written = toWire(model, row);
    await runInTx(ctx, model, q, 'afterCreateInTx', written);
    return { record: written, version: __version };
  });
  await runAfter(ctx, model, 'afterCreate', record);
  return { record, etag: etagOf(version) };
}
