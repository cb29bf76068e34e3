import type { Env } from '../config/env.js';
import type { Db } from '../db/client.js';
import type { LimiterStore } from './limiter.js';
import { memoryStore } from './memory-store.js';
import { postgresStore } from './postgres-store.js';
import { redisStore } from './redis-store.js';

export type { Hit, LimiterStore } from './limiter.js';
export { windowMs } from './limiter.js';

/** RATE_LIMIT_STORE wins; otherwise Redis when REDIS_URL is set, else memory (one process). */
export function createLimiterStore(env: Env, db: Db): LimiterStore {
  const kind = env.RATE_LIMIT_STORE ?? (env.REDIS_URL ? 'redis' : 'memory');
  if (kind === 'redis') {
    if (!env.REDIS_URL) throw new Error('RATE_LIMIT_STORE=redis needs REDIS_URL');
    return redisStore(env.REDIS_URL, env.RATE_LIMIT_PREFIX);
  }
  if (kind === 'postgres') return postgresStore(db, env.RATE_LIMIT_PREFIX);
  return memoryStore();
}
