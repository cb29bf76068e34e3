import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFor, createUser, makeAdmin } from '../../src/cli/users.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('CLI user and key commands', () => {
  it('creates a user, makes them admin and mints a working key printed once', async () => {
    const made = await createUser(t.auth, t.database.db, {
      email: 'ops@example.com',
      password: 'correct-horse-9',
      name: 'Ops',
    });
    expect(made.admin).toBe(false);
    expect(await makeAdmin(t.database.db, 'ops@example.com')).toBe(true);
    expect(await makeAdmin(t.database.db, 'nobody@example.com')).toBe(false);
    const key = await createKeyFor(t.auth, t.database.db, 'ops@example.com', 'cli', ['read']);
    expect(key.key).toMatch(/^sk_live_/);
    const me = await t.request('/api/v1/me', { headers: { authorization: `Bearer ${key.key}` } });
    expect(me.body.data).toMatchObject({ email: 'ops@example.com', isAdmin: true });
    await expect(createKeyFor(t.auth, t.database.db, 'ops@example.com', 'x', ['root'])).rejects.toThrow(
      /scopes/,
    );
  });
});
