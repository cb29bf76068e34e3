import type { Context, MiddlewareHandler } from 'hono';
import type { Db, Queryable } from '../db/client.js';
import { AppError } from '../errors/app-error.js';
import { clientAddress } from '../ratelimit/buckets.js';
import {
  CLAIM_STALE_MS,
  claimAgeMs,
  claimKey,
  findAnswer,
  MAX_KEY_LENGTH,
  PENDING,
  releaseClaim,
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
  /**
   * 'transaction' (default): the handler runs inside the transaction that stores its answer, so
   * both commit or neither does; right for handlers that only touch the database, briefly.
   * 'claim': for handlers that call a remote service (a model, a payment provider) — no
   * transaction is held across them. A claim row is committed first (a second request with the
   * key is 409 while it runs, on any process), the handler runs and writes as it likes, then the
   * answer replaces the claim; a failure (5xx) drops the claim so a retry runs again.
   */
  mode?: 'transaction' | 'claim';
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
  const run = options.mode === 'claim' ? runClaimed : runInTransaction;
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
      const stored = await run(options.db, c, next, { owner, key, hash });
      if (stored) c.res = replay(checked(stored, hash));
    } finally {
      running.delete(slot);
    }
  };
}

interface Keyed {
  owner: string;
  key: string;
  hash: string;
}

/** A stored row answers a repeat only when it is an answer to the same request. */
function checked(stored: StoredAnswer, hash: string): StoredAnswer {
  if (stored.requestHash !== hash) {
    throw AppError.of('IDEMPOTENCY_CONFLICT', {
      message: 'This Idempotency-Key was used with a different request',
      details: { 'Idempotency-Key': 'Already used with a different method, path or body' },
    });
  }
  if (stored.status === PENDING) throw inFlight();
  return stored;
}

/** The earlier answer to replay, or null once this request has run and its answer is stored. */
async function runInTransaction(db: Db, c: Context, next: () => Promise<void>, k: Keyed) {
  try {
    return await db.transaction(async (tx) => {
      if (!(await tryLock(tx, k.owner, k.key))) throw inFlight();
      const found = await findAnswer(tx, k.owner, k.key);
      if (found) return found;
      c.set('idempotencyTx', tx);
      await next();
      c.set('idempotencyTx', undefined);
      if (c.res.status >= 500) throw new Rollback();
      await saveAnswer(tx, k.owner, k.key, { requestHash: k.hash, ...(await answerOf(c.res)) });
      return null;
    });
  } catch (err) {
    if (err instanceof Rollback) return null;
    throw err;
  }
}

async function runClaimed(db: Db, c: Context, next: () => Promise<void>, k: Keyed) {
  const found = await db.transaction(async (tx) => {
    if (!(await tryLock(tx, k.owner, k.key))) throw inFlight();
    const row = await findAnswer(tx, k.owner, k.key);
    const abandoned = row?.status === PENDING && claimAgeMs(row) > CLAIM_STALE_MS;
    if (row && !abandoned) return row;
    await claimKey(tx, k.owner, k.key, k.hash);
    return null;
  });
  if (found) return found;
  try {
    await next();
  } catch (err) {
    await releaseClaim(db, k.owner, k.key);
    throw err;
  }
  if (c.res.status >= 500) await releaseClaim(db, k.owner, k.key);
  else await saveAnswer(db, k.owner, k.key, { requestHash: k.hash, ...(await answerOf(c.res)) });
  return null;
}
