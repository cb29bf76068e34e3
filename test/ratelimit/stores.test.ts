import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';
import type { Database } from '../../src/db/client.js';
import { createLimiterStore, type LimiterStore, windowMs } from '../../src/ratelimit/index.js';
import { memoryStore } from '../../src/ratelimit/memory-store.js';
import { postgresStore } from '../../src/ratelimit/postgres-store.js';
import { redisStore } from '../../src/ratelimit/redis-store.js';
import { openTestDatabase } from '../helpers/database.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const run = `regis-test-${randomBytes(6).toString('hex')}:`;

let database: Database;
const stores: Record<string, LimiterStore> = {};
beforeAll(async () => {
  database = await openTestDatabase();
  stores['memory'] = memoryStore();
  stores['redis'] = redisStore(REDIS_URL, run);
  stores['postgres'] = postgresStore(database.db, run);
});
afterAll(async () => {
  for (const s of Object.values(stores)) await s.close();
  await database.close();
});

describe('windows', () => {
  it('parses s/m/h/d and rejects anything else', () => {
    expect(windowMs('30s')).toBe(30_000);
    expect(windowMs('15m')).toBe(900_000);
    expect(windowMs('1h')).toBe(3_600_000);
    expect(windowMs('h')).toBe(3_600_000);
    expect(windowMs('2d')).toBe(172_800_000);
    expect(() => windowMs('1w')).toThrow();
  });
});

describe.each(['memory', 'redis', 'postgres'])('%s store', (kind) => {
  it('counts 60 concurrent hits on one bucket as exactly 1..60', async () => {
    const store = stores[kind]!;
    const hits = await Promise.all(Array.from({ length: 60 }, () => store.hit(`burst-${kind}`, 3_600_000)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    expect(new Set(hits.map((h) => h.resetAt)).size).toBe(1);
    expect(hits[0]!.resetAt % 3_600_000).toBe(0);
    expect(hits[0]!.resetAt).toBeGreaterThan(Date.now());
  });

  it('keeps buckets apart and starts a new window at 1', async () => {
    const store = stores[kind]!;
    expect((await store.hit(`a-${kind}`, 1000)).count).toBe(1);
    expect((await store.hit(`b-${kind}`, 1000)).count).toBe(1);
    const first = await store.hit(`w-${kind}`, 1000);
    await new Promise((r) => setTimeout(r, first.resetAt - Date.now() + 20));
    const next = await store.hit(`w-${kind}`, 1000);
    expect(next.count).toBe(1);
    expect(next.resetAt).toBeGreaterThan(first.resetAt);
  });
});

describe('store choice', () => {
  it('memory by default, Redis when REDIS_URL is set, PostgreSQL when asked', async () => {
    const pick = (env: Record<string, string>) => createLimiterStore(loadEnv(env), database.db);
    const chosen = [pick({}), pick({ REDIS_URL }), pick({ RATE_LIMIT_STORE: 'postgres', REDIS_URL })];
    expect(chosen.map((s) => s.kind)).toEqual(['memory', 'redis', 'postgres']);
    for (const s of chosen) await s.close();
    expect(() => pick({ RATE_LIMIT_STORE: 'redis' })).toThrow(/REDIS_URL/);
  });
});
