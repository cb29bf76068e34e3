import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, verification } from '../../src/auth/schema.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

// better-auth's emailOTP plugin as configured in src/auth/better-auth.ts: 6 digits, 300 s, 3 attempts,
// stored hashed. Codes arrive through the outbox mail transport (no SMTP_URL in tests).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (path: string, body: unknown) =>
  t.app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify(body),
  });

/** Asks for a sign-in code and reads it from the newest outbox mail to that address. */
async function requestCode(email: string): Promise<string> {
  const res = await post('/api/auth/email-otp/send-verification-otp', { email, type: 'sign-in' });
  expect(res.status).toBe(200);
  const [mail] = await t.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return /(\d{6})/.exec(mail!.body)![1]!;
}

const signIn = (email: string, otp: string) => post('/api/auth/sign-in/email-otp', { email, otp });
const wrongFor = (otp: string) => (otp === '000000' ? '111111' : '000000');
const sessionCookie = (res: Response) =>
  res.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));

describe('§6 email one-time codes: bounded attempts, expiry, hashing', () => {
  it('the stored code is a hash, never the code itself', async () => {
    const otp = await requestCode('hash@example.com');
    const rows = await t.database.db.select().from(verification);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(otp);
  });

  it('after 3 wrong codes the right one is refused too (403), until a fresh code is sent', async () => {
    const email = 'bound@example.com';
    const otp = await requestCode(email);
    for (let i = 0; i < 3; i++) {
      const wrong = await signIn(email, wrongFor(otp));
      expect(wrong.status).toBe(400);
      expect(sessionCookie(wrong)).toBeUndefined();
    }
    const burnt = await signIn(email, otp);
    expect(burnt.status).toBe(403);
    expect(((await burnt.json()) as { code: string }).code).toBe('TOO_MANY_ATTEMPTS');
    expect(sessionCookie(burnt)).toBeUndefined();
    expect((await signIn(email, otp)).status).toBe(400); // the exhausted code is gone

    const fresh = await requestCode(email);
    const ok = await signIn(email, fresh);
    expect(ok.status).toBe(200);
    const cookie = sessionCookie(ok)!.split(';')[0]!;
    const me = await t.request('/api/v1/me', { headers: { cookie, origin: ORIGIN } });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(email);
  });

  it('an expired code is refused and removed', async () => {
    const email = 'expired@example.com';
    const otp = await requestCode(email);
    await t.database.db
      .update(verification)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(sql`${verification.identifier} like ${`%${email}%`}`);
    const res = await signIn(email, otp);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('OTP_EXPIRED');
    expect((await signIn(email, otp)).status).toBe(400);
  });

  it('a code is accepted once however many requests race with it: 10 concurrent → one session', async () => {
    const email = 'race@example.com';
    const otp = await requestCode(email);
    const results = await Promise.all(Array.from({ length: 10 }, () => signIn(email, otp)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 400)).toBe(true);
    expect(results.filter((r) => sessionCookie(r))).toHaveLength(1);
  });

  it('a concurrent burst of wrong codes cannot exceed the bound: at most 3 are judged, none signs in', async () => {
    const email = 'burst@example.com';
    const otp = await requestCode(email);
    const results = await Promise.all(Array.from({ length: 10 }, () => signIn(email, wrongFor(otp))));
    expect(results.every((r) => r.status === 400 || r.status === 403)).toBe(true);
    expect(results.some((r) => sessionCookie(r))).toBe(false);
    // Whatever interleaving happened, the stored record never counts more than the bound.
    const [row] = await t.database.db
      .select()
      .from(verification)
      .where(sql`${verification.identifier} like ${`%${email}%`}`);
    const attempts = row ? Number(row.value.split(':').pop()) : 'gone';
    expect(attempts === 'gone' || attempts <= 3).toBe(true);
  });
});
