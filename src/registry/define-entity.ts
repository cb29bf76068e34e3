import type {
  BelongsToDef,
  BooleanFieldDef,
  DateFieldDef,
  DatetimeFieldDef,
  DecimalFieldDef,
  EntityInput,
  EnumFieldDef,
  HasManyDef,
  IntegerFieldDef,
  JsonFieldDef,
  RefFieldDef,
  StringArrayFieldDef,
  StringFieldDef,
  TextFieldDef,
} from './types.js';

/** Declares an entity: typed identity, no work (the registry resolves it). */
export function defineEntity<const E extends EntityInput>(entity: E): E {
  return entity;
}

type Opts<F> = Omit<F, 'type'>;

/** Field builders, so a declaration reads `title: f.string({ required: true, max: 200 })`. */
export const f = {
  string: (o: Opts<StringFieldDef> = {}): StringFieldDef => ({ type: 'string', ...o }),
  text: (o: Opts<TextFieldDef> = {}): TextFieldDef => ({ type: 'text', ...o }),
  integer: (o: Opts<IntegerFieldDef> = {}): IntegerFieldDef => ({ type: 'integer', ...o }),
  decimal: (precision: number, scale: number, o: Omit<Opts<DecimalFieldDef>, 'precision' | 'scale'> = {}) =>
    ({ type: 'decimal', precision, scale, ...o }) satisfies DecimalFieldDef,
  boolean: (o: Opts<BooleanFieldDef> = {}): BooleanFieldDef => ({ type: 'boolean', ...o }),
  enum: <const V extends readonly [string, ...string[]]>(
    values: V,
    o: Omit<Opts<EnumFieldDef>, 'values'> = {},
  ) => ({ type: 'enum', values, ...o }) satisfies EnumFieldDef,
  datetime: (o: Opts<DatetimeFieldDef> = {}): DatetimeFieldDef => ({ type: 'datetime', ...o }),
  date: (o: Opts<DateFieldDef> = {}): DateFieldDef => ({ type: 'date', ...o }),
  json: (o: Opts<JsonFieldDef> = {}): JsonFieldDef => ({ type: 'json', ...o }),
  stringArray: (o: Opts<StringArrayFieldDef> = {}): StringArrayFieldDef => ({ type: 'string[]', ...o }),
  ref: (entity: string, o: Omit<Opts<RefFieldDef>, 'entity'> = {}): RefFieldDef => ({
    type: 'ref',
    entity,
    ...o,
  }),
};

export const belongsTo = (entity: string, foreignKey: string): BelongsToDef => ({
  type: 'belongsTo',
  entity,
  foreignKey,
});

export const hasMany = (entity: string, foreignKey: string): HasManyDef => ({
  type: 'hasMany',
  entity,
  foreignKey,
});
