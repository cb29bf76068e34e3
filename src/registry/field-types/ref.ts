import { text } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { RefFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

/** A reference to another entity's id: a foreign key in SQL, checked against what the caller can see. */
export const refType: FieldType<RefFieldDef> = {
  column: (name, f, ctx) =>
    text(name).references(ctx.idColumnOf(f.entity), {
      onDelete: f.onDelete ?? (f.required ? 'restrict' : 'set null'),
    }),
  zod: () => z.string().min(1).max(128),
  meta: (f) => ({ references: f.entity }),
};
