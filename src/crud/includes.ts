import { and, inArray, lte, sql } from 'drizzle-orm';
import { visibleWhere } from '../access/scope.js';
import { columnOf, selectionOf } from '../query/columns.js';
import { HAS_MANY_CAP, type IncludeSpec } from '../query/include.js';
import type { BuiltEntity } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';
import type { OpContext } from './context.js';
import { toWire } from './serialize.js';

async function loadBelongsTo(
  ctx: OpContext,
  target: BuiltEntity,
  ids: string[],
  where: ReturnType<typeof visibleWhere>,
) {
  if (ids.length === 0 || where === false) return [];
  return ctx.db
    .select(selectionOf(target))
    .from(target.table)
    .where(and(inArray(columnOf(target, 'id'), ids), where));
}

async function loadHasMany(
  ctx: OpContext,
  target: BuiltEntity,
  fk: string,
  ids: string[],
  where: ReturnType<typeof visibleWhere>,
): Promise<RecordData[]> {
  if (ids.length === 0 || where === false) return [];
  const fkCol = columnOf(target, fk);
  // Newest HAS_MANY_CAP children per parent, in one query for the whole page.
  const ranked = ctx.db
    .select({
      ...selectionOf(target),
      rn: sql<number>`row_number() over (partition by ${fkCol} order by ${columnOf(target, 'createdAt')} desc, ${columnOf(target, 'id')} desc)::int`.as(
        'rn',
      ),
    })
    .from(target.table)
    .where(and(inArray(fkCol, ids), where))
    .as('ranked');
  const rows = await ctx.db.select().from(ranked).where(lte(ranked.rn, HAS_MANY_CAP));
  // rn follows createdAt desc, id desc within each parent: sorting by it keeps that order.
  return rows.sort((a, b) => a.rn - b.rn).map(({ rn: _rn, ...row }) => row as RecordData);
}

/**
 * Embeds relations into raw rows: one query per relation per page (never per row), each through
 * the included entity's own read rule, then nested includes on the loaded rows.
 */
export async function loadIncludes(
  ctx: OpContext,
  rows: RecordData[],
  specs: readonly IncludeSpec[],
): Promise<void> {
  if (rows.length === 0) return;
  await Promise.all(
    specs.map(async (spec) => {
      const target = ctx.registry.get(spec.relation.entity)!;
      const where = visibleWhere(ctx.caller, target);
      const fk = spec.relation.foreignKey;
      if (spec.relation.type === 'belongsTo') {
        const ids = [...new Set(rows.map((r) => r[fk]).filter((v): v is string => typeof v === 'string'))];
        const found = await loadBelongsTo(ctx, target, ids, where);
        await loadIncludes(ctx, found, spec.nested);
        const byId = new Map(found.map((r) => [r['id'] as string, toWire(target, r)]));
        for (const row of rows) row[spec.name] = byId.get(row[fk] as string) ?? null;
      } else {
        const found = await loadHasMany(
          ctx,
          target,
          fk,
          rows.map((r) => r['id'] as string),
          where,
        );
        await loadIncludes(ctx, found, spec.nested);
        const groups = new Map<string, RecordData[]>();
        for (const r of found) {
          const key = r[fk] as string;
          const list = groups.get(key) ?? [];
          list.push(toWire(target, r));
          groups.set(key, list);
        }
        for (const row of rows) row[spec.name] = groups.get(row['id'] as string) ?? [];
      }
    }),
  );
}
