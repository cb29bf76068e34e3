import type { Context, MiddlewareHandler } from 'hono';
import { addVary, respond, setAnswerHeader } from '../answer-headers.js';
import type { AppEnv } from '../types.js';

/** Request headers Regis reads; a browser may send them cross-origin. */
const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'If-None-Match',
  'X-Request-ID',
  'X-API-Version',
  'Accept-Language',
].join(', ');

/** Answer headers a client needs to read (a browser hides all but a few unless they are listed). */
export const EXPOSE_HEADERS = [
  'X-Request-ID',
  'X-API-Version',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
  'X-Total-Count',
  'X-Page',
  'X-Per-Page',
  'Link',
  'ETag',
  'Location',
  'Allow',
  'Idempotent-Replayed',
  'Content-Language',
].join(', ');

const ALLOW_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';

/** `https://App.example.com/` → `https://app.example.com`, as browsers send Origin; null if not a URL. */
export function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** A preflight is an OPTIONS that names the method to come; one without is the real OPTIONS request. */
const isPreflight = (c: Context) =>
  c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;

function allow(c: Context, origin: string): void {
  setAnswerHeader(c, 'Access-Control-Allow-Origin', origin);
  setAnswerHeader(c, 'Access-Control-Allow-Credentials', 'true');
}

/**
 * CORS for the trusted origins only (TRUSTED_ORIGINS), with credentials: other origins get no CORS
 * headers at all, so a browser keeps their pages from reading Regis's answers. A preflight is
 * answered here, before authentication and rate limits (a browser never sends credentials with
 * one); an OPTIONS without Access-Control-Request-Method is an entity's metadata request and goes on.
 */
export function cors(trustedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const trusted = new Set(trustedOrigins.map(originOf).filter((o): o is string => o !== null));
  if (trusted.size === 0) {
    // Nothing to grant; a preflight still gets its empty answer instead of a 401 from the metadata route.
    return async function cors(c, next) {
      if (isPreflight(c)) return respond(c, null, 204);
      await next();
    };
  }
  return async function cors(c, next) {
    // Whether an answer carries CORS headers depends on Origin: caches must keep them apart.
    addVary(c, 'Origin');
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && trusted.has(origin);
    if (isPreflight(c)) {
      if (!allowed) return respond(c, null, 204);
      allow(c, origin);
      return respond(c, null, 204, {
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    if (allowed) {
      allow(c, origin);
      setAnswerHeader(c, 'Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    await next();
  };
}
