import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestResponse, type TestUser } from '../../helpers/test-app.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

/** What Chrome sends before a cross-origin POST with a key and a JSON body (no credentials on a preflight). */
const preflightHeaders = (origin: string, method = 'POST') => ({
  accept: '*/*',
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'en-US,en;q=0.9',
  'access-control-request-headers': 'authorization,content-type,idempotency-key',
  'access-control-request-method': method,
  origin,
  referer: `${origin}/`,
  'sec-fetch-dest': 'empty',
  'sec-fetch-mode': 'cors',
  'sec-fetch-site': 'cross-site',
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
});

/** What Chrome adds to the request itself. */
const corsRequestHeaders = (origin: string) => ({
  accept: '*/*',
  origin,
  referer: `${origin}/`,
  'sec-fetch-dest': 'empty',
  'sec-fetch-mode': 'cors',
  'sec-fetch-site': 'cross-site',
});

const corsHeaders = (res: TestResponse) =>
  [...res.headers.keys()].filter((k) => k.startsWith('access-control-')).sort();

let t: TestApp;
let u: TestUser;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ env: { TRUSTED_ORIGINS: `${APP}, https://other.example.com` } });
  u = await t.signUp();
  auth = await u.bearer();
});
afterAll(() => t.close());

describe('preflight (OPTIONS with Access-Control-Request-Method)', () => {
  it.each(['/api/v1/tasks', '/api/v1/tasks/tsk_whatever', '/api/auth/sign-in/email', '/api/v1/keys'])(
    'from a trusted origin is 204 with the CORS grant and no authentication: %s',
    async (path) => {
      const res = await t.request(path, { method: 'OPTIONS', headers: preflightHeaders(APP) });
      expect(res.status, res.text).toBe(204);
      expect(res.text).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PATCH, DELETE, OPTIONS');
      const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase().split(', ');
      for (const h of ['authorization', 'content-type', 'idempotency-key', 'if-match', 'accept-language'])
        expect(allowed).toContain(h);
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('vary')).toContain('Origin');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    },
  );

  it('from an untrusted origin carries no CORS headers (the browser then refuses the request)', async () => {
    const res = await t.request('/api/v1/tasks', { method: 'OPTIONS', headers: preflightHeaders(EVIL) });
    expect(res.status).toBe(204);
    expect(corsHeaders(res)).toEqual([]);
    const nullOrigin = await t.request('/api/v1/tasks', {
      method: 'OPTIONS',
      headers: preflightHeaders('null'),
    });
    expect(corsHeaders(nullOrigin)).toEqual([]);
  });

  it('does not count against anyone (no rate-limit headers, nothing authenticated)', async () => {
    const res = await t.request('/api/v1/tasks', { method: 'OPTIONS', headers: preflightHeaders(APP) });
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('the request after the preflight', () => {
  it('from a trusted origin: the answer grants it, with credentials and the headers a client reads', async () => {
    const res = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...corsRequestHeaders(APP), ...auth, 'content-type': 'application/json' },
      json: { title: 'From the browser' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const exposed = res.headers.get('access-control-expose-headers')!.split(', ');
    for (const h of ['X-Request-ID', 'X-RateLimit-Remaining', 'X-Total-Count', 'Link', 'ETag', 'Location'])
      expect(exposed).toContain(h);
    const list = await t.request('/api/v1/tasks', { headers: { ...corsRequestHeaders(APP), ...auth } });
    expect(list.headers.get('access-control-allow-origin')).toBe(APP);
    expect(list.headers.get('x-total-count')).toBe('1');
  });

  it('error answers carry the grant too, so the page can read the envelope', async () => {
    const res = await t.request('/api/v1/tasks', { headers: corsRequestHeaders(APP) });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('from an untrusted origin: no CORS headers (and a session cookie is still refused for writes)', async () => {
    const read = await t.request('/api/v1/tasks', { headers: { ...corsRequestHeaders(EVIL), ...auth } });
    expect(read.status).toBe(200);
    expect(corsHeaders(read)).toEqual([]);
    const write = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...corsRequestHeaders(EVIL), cookie: u.session['cookie']! },
      json: { title: 'Forged' },
    });
    expect(write.status).toBe(403);
    expect(corsHeaders(write)).toEqual([]);
  });

  it('a session cookie from a trusted origin may write (the origin is trusted for CSRF too)', async () => {
    const res = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...corsRequestHeaders(APP), cookie: u.session['cookie']! },
      json: { title: 'With a cookie' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('sign-in from a trusted origin is granted and sets the session cookie', async () => {
    const res = await t.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { ...corsRequestHeaders(APP), 'content-type': 'application/json' },
      json: { email: u.email, password: 'correct-horse-battery-9' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('better-auth.session_token='))).toBe(true);
  });
});

describe('OPTIONS without Access-Control-Request-Method is the entity metadata operation (SPEC §3)', () => {
  it('still needs credentials, and answers the metadata with the CORS grant', async () => {
    const anonymous = await t.request('/api/v1/tasks', {
      method: 'OPTIONS',
      headers: corsRequestHeaders(APP),
    });
    expect(anonymous.status).toBe(401);
    const res = await t.request('/api/v1/tasks', {
      method: 'OPTIONS',
      headers: { ...corsRequestHeaders(APP), ...auth },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.entity).toBe('tasks');
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('without TRUSTED_ORIGINS', () => {
  it('no origin gets CORS headers; a preflight is still answered without authentication', async () => {
    const plain = await createTestApp();
    try {
      const res = await plain.request('/api/v1/tasks', { method: 'OPTIONS', headers: preflightHeaders(APP) });
      expect(res.status).toBe(204);
      expect(corsHeaders(res)).toEqual([]);
      const read = await plain.request('/api/v1/tasks', { headers: corsRequestHeaders(APP) });
      expect(corsHeaders(read)).toEqual([]);
      expect(read.headers.get('vary')).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
