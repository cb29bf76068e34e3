import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  customType,
  type IndexBuilder,
  index,
  type PgColumnBuilderBase,
  type PgEnum,
  type PgTable,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { datetimeColumn } from './field-types/datetime.js';
import type { ColumnContext } from './field-types/index.js';
import { type BuiltEntity, type EntityModel, OWNER_FIELD, SEARCH_FIELD } from './model.js';
import { RegistryError } from './resolve.js';

/** The entity whose ids own records; rows of owned entities reference it. */
export const OWNER_ENTITY = 'users';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

interface ColumnChain {
  notNull(): ColumnChain;
  default(value: unknown): ColumnChain;
  defaultNow(): ColumnChain;
}

const WEIGHTS = ['A', 'B', 'C', 'D'] as const;

/** A literal from the declaration (never from a request), quoted for SQL. */
const quoteLiteral = (s: string) => `'${s.replaceAll("'", "''")}'`;
const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

function searchExpression(model: EntityModel): SQL {
  const lang = quoteLiteral(model.searchLanguage);
  const parts = model.search.map((name, i) => {
    const column = quoteIdent(model.fieldMap.get(name)!.column);
    const weight = quoteLiteral(WEIGHTS[Math.min(i, 3)]!);
    return `setweight(to_tsvector(${lang}::regconfig, coalesce(${column}, '')), ${weight})`;
  });
  return sql.raw(parts.join(' || '));
}

export interface BuiltTables {
  entities: BuiltEntity[];
  /** Every managed table and enum by export name: what drizzle-kit diffs into migrations. */
  kitSchema: Record<string, unknown>;
}

/** Models → drizzle tables built at run time, the way pgTable builds a static schema. */
export function buildTables(models: readonly EntityModel[]): BuiltTables {
  const tables = new Map<string, PgTable>();
  const byName = new Map(models.map((m) => [m.name, m]));
  const kitSchema: Record<string, unknown> = {};
  const idColumnOf = (entity: string) => () => {
    const table = tables.get(entity);
    if (!table) throw new RegistryError(`reference to unknown entity "${entity}"`);
    return (table as unknown as Record<string, AnyPgColumn>)['id']!;
  };

  const entities = models.map((model): BuiltEntity => {
    const enums: PgEnum<[string, ...string[]]>[] = [];
    const ctx: ColumnContext = {
      table: model.tableName,
      pgEnum: (column, values) => {
        const e = pgEnum(`${model.tableName}_${column}`, values);
        enums.push(e);
        return e;
      },
      idColumnOf,
    };
    const columns: Record<string, PgColumnBuilderBase> = { id: text('id').primaryKey() };
    if (model.owned) {
      const owner = text('owner_id').notNull();
      columns[OWNER_FIELD] = byName.has(OWNER_ENTITY)
        ? owner.references(idColumnOf(OWNER_ENTITY), { onDelete: 'cascade' })
        : owner;
    }
    for (const fm of model.fields) {
      if (fm.generated) continue;
      // Each builder has its own generic type; the modifier chain below is the same for all of them.
      let col = fm.type.column(fm.column, fm.def, ctx) as unknown as ColumnChain;
      if (fm.notNull) col = col.notNull();
      if (fm.def.type === 'datetime' && fm.def.default === 'now') col = col.defaultNow();
      else if (fm.hasDefault)
        col = col.default(fm.type.toDb ? fm.type.toDb(fm.def.default, fm.def) : fm.def.default);
      columns[fm.name] = col as unknown as PgColumnBuilderBase;
    }
    columns['createdAt'] = datetimeColumn('created_at').notNull().defaultNow();
    columns['updatedAt'] = datetimeColumn('updated_at').notNull().defaultNow();
    if (model.search.length > 0) {
      columns[SEARCH_FIELD] = tsvector('search_vector').generatedAlwaysAs(searchExpression(model));
    }

    const t = model.tableName;
    // Computed here, not in the index callback: drizzle calls that lazily.
    const uniqueConstraints = new Map(
      model.fields
        .filter((fm) => fm.def.unique && !fm.generated)
        .map((fm) => [`${t}_${fm.column}_unique`, fm.name]),
    );
    const table = pgTable(t, columns, (c) => {
      if (!model.managed) return [];
      const col = (name: string) => (c as Record<string, AnyPgColumn>)[name]!;
      const out: IndexBuilder[] = [index(`${t}_created_at_idx`).on(col('createdAt'), col('id'))];
      if (model.owned)
        out.push(index(`${t}_owner_created_idx`).on(col(OWNER_FIELD), col('createdAt'), col('id')));
      for (const fm of model.fields) {
        if (fm.generated) continue;
        if (fm.def.unique) {
          const name = `${t}_${fm.column}_unique`;
          out.push(
            model.owned
              ? uniqueIndex(name).on(col(OWNER_FIELD), col(fm.name))
              : uniqueIndex(name).on(col(fm.name)),
          );
        } else if (fm.def.indexed || fm.def.type === 'ref') {
          out.push(index(`${t}_${fm.column}_idx`).on(col(fm.name)));
        }
      }
      if (model.search.length > 0) out.push(index(`${t}_search_idx`).using('gin', col(SEARCH_FIELD)));
      return out;
    });
    tables.set(model.name, table);
    if (model.managed) {
      kitSchema[t] = table;
      for (const e of enums) kitSchema[e.enumName] = e;
    }
    return { ...model, table, uniqueConstraints };
  });
  return { entities, kitSchema };
}
