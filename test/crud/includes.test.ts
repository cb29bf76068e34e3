import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/access/caller.js';
import type { OpContext } from '../../src/crud/context.js';
import { listRecords } from '../../src/crud/list.js';
import type { Db } from '../../src/db/client.js';
import { parseListQuery } from '../../src/query/parse.js';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';
import { makeTasks } from '../http/list-helpers.js';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let auth: Record<string, string>;
let taskIds: string[];

const insertComment = (id: string, owner: string, task: string, author: string | null, body: string) =>
  t.database.db.execute(
    sql`insert into comments (id, owner_id, task_id, author_id, body) values (${id}, ${owner}, ${task}, ${author}, ${body})`,
  );

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.signUp('alice@acme.io');
  bob = await t.signUp('bob@other.io');
  auth = await alice.bearer();
  const made = await makeTasks(t, auth, [{ title: 'one' }, { title: 'two' }, { title: 'three' }]);
  taskIds = made.map((r) => r['id'] as string);
  // Rows the API would never let Alice create: Bob's comment on her task, Bob as her assignee.
  await t.database.db.execute(sql`update tasks set assignee_id = ${bob.id} where id = ${taskIds[1]!}`);
  await t.database.db.execute(sql`update tasks set assignee_id = ${alice.id} where id = ${taskIds[0]!}`);
  await insertComment('cmt_alice1', alice.id, taskIds[0]!, alice.id, 'mine');
  await insertComment('cmt_alice2', alice.id, taskIds[0]!, bob.id, 'mine, by bob');
  await insertComment('cmt_bob1', bob.id, taskIds[0]!, bob.id, 'bob sneaks in');
  for (let i = 0; i < 105; i++) await insertComment(`cmt_many${i}`, alice.id, taskIds[2]!, null, `c${i}`);
});
afterAll(() => t.close());

const list = (query: string) => t.request(`/api/v1/tasks?${query}`, { headers: auth });
const byTitle = (data: Array<Record<string, unknown>>, title: string) =>
  data.find((r) => r['title'] === title)!;

describe('§4 include: access rules of the included entity', () => {
  it('belongsTo embeds the record or null when the caller cannot read it', async () => {
    const res = await list('include=assignee');
    expect(byTitle(res.body.data, 'one')['assignee']).toEqual({
      id: alice.id,
      name: 'Test User',
      email: 'alice@acme.io',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(byTitle(res.body.data, 'two')['assignee']).toBeNull();
    expect(byTitle(res.body.data, 'three')['assignee']).toBeNull();
  });
  it('hasMany shows only readable children; nested belongsTo obeys its own rule', async () => {
    const res = await list('include=comments.author');
    const comments = byTitle(res.body.data, 'one')['comments'] as Array<Record<string, unknown>>;
    expect(comments.map((c) => c['id']).sort()).toEqual(['cmt_alice1', 'cmt_alice2']);
    const byBob = comments.find((c) => c['id'] === 'cmt_alice2')!;
    expect(byBob['author']).toBeNull();
    expect(comments.find((c) => c['id'] === 'cmt_alice1')!['author']).toMatchObject({ id: alice.id });
    expect(JSON.stringify(res.body)).not.toContain('bob sneaks in');
    expect(JSON.stringify(res.body)).not.toContain('bob@other.io');
  });
  it('hasMany is capped at 100 per row', async () => {
    const res = await list('include=comments');
    expect(byTitle(res.body.data, 'three')['comments']).toHaveLength(100);
  });
  it('READ includes obey the same rules', async () => {
    const res = await t.request(`/api/v1/tasks/${taskIds[1]}?include=assignee,comments`, { headers: auth });
    expect(res.body.data).toMatchObject({ assignee: null, comments: [] });
  });
  it('user records carry no auth columns', async () => {
    const res = await list('include=assignee');
    const text = JSON.stringify(res.body);
    for (const secret of ['password', 'isAdmin', 'is_admin', 'emailVerified', 'token']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('§4 include: one query per relation per page, never per row', () => {
  function countingDb(): { db: Db; selects: () => number } {
    let n = 0;
    const db = new Proxy(t.database.db, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'select' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          n++;
          return value.apply(target, args);
        };
      },
    });
    return { db, selects: () => n };
  }
  const caller = (): Caller => ({
    userId: alice.id,
    email: alice.email,
    isAdmin: false,
    scopes: ['read'],
    kind: 'session',
    credentialId: 'ses_test',
  });

  it('the number of queries does not grow with the number of rows', async () => {
    const counts: number[] = [];
    for (const limit of ['1', '3']) {
      const { db, selects } = countingDb();
      const ctx: OpContext = { db, caller: caller(), requestId: 'r', registry: t.registry };
      const model = t.registry.get('tasks')!;
      const query = parseListQuery(
        model,
        { include: 'assignee,comments.author', limit, count: 'none', sort: 'title' },
        { lookup: t.registry.get, cursorKey: 'k' },
      );
      const result = await listRecords(ctx, model, query);
      expect(result.data).toHaveLength(Number(limit));
      counts.push(selects());
    }
    expect(counts[0]).toBe(counts[1]);
    // page + assignee + comments (ranked subquery and its outer select) + nested author
    expect(counts[1]).toBe(5);
  });
});
