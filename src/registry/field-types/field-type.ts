import type { PgColumnBuilderBase, PgEnum } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { FieldDef } from '../types.js';

/** What a field looks like in OPTIONS (SPEC §3, seed shape). */
export interface FieldMeta {
  type: string;
  required: boolean;
  generated?: boolean;
  readOnly?: boolean;
  unique?: boolean;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  precision?: number;
  scale?: number;
  pattern?: string;
  format?: string;
  values?: readonly string[];
  default?: unknown;
  references?: string;
  hidden?: boolean;
}

export interface ColumnContext {
  table: string;
  /** Creates (once) the PostgreSQL enum type for a column. */
  pgEnum(column: string, values: readonly [string, ...string[]]): PgEnum<[string, ...string[]]>;
  /** Lazily resolves another entity's id column, for foreign keys. */
  idColumnOf(entity: string): () => import('drizzle-orm/pg-core').AnyPgColumn;
}

/** A field type owns its SQL column, its validation and its wire format (PocketBase's Field). */
export interface FieldType<F extends FieldDef> {
  column(column: string, f: F, ctx: ColumnContext): PgColumnBuilderBase;
  /** Validates a non-null client value (also the OpenAPI request schema). */
  zod(f: F): z.ZodType;
  /** The value as answered (OpenAPI response schema); defaults to `zod`. */
  responseZod?(f: F): z.ZodType;
  meta(f: F): Omit<FieldMeta, 'required' | 'type'>;
  /** Validated client value → value handed to drizzle. */
  toDb?(value: unknown, f: F): unknown;
  /** Value read by drizzle → JSON value. */
  toJson?(value: unknown, f: F): unknown;
}
