import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Caller, Scope } from '../access/caller.js';
import { newId, randomBase62 } from '../crud/ids.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors/app-error.js';
import { TtlCache } from './key-cache.js';
import { apiKeys, user } from './schema.js';

export const KEY_PREFIX = 'sk_live_';
const KEY_BODY = 40;
const KEY_RE = /^sk_live_[0-9A-Za-z]{32,64}$/;
const DISPLAY_CHARS = KEY_PREFIX.length + 6;

/** SHA-256 is right for a 238-bit random key: no salt or slow hash needed, and lookup stays an index read. */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url');

interface KeyRecord {
  keyId: string;
  userId: string;
  email: string;
  isAdmin: boolean;
  scopes: Scope[];
  expiresAt: Date | null;
}

export interface KeyStoreOptions {
  cacheTtlMs: number;
  /** How often used keys' lastUsedAt is written, in one statement for all of them. */
  flushEveryMs?: number;
}

/**
 * API keys: create / list / revoke, and verification that costs one indexed read at most every
 * `cacheTtlMs` per key (verified keys are cached in process; a revoke drops the entry at once here
 * and other nodes' entries expire within the TTL, or sooner when told through `onRevoked`).
 */
export function createKeyStore(db: Db, options: KeyStoreOptions) {
  const cache = new TtlCache<KeyRecord | null>(options.cacheTtlMs);
  const used = new Set<string>();
  const flushLastUsed = async () => {
    if (used.size === 0) return;
    const ids = [...used];
    used.clear();
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(inArray(apiKeys.id, ids));
  };
  const timer = setInterval(() => void flushLastUsed().catch(() => {}), options.flushEveryMs ?? 10_000);
  timer.unref();

  async function lookup(hash: string): Promise<KeyRecord | null> {
    const rows = await db
      .select({
        keyId: apiKeys.id,
        userId: apiKeys.userId,
        scopes: apiKeys.scopes,
        expiresAt: apiKeys.expiresAt,
        email: user.email,
        isAdmin: user.isAdmin,
      })
      .from(apiKeys)
      .innerJoin(user, eq(user.id, apiKeys.userId))
      .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
      .limit(1);
    const row = rows[0];
    return row ?? null;
  }

  return {
    async verify(key: string): Promise<Caller> {
      if (!KEY_RE.test(key)) throw AppError.of('UNAUTHORIZED', { message: 'Malformed API key' });
      const hash = hashKey(key);
      let record = cache.get(hash);
      if (record === undefined) {
        record = await lookup(hash);
        cache.set(hash, record);
      }
      if (!record) throw AppError.of('UNAUTHORIZED', { message: 'Invalid API key' });
      if (record.expiresAt && record.expiresAt.getTime() <= Date.now()) throw AppError.of('EXPIRED_KEY');
      used.add(record.keyId);
      return {
        userId: record.userId,
        email: record.email,
        isAdmin: record.isAdmin,
        scopes: record.scopes,
        kind: 'api_key',
        credentialId: record.keyId,
      };
    },

    async create(userId: string, input: { name: string; scopes: Scope[]; expiresAt?: Date | null }) {
      const key = KEY_PREFIX + randomBase62(KEY_BODY);
      const rows = await db
        .insert(apiKeys)
        .values({
          id: newId('key'),
          userId,
          name: input.name,
          keyHash: hashKey(key),
          displayPrefix: key.slice(0, DISPLAY_CHARS),
          scopes: [...new Set(input.scopes)],
          expiresAt: input.expiresAt ?? null,
        })
        .returning();
      const row = rows[0]!;
      return {
        id: row.id,
        name: row.name,
        key,
        scopes: row.scopes,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
      };
    },

    async list(userId: string) {
      const rows = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
        .orderBy(desc(apiKeys.createdAt));
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        key: `${r.displayPrefix}...`,
        scopes: r.scopes,
        createdAt: r.createdAt,
        lastUsedAt: r.lastUsedAt,
        expiresAt: r.expiresAt,
      }));
    },

    /** Revokes one of the user's keys; false when they have no such key. */
    async revoke(userId: string, keyId: string): Promise<boolean> {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      if (rows.length === 0) return false;
      cache.deleteWhere((r) => r?.keyId === keyId);
      return true;
    },

    /** Another node revoked a key: forget it now rather than when the TTL runs out. */
    forget(keyId: string) {
      cache.deleteWhere((r) => r?.keyId === keyId);
    },

    async close() {
      clearInterval(timer);
      await flushLastUsed().catch(() => {});
    },
  };
}

export type KeyStore = ReturnType<typeof createKeyStore>;
