import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, mailOutbox, verification } from '../../src/auth/schema.js';
import { defineEntity, f } from '../../src/index.js';
import { createTestApp, ORIGIN, type TestApp, type TestUser } from '../helpers/test-app.js';

// A fixture entity with one non-default rule per operation (SPEC §6 per-operation rules).
const notices = defineEntity({
  name: 'notices',
  idPrefix: 'ntc',
  fields: { text: f.string({ required: true, max: 100 }), pinned: f.boolean({ default: false }) },
  access: {
    read: 'public',
    create: 'authenticated',
    update: (caller) => (caller === null ? false : { pinned: false }),
    delete: 'admin',
  },
});

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp({ env: { ADMIN_EMAILS: 'boss@example.com' }, entities: [notices] });
  alice = await t.signUp('alice@example.com');
  bob = await t.signUp('bob@example.com');
  admin = await t.signUp('boss@example.com');
});
afterAll(() => t.close());

const code = (r: { body: { code?: string } }) => r.body?.code;

describe('§6 credentials and error codes', () => {
  it('no credentials, malformed header, malformed and unknown keys are 401 UNAUTHORIZED', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer sk_live_short' },
      { authorization: `Bearer sk_live_${'x'.repeat(40)}` },
    ];
    for (const headers of variants) {
      const r = await t.request('/api/v1/tasks', { headers });
      expect(r.status).toBe(401);
      expect(code(r)).toBe('UNAUTHORIZED');
    }
  });

  it('an expired key is 401 EXPIRED_KEY', async () => {
    const made = await t.auth.keys.create(alice.id, {
      name: 'old',
      scopes: ['read'],
      expiresAt: new Date(Date.now() - 1000),
    });
    const r = await t.request('/api/v1/tasks', { headers: { authorization: `Bearer ${made.key}` } });
    expect(r.status).toBe(401);
    expect(code(r)).toBe('EXPIRED_KEY');
  });

  it('scopes map read→GET/OPTIONS, write→POST/PATCH, delete→DELETE (403 INVALID_SCOPE)', async () => {
    const full = await alice.bearer();
    const task = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: full,
      json: { title: 'scoped' },
    });
    const id = task.body.data.id;
    const read = await alice.bearer(['read']);
    const write = await alice.bearer(['write']);
    expect((await t.request('/api/v1/tasks', { headers: read })).status).toBe(200);
    expect((await t.request('/api/v1/tasks', { method: 'OPTIONS', headers: read })).status).toBe(200);
    const denied = [
      await t.request('/api/v1/tasks', { method: 'POST', headers: read, json: { title: 'x' } }),
      await t.request(`/api/v1/tasks/${id}`, { method: 'PATCH', headers: read, json: { title: 'x' } }),
      await t.request(`/api/v1/tasks/${id}`, { method: 'DELETE', headers: write }),
      await t.request(`/api/v1/tasks/${id}`, { headers: write }),
    ];
    for (const r of denied) {
      expect(r.status).toBe(403);
      expect(code(r)).toBe('INVALID_SCOPE');
    }
    expect((await t.request(`/api/v1/tasks/${id}`, { headers: read })).body.data.title).toBe('scoped');
  });
});

