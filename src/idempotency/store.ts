import { createHash } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { idempotencyKeys } from '../db/system-schema.js';

export const TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_KEY_LENGTH = 255;
/** A claim (status 0, see `claimKey`) older than this is taken to be from a crashed process. */
export const CLAIM_STALE_MS = 10 * 60 * 1000;
/** `status` of a row that is a claim on a running request, not an answer yet. */
export const PENDING = 0;

export interface StoredAnswer {
  requestHash: string;
  /** PENDING (0) while a claim-mode request runs. */
  status: number;
  body: string;
  headers: Record<string, string>;
}

export function requestHash(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
}

/**
 * Takes the per caller+key transaction lock without waiting: false means another request (on any
 * process sharing the database) holds the same key right now.
 */
export async function tryLock(tx: Queryable, caller: string, key: string): Promise<boolean> {
  const rows = await tx.execute(
    sql`select pg_try_advisory_xact_lock(hashtext(${caller}), hashtext(${key})) as locked`,
  );
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { locked: boolean }[];
  return list[0]?.locked === true;
}

/** The unexpired first answer (or claim), if any. */
export async function findAnswer(
  q: Queryable,
  caller: string,
  key: string,
): Promise<(StoredAnswer & { expiresAt: Date }) | null> {
  const rows = await q
    .select({
      requestHash: idempotencyKeys.requestHash,
      status: idempotencyKeys.status,
      body: idempotencyKeys.body,
      headers: idempotencyKeys.headers,
      expiresAt: idempotencyKeys.expiresAt,
    })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.caller, caller),
        eq(idempotencyKeys.key, key),
        gt(idempotencyKeys.expiresAt, new Date()),
      ),
    );
  return rows[0] ?? null;
}

/** Saves the answer (overwriting an expired row not yet swept) in the caller's transaction. */
export async function saveAnswer(q: Queryable, caller: string, key: string, answer: StoredAnswer) {
  const expiresAt = new Date(Date.now() + TTL_MS);
  await q
    .insert(idempotencyKeys)
    .values({ caller, key, ...answer, expiresAt })
    .onConflictDoUpdate({
      target: [idempotencyKeys.caller, idempotencyKeys.key],
      set: { ...answer, expiresAt },
    });
}

/** Claim mode: marks caller + key as running (committed at once, so other processes see it). */
export async function claimKey(q: Queryable, caller: string, key: string, hash: string) {
  await saveAnswer(q, caller, key, { requestHash: hash, status: PENDING, body: '', headers: {} });
}

/** A claim's age: rows are written with expiresAt = now + TTL. */
export const claimAgeMs = (row: { expiresAt: Date }) => Date.now() - (row.expiresAt.getTime() - TTL_MS);

/** Drops a claim whose request failed, so a retry with the same key runs again. */
export async function releaseClaim(q: Queryable, caller: string, key: string) {
  await q
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.caller, caller),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.status, PENDING),
      ),
    );
}

/** Deletes expired records; called now and then by the middleware, so no cron is needed. */
export async function sweepExpired(q: Queryable): Promise<number> {
  const gone = await q
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, new Date()))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
