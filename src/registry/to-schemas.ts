import { z } from 'zod';
import type { EntityModel, FieldModel } from './model.js';

const componentName = (model: EntityModel) => model.label.singular.replace(/[^A-Za-z0-9]/g, '');

function described(fm: FieldModel, schema: z.ZodType): z.ZodType {
  return fm.def.description ? schema.describe(fm.def.description) : schema;
}

/** Schemas by mode from one model (drizzle-zod's Conditions): they differ only in what is left out or optional. */
export function toSchemas(model: EntityModel) {
  const name = componentName(model);
  const writable = model.fields.filter((fm) => fm.writable);
  const create: Record<string, z.ZodType> = {};
  const update: Record<string, z.ZodType> = {};
  for (const fm of writable) {
    const base = described(fm, fm.schema);
    const value = fm.notNull ? base : base.nullable();
    create[fm.name] = fm.requiredOnCreate ? value : value.optional();
    update[fm.name] = value.optional();
  }
  const response: Record<string, z.ZodType> = {};
  for (const fm of model.fields) {
    if (fm.hidden) continue;
    const base = described(fm, fm.type.responseZod ? fm.type.responseZod(fm.def) : fm.schema);
    response[fm.name] = fm.notNull ? base : base.nullable();
  }
  return {
    create: z.strictObject(create).meta({ id: `${name}Create` }),
    update: z.strictObject(update).meta({ id: `${name}Update` }),
    record: z.object(response).meta({ id: name }),
  };
}

export type EntitySchemas = ReturnType<typeof toSchemas>;
