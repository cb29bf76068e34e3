import type { Context, MiddlewareHandler } from 'hono';
import type { Db, Queryable } from '../db/client.js';
import { AppError } from '../errors/app-error.js';
import { clientAddress } from '../ratelimit/buckets.js';
import {
  findAnswer,
  MAX_KEY_LENGTH,
  requestHash,
  type StoredAnswer,
  saveAnswer,
  sweepExpired,
  tryLock,
} from './store.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The idempotency transaction: handlers behind `idempotency()` write through it (see `dbOf`). */
    idempotencyTx?: Queryable;
  }
}

export interface IdempotencyOptions {
  db: Db;
  /** Money-moving plugin routes: a POST without the header is 400. */
  required?: boolean;
  trustProxy?: boolean;
  /** Sweep expired records every N keyed requests (default 100). */
  sweepEvery?: number;
}

const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];
class Rollback extends Error {}

/** The database a handler must write through: the idempotency transaction when there is one. */
export function dbOf(c: Context, root: Db): Queryable {
  return c.get('idempotencyTx') ?? root;
}

function inFlight(): AppError {
  return AppError.of('IDEMPOTENCY_CONFLICT', {
    message: 'A request with this Idempotency-Key is still in progress',
    details: { 'Idempotency-Key': 'Still in progress; retry later' },
  });
}

function replay(answer: StoredAnswer): Response {
  const headers = new Headers(answer.headers);
  headers.set('Idempotent-Replayed', 'true');
  return new Response(answer.body, { status: answer.status, headers });
}

function readKey(c: Context, required: boolean): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined && !required) return undefined;
  if (!key || key.length > MAX_KEY_LENGTH) {
    throw AppError.of('VALIDATION_FAILED', {
      message: 'Invalid Idempotency-Key header',
      details: {
        'Idempotency-Key': key ? `At most ${MAX_KEY_LENGTH} characters` : 'Required on this endpoint',
      },
    });
  }
  return key;
}

async function answerOf(res: Response): Promise<Omit<StoredAnswer, 'requestHash'>> {
  const headers: Record<string, string> = {};
  for (const h of REPLAYED_HEADERS) {
    const v = res.headers.get(h);
    if (v !== null) headers[h] = v;
  }
  return { status: res.status, body: await res.clone().text(), headers };
}

/**
 * SPEC §8 for any POST route: the first answer per caller + Idempotency-Key is stored in the same
 * transaction as the handler's writes (the handler writes through `dbOf(c, db)`), so a crash never
 * keeps one without the other. Replays answer the stored status and body; a different body or a
 * request still running is 409. 5xx answers roll back and are not stored, so a retry may succeed.
 */
export function idempotency(options: IdempotencyOptions): MiddlewareHandler {
  const running = new Set<string>(); // same-process fast path (PGlite serialises transactions)
  let seen = 0;
  const every = options.sweepEvery ?? 100;
  return async function idempotency(c, next) {
    if (c.req.method !== 'POST') return next();
    const key = readKey(c, options.required ?? false);
    if (key === undefined) return next();
    const who = c.get('caller') as { userId: string } | null;
    const owner = who ? `user:${who.userId}` : `ip:${clientAddress(c, options.trustProxy ?? false)}`;
    const hash = requestHash('POST', c.req.path, await c.req.text());
    if (++seen % every === 0) void sweepExpired(options.db).catch(() => {});
    const slot = `${owner}\u0000${key}`;
    if (running.has(slot)) throw inFlight();
    running.add(slot);
    try {
      const stored = await options.db.transaction(async (tx) => {
        if (!(await tryLock(tx, owner, key))) throw inFlight();
        const found = await findAnswer(tx, owner, key);
        if (found) return found;
        c.set('idempotencyTx', tx);
        await next();
        c.set('idempotencyTx', undefined);
        if (c.res.status >= 500) throw new Rollback();
        await saveAnswer(tx, owner, key, { requestHash: hash, ...(await answerOf(c.res)) });
        return null;
      });
      if (!stored) return;
      if (stored.requestHash !== hash) {
        throw AppError.of('IDEMPOTENCY_CONFLICT', {
          message: 'This Idempotency-Key was used with a different request',
          details: { 'Idempotency-Key': 'Already used with a different method, path or body' },
        });
      }
      c.res = replay(stored);
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    } finally {
      running.delete(slot);
    }
  };
}
