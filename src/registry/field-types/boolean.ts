import { boolean } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { BooleanFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

export const booleanType: FieldType<BooleanFieldDef> = {
  column: (name) => boolean(name),
  zod: () => z.boolean(),
  meta: () => ({}),
};
