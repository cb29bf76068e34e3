import type { Context } from 'hono';

/**
 * Headers that middleware decides before the handler runs (X-Request-ID, X-API-Version,
 * X-RateLimit-*). They are kept in a plain object and written straight into the answers built by
 * `respond`: hono's `c.header()` would build a WHATWG Headers object per request, and together with
 * @hono/node-server turning it back into a plain object that was ~5% of a READ's CPU (bench profile).
 */
declare module 'hono' {
  interface ContextVariableMap {
    answerHeaders?: Record<string, string>;
  }
}

/** Marks answers built by `respond` (a property, not a WeakSet: cheaper per request). */
const BUILT = Symbol('regis.answer');

export function setAnswerHeader(c: Context, name: string, value: string): void {
  const pending = c.get('answerHeaders');
  if (pending) pending[name] = value;
  else c.set('answerHeaders', { [name]: value });
}

/** Adds a token to the pending `Vary` header (CORS adds Origin, messages add Accept-Language). */
export function addVary(c: Context, token: string): void {
  const current = c.get('answerHeaders')?.['Vary'];
  setAnswerHeader(c, 'Vary', current ? `${current}, ${token}` : token);
}

/** An answer carrying the pending headers (then `extra`), as a Response with plain-object headers. */
export function respond(
  c: Context,
  body: string | null,
  status: number,
  extra?: Record<string, string>,
): Response {
  const res = new Response(body, { status, headers: { ...c.get('answerHeaders'), ...extra } });
  (res as unknown as Record<symbol, boolean>)[BUILT] = true;
  return res;
}

/** For answers `respond` did not build (auth, docs, streams): copies the pending headers onto them. */
export function applyAnswerHeaders(c: Context): void {
  if ((c.res as unknown as Record<symbol, boolean>)[BUILT]) return;
  const pending = c.get('answerHeaders');
  if (!pending) return;
  for (const name in pending) if (!c.res.headers.has(name)) c.header(name, pending[name]);
}
