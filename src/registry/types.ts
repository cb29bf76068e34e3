import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Caller } from '../access/caller.js';

/** Modifiers every field type accepts (SPEC §2). */
export interface BaseFieldDef {
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  /** Never returned, filtered, sorted, searched or included. */
  hidden?: boolean;
  /** Clients can never set it; hooks and plugins can. */
  readOnly?: boolean;
  description?: string;
  /** Column name override; defaults to the snake_case of the field name. */
  column?: string;
}

export interface StringFieldDef extends BaseFieldDef {
  type: 'string';
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** Shown in OPTIONS and OpenAPI, e.g. "email". */
  format?: 'email' | 'url' | 'uuid';
  default?: string;
  /** A required string refuses "" and whitespace-only values; true accepts them. */
  allowBlank?: boolean;
}
export interface TextFieldDef extends BaseFieldDef {
  type: 'text';
  max?: number;
  default?: string;
  /** A required text refuses "" and whitespace-only values; true accepts them. */
  allowBlank?: boolean;
}
export interface IntegerFieldDef extends BaseFieldDef {
  type: 'integer';
  min?: number;
  max?: number;
  default?: number;
}
export interface DecimalFieldDef extends BaseFieldDef {
  type: 'decimal';
  precision: number;
  scale: number;
  min?: number;
  max?: number;
  default?: number | string;
}
export interface BooleanFieldDef extends BaseFieldDef {
  type: 'boolean';
  default?: boolean;
}
export interface EnumFieldDef extends BaseFieldDef {
  type: 'enum';
  values: readonly [string, ...string[]];
  default?: string;
}
export interface DatetimeFieldDef extends BaseFieldDef {
  type: 'datetime';
  default?: 'now';
}
export interface DateFieldDef extends BaseFieldDef {
  type: 'date';
  default?: string;
}
export interface JsonFieldDef extends BaseFieldDef {
  type: 'json';
  default?: unknown;
}
export interface StringArrayFieldDef extends BaseFieldDef {
  type: 'string[]';
  maxItems?: number;
  maxItemLength?: number;
  default?: string[];
}
export type OnDelete = 'cascade' | 'set null' | 'restrict';
export interface RefFieldDef extends BaseFieldDef {
  type: 'ref';
  /** The referenced entity's name, e.g. "users". */
  entity: string;
  onDelete?: OnDelete;
  default?: never;
}

export type FieldDef =
  | StringFieldDef
  | TextFieldDef
  | IntegerFieldDef
  | DecimalFieldDef
  | BooleanFieldDef
  | EnumFieldDef
  | DatetimeFieldDef
  | DateFieldDef
  | JsonFieldDef
  | StringArrayFieldDef
  | RefFieldDef;

export type FieldTypeName = FieldDef['type'];

export interface BelongsToDef {
  type: 'belongsTo';
  entity: string;
  foreignKey: string;
}
export interface HasManyDef {
  type: 'hasMany';
  entity: string;
  foreignKey: string;
}
export type RelationDef = BelongsToDef | HasManyDef;

export type Operation = 'list' | 'read' | 'create' | 'update' | 'delete';

/**
 * Who may do an operation (SPEC §6). A function sees the caller (null when anonymous) and returns
 * true (allowed, all rows), false (403) or a filter object that is ANDed into the query, so a rule
 * on the record works for LIST, counts and includes alike.
 */
export type AccessRule =
  | 'public'
  | 'authenticated'
  | 'owner'
  | 'admin'
  | ((caller: Caller | null) => boolean | Record<string, unknown>);

export interface AccessRules {
  read: AccessRule;
  create: AccessRule;
  update: AccessRule;
  delete: AccessRule;
}

export interface RateLimitDef {
  limit: number;
  /** "30s", "15m", "1h", "1d" */
  window: string;
}

export type Awaitable<T> = T | Promise<T>;
export type RecordData = Record<string, unknown>;

/** What every hook sees. `tx` is the write transaction for before- and *InTx hooks. */
export interface HookContext {
  caller: Caller | null;
  entity: string;
  requestId: string;
  tx: unknown;
}

export interface EntityHooks {
  beforeCreate: (ctx: HookContext, data: RecordData) => Awaitable<RecordData | undefined>;
  afterCreate: (ctx: HookContext, record: RecordData) => Awaitable<void>;
  beforeUpdate: (
    ctx: HookContext,
    change: { id: string; data: RecordData },
  ) => Awaitable<RecordData | undefined>;
  afterUpdate: (ctx: HookContext, change: { record: RecordData; changed: string[] }) => Awaitable<void>;
  beforeDelete: (ctx: HookContext, target: { id: string }) => Awaitable<void>;
  afterDelete: (ctx: HookContext, target: { id: string; record: RecordData }) => Awaitable<void>;
  /**
   * Inside the write's transaction, after the row is written: what they write (through `ctx.tx`)
   * commits with it or not at all (the audit trail), and a throw undoes the write. The plain
   * after-hooks run after commit, for side effects that must not roll back.
   */
  afterCreateInTx: EntityHooks['afterCreate'];
  afterUpdateInTx: EntityHooks['afterUpdate'];
  afterDeleteInTx: EntityHooks['afterDelete'];
  /**
   * A row the write's own statement also inserts (a data-modifying CTE): it commits with the write,
   * is not written when the write touches no row, and costs no extra statement or transaction, so a
   * log of writes (the audit trail) keeps writes on their one prepared statement. Its values may use
   * only what the write is about to do; return the same keys every time (they shape the statement).
   */
  alsoInsert: (ctx: HookContext, write: WriteIntent) => CompanionRow;
}

/** What a write is about to do, known before its statement runs. */
export interface WriteIntent {
  action: 'create' | 'update' | 'delete';
  id: string;
  /** Fields the write sets (every returned field on create; none on delete). */
  fields: readonly string[];
}

export interface CompanionRow {
  table: PgTable;
  values: Record<string, unknown>;
}

export type HookName = keyof EntityHooks;
export type HookList = { [K in HookName]: EntityHooks[K][] };

export interface EntityInput {
  /** URL segment and table name, plural: "tasks". */
  name: string;
  /** Id prefix without the underscore: "tsk". */
  idPrefix: string;
  label?: { singular: string; plural: string };
  fields: Record<string, FieldDef>;
  relations?: Record<string, RelationDef>;
  /** Fields covered by full-text search, most important first. */
  search?: readonly string[];
  searchLanguage?: string;
  /** "owner" (default): each record belongs to its creator. "shared": every signed-in caller. */
  access?: 'owner' | 'shared' | Partial<AccessRules>;
  rateLimit?: RateLimitDef;
  hooks?: Partial<EntityHooks>;
  /** Operations served; the others answer 405. Default: all. */
  operations?: readonly Operation[];
  /** Table name override (default: name). */
  table?: string;
  /**
   * Whether rows carry an owner column (default true). A system entity over a table it does not own
   * (e.g. users over the auth tables) sets false together with `managed: false`.
   */
  owned?: boolean;
  /** false: the table is created elsewhere; Regis reads it but generates no migration for it. */
  managed?: boolean;
  description?: string;
}

export type ZodMode = 'input' | 'response';
export type AnyZod = z.ZodType;
