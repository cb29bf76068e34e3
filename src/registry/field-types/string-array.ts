import { text } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { StringArrayFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

export const stringArrayType: FieldType<StringArrayFieldDef> = {
  column: (name) => text(name).array(),
  zod: (f) => z.array(z.string().max(f.maxItemLength ?? 1000)).max(f.maxItems ?? 100),
  meta: (f) => ({ maximum: f.maxItems }),
};
