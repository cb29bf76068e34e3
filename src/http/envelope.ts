import type { Context, TypedResponse } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import { AppError } from '../errors/app-error.js';
import { stringify } from '../util/json.js';
import { respond } from './answer-headers.js';
import { requestLogger } from './middleware/request-id.js';
import type { AppEnv } from './types.js';

const JSON_TYPE = 'application/json; charset=UTF-8';

export function json(c: Context, payload: unknown, status = 200, headers?: Record<string, string>): Response {
  return respond(c, stringify(payload), status, { 'Content-Type': JSON_TYPE, ...headers });
}

export interface OkExtra<S extends SuccessStatusCode = SuccessStatusCode> {
  status?: S;
  headers?: Record<string, string>;
  pagination?: unknown;
  message?: string;
  warning?: string;
}

/** The body `ok` writes: `data` when there is some, and the extras given (pagination, message, warning). */
type Envelope<T, X> = { success: true } & ([T] extends [undefined] ? unknown : { data: T }) & {
    [K in Extract<keyof X, 'pagination' | 'message' | 'warning'>]: X[K];
  };
type StatusOf<X> = X extends { status: infer S extends SuccessStatusCode } ? S : 200;

/**
 * The success envelope as hono's typed response: a route's declared response schema checks the
 * handler's body at compile time (`dataOf(Schema)` ⇔ `ok(c, value)`), with no cast in the handler.
 */
export type OkResponse<T, S extends SuccessStatusCode = 200, X = unknown> = Response &
  TypedResponse<JSONParsed<Envelope<T, X>>, S, 'json'>;

/** `{"success":true,"data":…}` (+ pagination / message / warning) — every success goes through here. */
export function ok<const T, const X extends OkExtra = Record<never, never>>(
  c: Context,
  data: T,
  extra?: X,
): OkResponse<T, StatusOf<X>, X> {
  const { status = 200, headers, ...rest } = extra ?? {};
  const body: Record<string, unknown> = { success: true };
  if (data !== undefined) body['data'] = data;
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) body[k] = v;
  // The one cast: `json` writes exactly this body, so its type is the envelope of `data` and `extra`.
  return json(c, body, status, headers) as OkResponse<T, StatusOf<X>, X>;
}

/** A 201 answer in the envelope (a plugin route that made something); `ok` with `status: 201`. */
export function created<const T, const X extends Omit<OkExtra, 'status'> = Record<never, never>>(
  c: Context,
  data: T,
  extra?: X,
): OkResponse<T, 201, X> {
  return ok(c, data, { ...extra, status: 201 }) as OkResponse<T, 201, X>;
}

/** `{"success":false,"error","code","details"?}` for an AppError. */
export function fail(c: Context, err: AppError): Response {
  const body: Record<string, unknown> = { success: false, error: err.message, code: err.code };
  if (err.details) body['details'] = err.details;
  return json(c, body, err.status, err.headers);
}

/** The app's one error handler: known errors keep their code; anything else is a logged, opaque 500. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof AppError) {
    if (err.status >= 500)
      requestLogger(c)?.error({ err: err.cause ?? err, code: err.code }, 'request failed');
    return fail(c, err);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413)
      return fail(c, AppError.of('PAYLOAD_TOO_LARGE', { headers: { Connection: 'close' } }));
    if (err.status === 400 && /json/i.test(err.message)) {
      return fail(
        c,
        AppError.of('VALIDATION_FAILED', {
          status: 422,
          message: 'Request body is not valid JSON',
          details: { body: 'Malformed JSON' },
        }),
      );
    }
    if (err.status < 500)
      return fail(c, AppError.of('VALIDATION_FAILED', { status: err.status, message: err.message }));
  }
  requestLogger(c)?.error({ err }, 'unhandled error');
  const isDb = /query|database|postgres|pglite/i.test(`${err.name} ${err.message}`);
  return fail(c, AppError.of(isDb ? 'DATABASE_ERROR' : 'INTERNAL_ERROR'));
}

/** `/api/v1/<name>` or `/api/v1/<name>/<id>` where no entity or system route has that name. */
const ENTITY_PATH = /^\/api\/v1\/([^/]+)(?:\/[^/]+)?\/?$/;

export function notFoundHandler(c: Context<AppEnv>): Response {
  const entity = ENTITY_PATH.exec(c.req.path)?.[1];
  if (entity !== undefined) {
    return fail(c, AppError.of('ENTITY_NOT_FOUND', { message: `No entity named "${entity.slice(0, 64)}"` }));
  }
  return fail(c, AppError.of('NOT_FOUND', { message: `No route for ${c.req.method} ${c.req.path}` }));
}
