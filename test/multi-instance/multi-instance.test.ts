import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, signUp, startCluster } from './cluster.js';

const LIMIT = 12;

describe.each([
  { store: 'postgres' as const, size: 2 },
  { store: 'redis' as const, size: 3 },
])('several instances sharing the $store store ($size nodes)', ({ store, size }) => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ size, store, env: { RATE_LIMIT_API_KEY: `${LIMIT}/1h` } });
  }, 120_000);
  afterAll(() => cluster?.close(), 30_000);

  const bearer = async (session: Record<string, string>) => {
    const made = await cluster.call(0, '/api/v1/keys', {
      method: 'POST',
      headers: session,
      json: { name: 'mi', scopes: ['read', 'write', 'delete'] },
    });
    expect(made.status).toBe(201);
    return { id: made.body.data.id as string, auth: { authorization: `Bearer ${made.body.data.key}` } };
  };

  it('a burst split over every node admits exactly the limit', async () => {
    const user = await signUp(cluster);
    const { auth } = await bearer(user.session);
    const all = await Promise.all(
      Array.from({ length: LIMIT * 3 }, (_, i) => cluster.call(i % size, '/api/v1/me', { headers: auth })),
    );
    const statuses = all.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(LIMIT * 2);
    // One shared count: the admitted answers saw every remaining value exactly once, whichever node.
    const remaining = all
      .filter((r) => r.status === 200)
      .map((r) => Number(r.headers.get('x-ratelimit-remaining')));
    expect(remaining.sort((a, b) => a - b)).toEqual(Array.from({ length: LIMIT }, (_, i) => i));
    for (let i = 0; i < size; i++) expect(all[i]!.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
  });

  it('an idempotency key used on one node replays on the others', async () => {
    const user = await signUp(cluster);
    const post = (i: number, title: string) =>
      cluster.call(i, '/api/v1/tasks', {
        method: 'POST',
        headers: { ...user.session, 'idempotency-key': 'mi-key-1' },
        json: { title },
      });
    const first = await post(0, 'once');
    expect(first.status).toBe(201);
    for (let i = 1; i < size; i++) {
      const again = await post(i, 'once');
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect((await post(i, 'different')).status).toBe(409);
    }
    const list = await cluster.call(size - 1, '/api/v1/tasks', { headers: user.session });
    expect(list.body.data.filter((t: { title: string }) => t.title === 'once')).toHaveLength(1);
  });

  it('a key revoked on one node is refused by the others within 5 s', async () => {
    const user = await signUp(cluster);
    const { id, auth } = await bearer(user.session);
    for (let i = 0; i < size; i++)
      expect((await cluster.call(i, '/api/v1/me', { headers: auth })).status).toBe(200);
    const revoked = await cluster.call(0, `/api/v1/keys/${id}`, { method: 'DELETE', headers: user.session });
    expect(revoked.status).toBe(200);
    expect((await cluster.call(0, '/api/v1/me', { headers: auth })).status).toBe(401);
    const deadline = Date.now() + 5000;
    const refused = new Set<number>();
    while (refused.size < size - 1 && Date.now() < deadline) {
      for (let i = 1; i < size; i++) {
        if ((await cluster.call(i, '/api/v1/me', { headers: auth })).status === 401) refused.add(i);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(refused.size).toBe(size - 1);
  });
});
