import { z } from 'zod';
import type { EnumFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

/** A PostgreSQL enum type, so the database refuses other values and sorts in declaration order. */
export const enumType: FieldType<EnumFieldDef> = {
  column: (name, f, ctx) => ctx.pgEnum(name, f.values)(name),
  zod: (f) => z.enum(f.values),
  meta: (f) => ({ values: f.values }),
};
