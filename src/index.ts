// Regis's public API: what entity files, plugins and apps import.
export type { Caller, Scope } from './access/caller.js';
export { AppError } from './errors/app-error.js';
export { defineErrorCodes } from './errors/codes.js';
export type { PluginContext, RegisServices, RequestContext } from './plugins/context.js';
export { requestContext } from './plugins/context.js';
export { definePlugin, errorFrom, type RegisPlugin } from './plugins/define-plugin.js';
export { belongsTo, defineEntity, f, hasMany } from './registry/define-entity.js';
export type {
  AccessRule,
  EntityHooks,
  EntityInput,
  FieldDef,
  HookContext,
  RecordData,
  RelationDef,
} from './registry/types.js';
