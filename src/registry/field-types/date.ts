import { date } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { DateFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

export const dateType: FieldType<DateFieldDef> = {
  column: (name) => date(name, { mode: 'string' }),
  zod: () => z.iso.date(),
  meta: () => ({ format: 'date' }),
};
