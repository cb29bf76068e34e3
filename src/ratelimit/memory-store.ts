import { type Hit, type LimiterStore, windowEnd } from './limiter.js';

/** One process only: a Map, counted synchronously (so atomic on the event loop). */
export function memoryStore(): LimiterStore {
  const buckets = new Map<string, Hit>();
  let hits = 0;
  const sweep = (now: number) => {
    for (const [k, v] of buckets) if (v.resetAt <= now) buckets.delete(k);
  };
  return {
    kind: 'memory',
    async hit(key, ms) {
      const now = Date.now();
      if (++hits % 10_000 === 0) sweep(now);
      const resetAt = windowEnd(now, ms);
      const cur = buckets.get(key);
      const next = cur && cur.resetAt === resetAt ? { count: cur.count + 1, resetAt } : { count: 1, resetAt };
      buckets.set(key, next);
      return next;
    },
    async close() {
      buckets.clear();
    },
  };
}
