import { timestamp } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { DatetimeFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

/** Millisecond precision, so a value read back into a JS Date compares equal in SQL. */
export const datetimeColumn = (name: string) =>
  timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

export const datetimeType: FieldType<DatetimeFieldDef> = {
  column: (name) => datetimeColumn(name),
  zod: () => z.iso.datetime({ offset: true }),
  meta: () => ({ format: 'date-time' }),
  toDb: (value) => new Date(value as string),
  toJson: (value) => (value instanceof Date ? value.toISOString() : value),
};