describe('§6 key management (session only)', () => {
  it('creates a key shown once, lists it masked, stores only a hash, and revokes it at once', async () => {
    const made = await t.request('/api/v1/keys', {
      method: 'POST',
      headers: alice.session,
      json: { name: 'Mobile App Key', scopes: ['read', 'write'] },
    });
    expect(made.status).toBe(201);
    expect(made.body.warning).toBe('Save this key securely. It will not be shown again.');
    const key: string = made.body.data.key;
    expect(key).toMatch(/^sk_live_[0-9A-Za-z]{32,}$/);
    const listed = await t.request('/api/v1/keys', { headers: alice.session });
    const entry = listed.body.data.find((k: { id: string }) => k.id === made.body.data.id);
    expect(entry.key).toBe(`${key.slice(0, 14)}...`);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, made.body.data.id));
    expect(JSON.stringify(row)).not.toContain(key.slice(8));
    const auth = { authorization: `Bearer ${key}` };
    expect((await t.request('/api/v1/tasks', { headers: auth })).status).toBe(200);
    const revoked = await t.request(`/api/v1/keys/${made.body.data.id}`, {
      method: 'DELETE',
      headers: alice.session,
    });
    expect(revoked.body).toEqual({ success: true, message: 'API key revoked successfully' });
    const after = await t.request('/api/v1/tasks', { headers: auth });
    expect(after.status).toBe(401);
  });

  it('refuses API keys on /api/v1/keys and hides other users’ keys (404)', async () => {
    const bobKey = await bob.bearer(['read', 'write', 'delete']);
    expect((await t.request('/api/v1/keys', { headers: bobKey })).status).toBe(401);
    const made = await t.request('/api/v1/keys', {
      method: 'POST',
      headers: bobKey,
      json: { name: 'n', scopes: ['read'] },
    });
    expect(made.status).toBe(401);
    const mine = await t.request('/api/v1/keys', {
      method: 'POST',
      headers: alice.session,
      json: { name: 'a', scopes: ['read'] },
    });
    const other = await t.request(`/api/v1/keys/${mine.body.data.id}`, {
      method: 'DELETE',
      headers: bob.session,
    });
    expect(other.status).toBe(404);
    expect(code(other)).toBe('NOT_FOUND');
  });

  it('validates the body with details', async () => {
    const r = await t.request('/api/v1/keys', {
      method: 'POST',
      headers: alice.session,
      json: { name: '', scopes: ['admin'] },
    });
    expect(r.status).toBe(400);
    expect(code(r)).toBe('VALIDATION_FAILED');
    expect(Object.keys(r.body.details)).toEqual(expect.arrayContaining(['name', 'scopes.0']));
  });
});

describe('§6 ownership', () => {
  it('two users never see each other’s records; another user’s id is 404; admins see all', async () => {
    const a = await alice.bearer();
    const b = await bob.bearer();
    const task = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: a,
      json: { title: 'alice only' },
    });
    const id = task.body.data.id;
    await t.request('/api/v1/comments', { method: 'POST', headers: a, json: { taskId: id, body: 'mine' } });
    const bobList = await t.request('/api/v1/tasks?filter=%7B%22title%22%3A%22alice%20only%22%7D', {
      headers: b,
    });
    expect(bobList.body.data).toEqual([]);
    expect(bobList.body.pagination.total).toBe(0);
    for (const r of [
      await t.request(`/api/v1/tasks/${id}`, { headers: b }),
      await t.request(`/api/v1/tasks/${id}`, { method: 'PATCH', headers: b, json: { title: 'stolen' } }),
      await t.request(`/api/v1/tasks/${id}`, { method: 'DELETE', headers: b }),
    ]) {
      expect(r.status).toBe(404);
      expect(code(r)).toBe('NOT_FOUND');
    }
    const ref = await t.request('/api/v1/comments', {
      method: 'POST',
      headers: b,
      json: { taskId: id, body: 'x' },
    });
    expect(ref.status).toBe(400);
    expect(ref.body.details.taskId).toBeDefined();
    // Bob's own task with an include never shows Alice's comments.
    const bobTask = await t.request('/api/v1/tasks', { method: 'POST', headers: b, json: { title: 'bob' } });
    const inc = await t.request(`/api/v1/tasks/${bobTask.body.data.id}?include=comments`, { headers: b });
    expect(inc.body.data.comments).toEqual([]);
    const boss = await admin.bearer();
    const seen = await t.request(`/api/v1/tasks/${id}?include=comments`, { headers: boss });
    expect(seen.status).toBe(200);
    expect(seen.body.data.comments.map((c: { body: string }) => c.body)).toEqual(['mine']);
    expect((await t.request(`/api/v1/tasks/${id}`, { headers: a })).body.data.title).toBe('alice only');
  });

  it('users see only themselves unless admin', async () => {
    const mine = await t.request('/api/v1/users', { headers: alice.session });
    expect(mine.body.data.map((u: { email: string }) => u.email)).toEqual(['alice@example.com']);
    const all = await t.request('/api/v1/users?limit=100', { headers: admin.session });
    expect(all.body.pagination.total).toBeGreaterThanOrEqual(3);
  });
});

