import { text, varchar } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { StringFieldDef } from '../types.js';
import { nonBlank, refusesBlank } from './blank.js';
import type { FieldType } from './field-type.js';

const FORMATS = {
  email: () => z.email(),
  url: () => z.url(),
  uuid: () => z.uuid(),
};

export const stringType: FieldType<StringFieldDef> = {
  column: (name, f) => (f.max ? varchar(name, { length: f.max }) : text(name)),
  zod(f) {
    // A format (email, url, uuid) refuses blank values by itself.
    let s = f.format ? FORMATS[f.format]() : nonBlank(z.string(), f);
    if (f.min !== undefined) s = s.min(f.min);
    if (f.max !== undefined) s = s.max(f.max);
    if (f.pattern) s = s.regex(f.pattern);
    return s;
  },
  meta: (f) => ({
    minLength: f.min ?? (refusesBlank(f) && !f.format ? 1 : undefined),
    maxLength: f.max,
    pattern: f.pattern?.source,
    format: f.format,
  }),
};
