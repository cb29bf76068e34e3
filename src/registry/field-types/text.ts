import { text } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { TextFieldDef } from '../types.js';
import { nonBlank, refusesBlank } from './blank.js';
import type { FieldType } from './field-type.js';

const TEXT_MAX = 100_000;

/** Long text; capped (default 100k characters) so one field cannot fill the body limit's worth of rows. */
export const textType: FieldType<TextFieldDef> = {
  column: (name) => text(name),
  zod: (f) => nonBlank(z.string(), f).max(f.max ?? TEXT_MAX),
  meta: (f) => ({ minLength: refusesBlank(f) ? 1 : undefined, maxLength: f.max ?? TEXT_MAX }),
};
