import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyStore } from '../../src/auth/api-keys.js';
import { apiKeys } from '../../src/auth/schema.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('API key verification cache', () => {
  it('a verified key is served from the cache: a row changed behind its back is not re-read within the TTL', async () => {
    const user = await t.signUp();
    const auth = await user.bearer(['read']);
    expect((await t.request('/api/v1/tasks', { headers: auth })).status).toBe(200);
    // Revoke in SQL only (no service call, no NOTIFY): a cached key keeps working until its TTL ends.
    await t.database.db.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.userId, user.id));
    expect((await t.request('/api/v1/tasks', { headers: auth })).status).toBe(200);
    const uncached = createKeyStore(t.database.db, { cacheTtlMs: 0 });
    await expect(uncached.verify(auth.authorization!.slice(7))).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await uncached.close();
  });

  it('lastUsedAt is written in one batch later, not on every request', async () => {
    const user = await t.signUp();
    const made = await t.auth.keys.create(user.id, { name: 'batched', scopes: ['read'] });
    const store = createKeyStore(t.database.db, { cacheTtlMs: 5000, flushEveryMs: 60_000 });
    for (let i = 0; i < 5; i++) await store.verify(made.key);
    const before = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, made.id));
    expect(before[0]!.lastUsedAt).toBeNull();
    await store.close(); // flushes what was used
    const after = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, made.id));
    expect(after[0]!.lastUsedAt).toBeInstanceOf(Date);
  });
});
