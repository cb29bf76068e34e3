import type { FieldDef, FieldTypeName } from '../types.js';
import { booleanType } from './boolean.js';
import { dateType } from './date.js';
import { datetimeType } from './datetime.js';
import { decimalType } from './decimal.js';
import { enumType } from './enum.js';
import type { FieldType } from './field-type.js';
import { integerType } from './integer.js';
import { jsonType } from './json.js';
import { refType } from './ref.js';
import { stringType } from './string.js';
import { stringArrayType } from './string-array.js';
import { textType } from './text.js';

type FieldTypes = { [K in FieldTypeName]: FieldType<Extract<FieldDef, { type: K }>> };

/** Every field type, by name: a new type is one file plus one line here. */
export const FIELD_TYPES: FieldTypes = {
  string: stringType,
  text: textType,
  integer: integerType,
  decimal: decimalType,
  boolean: booleanType,
  enum: enumType,
  datetime: datetimeType,
  date: dateType,
  json: jsonType,
  'string[]': stringArrayType,
  ref: refType,
};

/** The type of a field, widened once here so callers need no cast. */
export function fieldTypeOf(def: FieldDef): FieldType<FieldDef> {
  return FIELD_TYPES[def.type] as FieldType<FieldDef>;
}

export type { ColumnContext, FieldMeta, FieldType } from './field-type.js';
