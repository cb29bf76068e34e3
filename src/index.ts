/**
 * `regis`: declaring entities (and, for apps that embed Regis, starting it). Plugins use
 * `regis/plugin` besides. Names here are stable: new needs get new exports; nothing is renamed.
 */
export type { Caller, CredentialKind, Scope } from './access/caller.js';
export { belongsTo, defineEntity, f, hasMany } from './registry/define-entity.js';
export type {
  AccessRule,
  AccessRules,
  EntityHooks,
  EntityInput,
  FieldDef,
  HookContext,
  Operation,
  RateLimitDef,
  RecordData,
  RelationDef,
} from './registry/types.js';
