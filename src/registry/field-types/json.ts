import { jsonb } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { JsonFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

export const jsonType: FieldType<JsonFieldDef> = {
  column: (name) => jsonb(name),
  zod: () => z.json(),
  meta: () => ({}),
};
