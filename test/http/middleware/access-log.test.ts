import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

const logs: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logs });
});
afterAll(() => t.close());

const accessLines = () =>
  logs
    .flatMap((l) => l.split('\n'))
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l['msg'] === 'request');

describe('structured access log', () => {
  it('one JSON line per request with request id, caller, route, method, status and duration', async () => {
    const u = await t.signUp();
    const auth = await u.bearer(['read']);
    const keyId = (await t.request('/api/v1/keys', { headers: u.session })).body.data[0].id;
    logs.length = 0;
    const res = await t.request('/api/v1/me', { headers: { ...auth, 'x-request-id': 'req-log-1' } });
    expect(res.status).toBe(200);
    const [line] = accessLines();
    expect(line).toMatchObject({
      level: 30,
      requestId: 'req-log-1',
      method: 'GET',
      route: '/api/v1/me',
      path: '/api/v1/me',
      status: 200,
      userId: u.id,
      keyId,
    });
    expect(typeof line!['durationMs']).toBe('number');
  });

  it('errors are logged with their status too (404, 401)', async () => {
    logs.length = 0;
    await t.request('/api/v1/me');
    await t.request('/nowhere');
    expect(accessLines().map((l) => l['status'])).toEqual([401, 404]);
  });
});

describe('secrets never reach the logs', () => {
  it('no API key, cookie, password or Authorization header text in any line', async () => {
    logs.length = 0;
    const password = 'correct-horse-battery-9';
    const u = await t.signUp(`secret_${Date.now()}@example.com`);
    const made = await t.request('/api/v1/keys', {
      method: 'POST',
      headers: u.session,
      json: { name: 'k', scopes: ['read'] },
    });
    const key = made.body.data.key as string;
    await t.request('/api/v1/me', { headers: { authorization: `Bearer ${key}` } });
    await t.request('/api/v1/me', { headers: u.session });
    await t.request('/api/v1/me', { headers: { authorization: `Bearer ${key}x` } });
    await t.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { origin: 'http://localhost' },
      json: { email: u.email, password },
    });
    const all = logs.join('\n');
    expect(accessLines().length).toBeGreaterThanOrEqual(4);
    const cookieValue = u.session['cookie']!.split('=')[1]!.split(';')[0]!;
    for (const secret of [key, key.slice(8), cookieValue, password, 'Bearer ']) {
      expect(all).not.toContain(secret);
    }
  });

  it('LOG_LEVEL=warn drops the info access lines', async () => {
    const quiet: string[] = [];
    const q = await createTestApp({ logs: quiet, env: { LOG_LEVEL: 'warn' } });
    try {
      await q.request('/api/v1/me');
      expect(quiet.join('')).not.toContain('"msg":"request"');
    } finally {
      await q.close();
    }
  });
});
