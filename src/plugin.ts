/**
 * `regis/plugin`: what a plugin needs from the framework, and nothing else. Plugins import only this
 * entry and `regis` (test/plugins/public-imports.test.ts fails on anything else under src/). Names
 * here are stable: new needs get new exports; nothing is renamed.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './http/types.js';

// Declaring a plugin, and what it is handed.
export {
  type CommandContext,
  type PluginCommand,
  type PluginContext,
  type RequestContext,
  serviceOf,
} from './plugins/context.js';
export { definePlugin, type RegisPlugin } from './plugins/define-plugin.js';

/**
 * Public APIs plugins offer each other, keyed by name. Each plugin adds its own by module
 * augmentation of this entry: `declare module 'regis/plugin' { interface RegisServices { credits: CreditsApi } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by module augmentation
export interface RegisServices {}

// Errors: one catalogue per plugin, and the core codes.
export { AppError, type AppErrorOptions, type ErrorDetails, isAppError } from './errors/app-error.js';
export type { ErrorCodeDef } from './errors/codes.js';
export { coreErrors, defineErrors, type ErrorCatalogue, type ErrorCode } from './errors/define-errors.js';

// Routes: the app they mount on, answers, the caller, idempotency, the request's logger.
/** The app a plugin's `routes(app, ctx)` mounts on: under /api/v1, behind auth, rate limit and envelope. */
export type PluginApp = OpenAPIHono<AppEnv>;

// OpenAPI: route declarations and the shared schemas and answers.
export { createRoute, z } from '@hono/zod-openapi';
// Types plugins meet in hooks and services.
export { type Caller, type CredentialKind, credentialRef, type Scope } from './access/caller.js';
// Data: the database handle, the users table (for references), ids, money, attempt limits.
export { user as usersTable } from './auth/schema.js';
export { newId, randomBase62 } from './crud/ids.js';
export type { Db, Queryable, Tx } from './db/client.js';
export { created, type OkExtra, ok } from './http/envelope.js';
export { dbOf, type IdempotencyOptions, idempotency } from './http/middleware/idempotency.js';
export { requestLogger } from './http/middleware/request-id.js';
export {
  COMMON_ERRORS,
  dataOf,
  ErrorSchema,
  errorResponse,
  errorResponses,
  IDEMPOTENCY_CONFLICT,
  idempotencyHeader,
  MessageSchema,
  NO_QUERY,
  PaginationSchema,
  SECURITY,
} from './http/openapi/common.js';
export { callerWith, requestContext } from './http/request-context.js';
export type { AppEnv, AppVariables } from './http/types.js';
export { type AttemptLimitOptions, attemptLimiter } from './ratelimit/attempts.js';
export type { Registry } from './registry/registry.js';
export type {
  CompanionRow,
  EntityHooks,
  EntityInput,
  HookContext,
  RecordData,
  WriteIntent,
} from './registry/types.js';
export { RawNumber } from './util/json.js';
export { money } from './util/money.js';
