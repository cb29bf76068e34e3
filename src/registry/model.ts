import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { FieldType } from './field-types/index.js';
import type { AccessRules, FieldDef, HookList, Operation, RateLimitDef, RelationDef } from './types.js';

/** A field after resolution: nothing optional, every rule decided once. */
export interface FieldModel {
  name: string;
  column: string;
  def: FieldDef;
  type: FieldType<FieldDef>;
  /** Validates a non-null client value; built once. */
  schema: z.ZodType;
  /** id, createdAt, updatedAt: the server sets them. */
  generated: boolean;
  /** A client may send it in CREATE/UPDATE. */
  writable: boolean;
  hidden: boolean;
  /** NOT NULL in SQL (required, or has a default). */
  notNull: boolean;
  /** Must be present in CREATE (required and no default). */
  requiredOnCreate: boolean;
  hasDefault: boolean;
}

export interface EntityModel {
  name: string;
  idPrefix: string;
  label: { singular: string; plural: string };
  description: string | undefined;
  tableName: string;
  /** Every field, generated ones first, in declaration order. */
  fields: readonly FieldModel[];
  fieldMap: ReadonlyMap<string, FieldModel>;
  relations: Readonly<Record<string, RelationDef>>;
  search: readonly string[];
  searchLanguage: string;
  access: AccessRules;
  rateLimit: RateLimitDef | undefined;
  operations: ReadonlySet<Operation>;
  owned: boolean;
  managed: boolean;
  hooks: HookList;
}

/** A model plus its built table and the unique constraints that map back to fields (for 409s). */
export interface BuiltEntity extends EntityModel {
  table: PgTable;
  uniqueConstraints: ReadonlyMap<string, string>;
}

export const OWNER_FIELD = 'ownerId';
export const SEARCH_FIELD = 'searchVector';
export const GENERATED_FIELDS = ['id', 'createdAt', 'updatedAt'] as const;
export const RESERVED_FIELDS = new Set<string>([...GENERATED_FIELDS, OWNER_FIELD, SEARCH_FIELD]);
