import { Redis } from 'ioredis';
import { type LimiterStore, windowEnd } from './limiter.js';

// INCR + PEXPIREAT in one script: Redis runs it atomically, so concurrent hits never share a count.
const SCRIPT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
return c`;

/** Shared by every process using the same Redis; the key carries the window so it resets itself. */
export function redisStore(url: string, prefix = 'regis:rl:'): LimiterStore {
  const client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  client.defineCommand('regisHit', { numberOfKeys: 1, lua: SCRIPT });
  const hit = client as unknown as { regisHit(key: string, expireAt: number): Promise<number> };
  return {
    kind: 'redis',
    async hit(key, ms) {
      const resetAt = windowEnd(Date.now(), ms);
      const count = await hit.regisHit(`${prefix}${key}:${resetAt}`, resetAt + 1000);
      return { count: Number(count), resetAt };
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
