import type { BuiltEntity } from '../registry/model.js';
import type { EntityHooks, HookContext, RecordData } from '../registry/types.js';
import type { OpContext } from './context.js';

export function hookContext(ctx: OpContext, model: BuiltEntity, tx: unknown): HookContext {
  return { caller: ctx.caller, entity: model.name, requestId: ctx.requestId, tx };
}

type BeforeDataHook = 'beforeCreate' | 'beforeUpdate';

/** Before-hooks in order (entity's own, then plugins'); each may return replacement data. */
export async function runBeforeData(
  model: BuiltEntity,
  name: BeforeDataHook,
  hctx: HookContext,
  data: RecordData,
  id: string,
): Promise<RecordData> {
  let current = data;
  for (const hook of model.hooks[name]) {
    const next =
      name === 'beforeCreate'
        ? await (hook as EntityHooks['beforeCreate'])(hctx, current)
        : await (hook as EntityHooks['beforeUpdate'])(hctx, { id, data: current });
    if (next) current = next;
  }
  return current;
}

/** The *InTx hooks, in the write's transaction: a throw propagates and undoes the write. */
export async function runInTx<K extends 'afterCreateInTx' | 'afterUpdateInTx' | 'afterDeleteInTx'>(
  ctx: OpContext,
  model: BuiltEntity,
  tx: unknown,
  name: K,
  arg: Parameters<EntityHooks[K]>[1],
): Promise<void> {
  const hooks = model.hooks[name] as ((c: HookContext, a: typeof arg) => unknown)[];
  if (hooks.length === 0) return;
  const hctx = hookContext(ctx, model, tx);
  for (const hook of hooks) await hook(hctx, arg);
}

/** After-hooks run once the write has committed; a failing one is reported, never undoes the write. */
export async function runAfter<K extends 'afterCreate' | 'afterUpdate' | 'afterDelete'>(
  ctx: OpContext,
  model: BuiltEntity,
  name: K,
  arg: Parameters<EntityHooks[K]>[1],
): Promise<void> {
  const hctx = hookContext(ctx, model, ctx.db);
  for (const hook of model.hooks[name]) {
    try {
      await (hook as (c: HookContext, a: typeof arg) => unknown)(hctx, arg);
    } catch (err) {
      ctx.onHookError?.(err);
    }
  }
}
