import { integer } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { IntegerFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export const integerType: FieldType<IntegerFieldDef> = {
  column: (name) => integer(name),
  zod: (f) =>
    z
      .number()
      .int()
      .min(Math.max(f.min ?? INT32_MIN, INT32_MIN))
      .max(Math.min(f.max ?? INT32_MAX, INT32_MAX)),
  meta: (f) => ({ minimum: f.min, maximum: f.max }),
};