describe('§6 per-operation rules', () => {
  it('public read, authenticated create, function update, admin delete; OPTIONS shows this caller’s permissions', async () => {
    const made = await t.request('/api/v1/notices', {
      method: 'POST',
      headers: bob.session,
      json: { text: 'hello', pinned: true },
    });
    expect(made.status).toBe(201);
    const id = made.body.data.id;
    expect((await t.request(`/api/v1/notices/${id}`)).status).toBe(200);
    const pinned = await t.request(`/api/v1/notices/${id}`, {
      method: 'PATCH',
      headers: alice.session,
      json: { text: 'x' },
    });
    expect(pinned.status).toBe(403);
    expect(code(pinned)).toBe('FORBIDDEN');
    const del = await t.request(`/api/v1/notices/${id}`, { method: 'DELETE', headers: alice.session });
    expect(del.status).toBe(403);
    expect(code(del)).toBe('FORBIDDEN');
    const opts = await t.request('/api/v1/notices', { method: 'OPTIONS', headers: alice.session });
    expect(opts.body.data.permissions).toEqual({ read: true, write: true, delete: false });
    const adminOpts = await t.request('/api/v1/notices', { method: 'OPTIONS', headers: admin.session });
    expect(adminOpts.body.data.permissions.delete).toBe(true);
    expect(
      (await t.request(`/api/v1/notices/${id}`, { method: 'DELETE', headers: admin.session })).status,
    ).toBe(200);
  });
});

describe('§6 /me, sessions and CSRF', () => {
  it('GET /api/v1/me answers with a key and with a session', async () => {
    const viaKey = await t.request('/api/v1/me', { headers: await alice.bearer(['read']) });
    expect(viaKey.body.data).toMatchObject({
      id: alice.id,
      email: 'alice@example.com',
      auth: { type: 'api_key' },
    });
    const viaSession = await t.request('/api/v1/me', { headers: alice.session });
    expect(viaSession.body.data).toMatchObject({ id: alice.id, auth: { type: 'session' } });
  });

  it('a state-changing session request needs a trusted Origin; GET and API keys do not', async () => {
    const cookie = { cookie: alice.session.cookie ?? '' };
    const missing = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: cookie,
      json: { title: 'csrf' },
    });
    expect(missing.status).toBe(403);
    const foreign = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...cookie, origin: 'https://evil.example' },
      json: { title: 'csrf' },
    });
    expect(foreign.status).toBe(403);
    expect((await t.request('/api/v1/tasks', { headers: cookie })).status).toBe(200);
    const ok = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...cookie, origin: ORIGIN },
      json: { title: 'fine' },
    });
    expect(ok.status).toBe(201);
  });

  it('the session cookie is HttpOnly and SameSite=Lax', async () => {
    const res = await t.app.request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'alice@example.com', password: 'correct-horse-battery-9' }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

describe('§6 email one-time codes', () => {
  it('sends a code to the outbox, stores it hashed, refuses a wrong one and signs in with the right one', async () => {
    const send = await t.app.request(`${ORIGIN}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'alice@example.com', type: 'sign-in' }),
    });
    expect(send.status).toBe(200);
    const [mail] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'alice@example.com'));
    const otp = /(\d{6})/.exec(mail!.body)![1]!;
    const stored = await t.database.db.select().from(verification);
    expect(JSON.stringify(stored)).not.toContain(otp);
    const signIn = (code: string) =>
      t.app.request(`${ORIGIN}/api/auth/sign-in/email-otp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ email: 'alice@example.com', otp: code }),
      });
    const wrong = await signIn(otp === '000000' ? '111111' : '000000');
    expect(wrong.status).toBe(400);
    const right = await signIn(otp);
    expect(right.status).toBe(200);
    expect(right.headers.getSetCookie().some((c) => c.startsWith('better-auth.session_token='))).toBe(true);
  });
});
