import { randomBytes } from 'node:crypto';

export interface BenchUser {
  id: string;
  /** Authorization header of a real API key (read, write, delete). */
  auth: Record<string, string>;
}

async function call(
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

/** Signs a user up through better-auth, mints an API key from the session, reads /me with it. */
export async function signUpWithKey(base: string): Promise<BenchUser> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: 'bench-password-123', name: 'Bench User' }),
  });
  if (!signUp.ok) throw new Error(`sign-up → ${signUp.status} ${await signUp.text()}`);
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const key = await call(`${base}/api/v1/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ name: 'bench', scopes: ['read', 'write', 'delete'] }),
  });
  if (key.status !== 201) throw new Error(`create key → ${key.status} ${JSON.stringify(key.body)}`);
  const auth = { authorization: `Bearer ${key.body.data.key as string}` };
  const me = await call(`${base}/api/v1/me`, { headers: auth });
  if (me.status !== 200) throw new Error(`/me → ${me.status} ${JSON.stringify(me.body)}`);
  return { id: me.body.data.id as string, auth };
}

export interface Features {
  estimated: boolean;
  cursor: boolean;
  countNone: boolean;
}

/** Which query-language features this Regis build has (count, cursor), judged by its answers. */
export async function detectFeatures(base: string, auth: Record<string, string>): Promise<Features> {
  const est = await call(`${base}/api/v1/tasks?limit=20&count=estimated`, { headers: auth });
  const none = await call(`${base}/api/v1/tasks?limit=20&count=none`, { headers: auth });
  const first = await call(`${base}/api/v1/tasks?limit=20`, { headers: auth });
  return {
    estimated: est.status === 200 && est.body.pagination?.totalEstimated === true,
    countNone: none.status === 200 && none.body.pagination?.total === null,
    cursor: first.status === 200 && typeof first.body.pagination?.nextCursor === 'string',
  };
}

/** Follows nextCursor from page 1 to page `page`; returns the path of that page. */
export async function cursorPath(
  base: string,
  path: string,
  page: number,
  headers: Record<string, string> = {},
): Promise<string> {
  let current = path;
  for (let p = 1; p < page; p++) {
    const res = await call(base + current, { headers });
    const next = res.body?.pagination?.nextCursor;
    if (res.status !== 200 || typeof next !== 'string') {
      throw new Error(
        `cursor walk stopped at page ${p}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
      );
    }
    current = `${path}&cursor=${encodeURIComponent(next)}`;
  }
  return current;
}
