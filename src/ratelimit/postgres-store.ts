import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rateLimits } from '../db/system-schema.js';
import { type LimiterStore, windowEnd } from './limiter.js';

const SWEEP_EVERY = 1000;

/**
 * Shared through the database: one `insert … on conflict do update … returning` per hit. The row
 * lock taken by the upsert serialises concurrent hits, so each sees its own count (PGlite too).
 */
export function postgresStore(db: Db, prefix = ''): LimiterStore {
  let hits = 0;
  return {
    kind: 'postgres',
    async hit(key, ms) {
      const now = Date.now();
      const resetAt = windowEnd(now, ms);
      // Expired rows are deleted now and then, so the table stays the size of the live buckets.
      if (++hits % SWEEP_EVERY === 0) await db.delete(rateLimits).where(lt(rateLimits.resetAt, now));
      const rows = await db
        .insert(rateLimits)
        .values({ key: prefix + key, resetAt, count: 1 })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${rateLimits.resetAt} >= excluded.reset_at then ${rateLimits.count} + 1 else 1 end`,
            resetAt: sql`greatest(${rateLimits.resetAt}, excluded.reset_at)`,
          },
        })
        .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
      const row = rows[0]!;
      return { count: row.count, resetAt: Number(row.resetAt) };
    },
    async close() {},
  };
}
