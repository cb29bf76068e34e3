import { createHash } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { idempotencyKeys } from '../db/system-schema.js';

export const TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_KEY_LENGTH = 255;

export interface StoredAnswer {
  requestHash: string;
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

/** The unexpired first answer, if any. */
export async function findAnswer(q: Queryable, caller: string, key: string): Promise<StoredAnswer | null> {
  const rows = await q
    .select({
      requestHash: idempotencyKeys.requestHash,
      status: idempotencyKeys.status,
      body: idempotencyKeys.body,
      headers: idempotencyKeys.headers,
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

/** Deletes expired records; called now and then by the middleware, so no cron is needed. */
export async function sweepExpired(q: Queryable): Promise<number> {
  const gone = await q
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, new Date()))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
