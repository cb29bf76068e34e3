import type { PgColumn } from 'drizzle-orm/pg-core';
import type { BuiltEntity, FieldModel } from '../registry/model.js';

/** The drizzle column of a field; names come from the registry, never from the request. */
export function columnOf(model: BuiltEntity, field: string): PgColumn {
  return (model.table as unknown as Record<string, PgColumn>)[field]!;
}

/** A field a client may name in filter/sort/fields: it exists and is not hidden. */
export function visibleField(model: BuiltEntity, name: string): FieldModel | undefined {
  const fm = model.fieldMap.get(name);
  return fm && !fm.hidden ? fm : undefined;
}

const visibleNames = new WeakMap<BuiltEntity, readonly string[]>();

/** Every field a response may carry, in declaration order (computed once per entity). */
export function visibleFieldNames(model: BuiltEntity): readonly string[] {
  let names = visibleNames.get(model);
  if (!names) {
    names = model.fields.filter((fm) => !fm.hidden).map((fm) => fm.name);
    visibleNames.set(model, names);
  }
  return names;
}

/** Columns a response carries: every visible field (hidden ones never leave the database). */
export function selectionOf(model: BuiltEntity, fields?: readonly string[]): Record<string, PgColumn> {
  const names = fields ?? visibleFieldNames(model);
  return Object.fromEntries(names.map((n) => [n, columnOf(model, n)]));
}
