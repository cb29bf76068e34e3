import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutSessions, localSessions } from '../../plugins/payments/schema.js';
import { bootWithPlugins, type PluginApp } from '../fixtures/plugin-harness.js';
import type { TestUser } from '../helpers/test-app.js';

const WEBHOOK_SECRET = 'whsec_payments_http_test';
const stripe = new Stripe('sk_test_fake_key_for_tests');
const now = () => Math.floor(Date.now() / 1000);
const CREATE = '/api/v1/payment/create-checkout-session';
const verifyPath = (id: string) => `/api/v1/payment/verify-and-capture?session_id=${id}`;

let t: PluginApp;
let owner: TestUser;
let ownerKey: Record<string, string>;
let other: TestUser;
let otherKey: Record<string, string>;

beforeAll(async () => {
  t = await bootWithPlugins({ STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  owner = await t.signUp();
  ownerKey = await owner.bearer();
  other = await t.signUp();
  otherKey = await other.bearer();
});
afterAll(() => t?.close());

async function openSession(amount: number, headers = ownerKey) {
  const res = await t.request(CREATE, { method: 'POST', headers, json: { amount } });
  expect(res.status, res.text).toBe(201);
  return res.body.data as { sessionId: string; checkoutUrl: string };
}

/** Pays through the local checkout page, as the owner's browser would. */
async function pay(session: { checkoutUrl: string }, user = owner) {
  return t.request(new URL(session.checkoutUrl).pathname, { method: 'POST', headers: user.session });
}

function completedEvent(id: string, session: Record<string, unknown>) {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'checkout.session.completed',
    data: { object: { object: 'checkout.session', payment_status: 'paid', currency: 'usd', ...session } },
  });
}

function deliver(payload: string, header?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (header !== undefined) headers['stripe-signature'] = header;
  return t.request('/api/v1/payment/webhook', { method: 'POST', headers, raw: payload });
}
const signed = (payload: string, timestamp?: number, secret = WEBHOOK_SECRET) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });

async function expectConsistent(user: TestUser) {
  expect(await t.ledgerSum(user.id)).toBe(await t.balance(user.id));
}

describe('create-checkout-session: amount ≥ 0.50, 2 decimals, stored in minor units', () => {
  it('with an Idempotency-Key a retry returns the first session instead of opening another', async () => {
    const headers = { ...ownerKey, 'idempotency-key': 'checkout-retry-1' };
    const first = await t.request(CREATE, { method: 'POST', headers, json: { amount: 7 } });
    expect(first.status).toBe(201);
    const retry = await t.request(CREATE, { method: 'POST', headers, json: { amount: 7 } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.data.sessionId).toBe(first.body.data.sessionId);
    const rows = await t.database.db
      .select()
      .from(checkoutSessions)
      .where(eq(checkoutSessions.userId, owner.id));
    expect(rows.filter((r) => r.amountMinor === 700)).toHaveLength(1);
    const other = await t.request(CREATE, { method: 'POST', headers, json: { amount: 8 } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('opens a session and records it in minor units', async () => {
    const s = await openSession(12.34);
    expect(s.sessionId).toMatch(/^cs_local_[A-Za-z0-9]{32}$/);
    expect(new URL(s.checkoutUrl).pathname).toBe(`/api/v1/payment/local-checkout/${s.sessionId}`);
    const [row] = await t.database.db
      .select()
      .from(checkoutSessions)
      .where(eq(checkoutSessions.id, s.sessionId));
    expect(row).toMatchObject({ userId: owner.id, amountMinor: 1234, currency: 'usd', creditedAt: null });
    expect((await openSession(0.5)).sessionId).toMatch(/^cs_local_/);
  });

  it('refuses bad amounts with VALIDATION_FAILED naming amount, and opens nothing', async () => {
    const before = (await t.database.db.select().from(localSessions)).length;
    for (const amount of [0.49, 0, -5, 1.234, 10_000.01, '10', null]) {
      const res = await t.request(CREATE, { method: 'POST', headers: ownerKey, json: { amount } });
      expect(res.status, String(amount)).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: 'VALIDATION_FAILED' });
      expect(res.body.details.amount, String(amount)).toBeTypeOf('string');
    }
    const missing = await t.request(CREATE, { method: 'POST', headers: ownerKey, json: {} });
    expect(missing.body.details.amount).toBe('Required');
    expect((await t.database.db.select().from(localSessions)).length).toBe(before);
  });

  it('needs a credential that may write', async () => {
    expect((await t.request(CREATE, { method: 'POST', json: { amount: 5 } })).status).toBe(401);
    const readOnly = await owner.bearer(['read']);
    const res = await t.request(CREATE, { method: 'POST', headers: readOnly, json: { amount: 5 } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('INVALID_SCOPE');
  });
});

/** The href of the link with this text on an HTML page. */
function linkOf(html: string, text: string): string {
  const m = new RegExp(`<a href="([^"]+)">${text}</a>`).exec(html);
  if (!m) throw new Error(`no ${text} link in ${html}`);
  return m[1]!.replaceAll('&#38;', '&');
}

describe("local test provider: its checkout URL is a capability, like Stripe's", () => {
  it('opens in any browser with no cookie or key: the amount, a Pay form, and headers that keep the URL private', async () => {
    const s = await openSession(7.25);
    const path = new URL(s.checkoutUrl).pathname;
    const page = await t.request(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('7.25 USD');
    expect(page.text).toMatch(/<form method="post">/);
    const state = await t.request(verifyPath(s.sessionId), { method: 'POST', headers: ownerKey });
    expect(state.body.data.status).toBe('unpaid');
    const paid = await t.request(path, { method: 'POST', headers: { origin: 'http://localhost' } });
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('Payment complete');
    expect((await t.request(path)).text).toContain('Already paid');
    const credited = await t.request(verifyPath(s.sessionId), { method: 'POST', headers: ownerKey });
    expect(credited.body.data).toMatchObject({ status: 'paid', credited: true, amount: 7.25 });
  });

  it('the session id is unguessable (32 random base62 characters); an unknown one is 404', async () => {
    const s = await openSession(1);
    expect(s.sessionId).toMatch(/^cs_local_[A-Za-z0-9]{32}$/);
    const unknown = await t.request(
      '/api/v1/payment/local-checkout/cs_local_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
  });

  it('its Cancel and Continue links land on pages that exist', async () => {
    const s = await openSession(2);
    const path = new URL(s.checkoutUrl).pathname;
    const cancel = new URL(linkOf((await t.request(path)).text, 'Cancel'));
    const cancelled = await t.request(`${cancel.pathname}${cancel.search}`);
    expect(cancelled.status, cancel.href).toBe(200);
    expect(cancelled.text).toContain('Checkout cancelled');
    const next = new URL(linkOf((await t.request(path, { method: 'POST' })).text, 'Continue'));
    expect(next.searchParams.get('session_id')).toBe(s.sessionId);
    const success = await t.request(`${next.pathname}${next.search}`);
    expect(success.status, next.href).toBe(200);
    expect(success.text).toContain('Payment received');
    expect(success.text).toContain(s.sessionId);
  });

  it('a cross-site form post carrying a session cookie is still refused (CSRF)', async () => {
    const s = await openSession(1);
    const res = await t.request(new URL(s.checkoutUrl).pathname, {
      method: 'POST',
      headers: { cookie: owner.session.cookie!, origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });
});

describe('verify-and-capture: only the owner; credits exactly once', () => {
  it('an unpaid session is reported unpaid and credits nothing', async () => {
    const before = await t.balance(owner.id);
    const s = await openSession(3);
    const res = await t.request(verifyPath(s.sessionId), { method: 'POST', headers: ownerKey });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      sessionId: s.sessionId,
      status: 'unpaid',
      credited: false,
      amount: 3,
    });
    expect(await t.balance(owner.id)).toBe(before);
  });

  it("another user's or an unknown session is 404; a missing or malformed id is 400", async () => {
    const s = await openSession(2);
    await pay(s);
    const stolen = await t.request(verifyPath(s.sessionId), { method: 'POST', headers: otherKey });
    expect(stolen.status).toBe(404);
    expect(stolen.body.code).toBe('NOT_FOUND');
    expect((await t.request(verifyPath('cs_local_nope'), { method: 'POST', headers: ownerKey })).status).toBe(
      404,
    );
    const none = await t.request('/api/v1/payment/verify-and-capture', { method: 'POST', headers: ownerKey });
    expect(none.status).toBe(400);
    expect(none.body.details.session_id).toBeDefined();
    const bad = await t.request(verifyPath("x'%20or%201=1"), { method: 'POST', headers: ownerKey });
    expect(bad.status).toBe(400);
    expect(await t.balance(other.id)).toBe(0);
  });

  it('10 concurrent verifies of one paid session credit it once; the ledger matches the balance', async () => {
    const before = await t.balance(owner.id);
    const s = await openSession(25.5);
    await pay(s);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request(verifyPath(s.sessionId), { method: 'POST', headers: ownerKey }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.data.alreadyCredited === false)).toHaveLength(1);
    expect(answers.every((a) => a.body.data.credited === true && a.body.data.status === 'paid')).toBe(true);
    expect(await t.balance(owner.id)).toBe(before + 2550);
    const entries = (await t.ledgerEntries(owner.id)).filter((e) => e.reference.includes(s.sessionId));
    expect(entries).toHaveLength(1);
    await expectConsistent(owner);
    const again = await t.request(verifyPath(s.sessionId), { method: 'POST', headers: ownerKey });
    expect(again.body.data).toMatchObject({ credited: true, alreadyCredited: true });
    expect(again.body.data.newBalance).toBe((before + 2550) / 100);
  });
});

describe('webhook: Stripe signature over the raw body; idempotent on event id and session id', () => {
  it('checkout.session.completed credits the session; a replay of the event credits nothing', async () => {
    const before = await t.balance(owner.id);
    const s = await openSession(4.2);
    const payload = completedEvent('evt_http_1', {
      id: s.sessionId,
      amount_total: 420,
      metadata: { userId: owner.id },
    });
    const first = await deliver(payload, signed(payload));
    expect(first.status, first.text).toBe(200);
    expect(first.body.data).toEqual({ received: true, duplicate: false });
    expect(await t.balance(owner.id)).toBe(before + 420);
    const replay = await deliver(payload, signed(payload));
    expect(replay.status).toBe(200);
    expect(replay.body.data.duplicate).toBe(true);
    // Stripe may send another event for the same session (retries, reordering): still once.
    const sibling = completedEvent('evt_http_2', {
      id: s.sessionId,
      amount_total: 420,
      metadata: { userId: owner.id },
    });
    expect((await deliver(sibling, signed(sibling))).body.data.duplicate).toBe(false);
    const verify = await t.request(verifyPath(s.sessionId), { method: 'POST', headers: ownerKey });
    expect(verify.body.data).toMatchObject({ credited: true, alreadyCredited: true });
    expect(await t.balance(owner.id)).toBe(before + 420);
    await expectConsistent(owner);
  });

  it('webhook deliveries and verifies racing on one session credit it once', async () => {
    const before = await t.balance(owner.id);
    const s = await openSession(9.99);
    await pay(s);
    const runs = Array.from({ length: 12 }, (_, i) => {
      if (i % 2) return t.request(verifyPath(s.sessionId), { method: 'POST', headers: ownerKey });
      const p = completedEvent(`evt_race_${i % 4}`, { id: s.sessionId, amount_total: 999 });
      return deliver(p, signed(p));
    });
    const answers = await Promise.all(runs);
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(await t.balance(owner.id)).toBe(before + 999);
    expect((await t.ledgerEntries(owner.id)).filter((e) => e.reference.includes(s.sessionId))).toHaveLength(
      1,
    );
    await expectConsistent(owner);
  });

  it('refuses a wrong signature, a tampered body, a stale or future timestamp, or none: 400, nothing credited', async () => {
    const before = await t.balance(owner.id);
    const s = await openSession(5);
    const payload = completedEvent('evt_bad_sig', { id: s.sessionId, amount_total: 500 });
    const cases: [string, string | undefined, string][] = [
      ['wrong secret', signed(payload, undefined, 'whsec_not_ours'), payload],
      ['tampered body', signed(payload), payload.replace('500', '50000')],
      ['stale (older than 300 s)', signed(payload, now() - 301 - 30), payload],
      ['future (beyond 300 s)', signed(payload, now() + 301 + 30), payload],
      ['missing header', undefined, payload],
      ['garbage header', 't=1,v1=00', payload],
    ];
    for (const [name, header, body] of cases) {
      const res = await deliver(body, header);
      expect(res.status, name).toBe(400);
      expect(res.body, name).toMatchObject({ success: false, code: 'INVALID_SIGNATURE' });
    }
    expect(await t.balance(owner.id)).toBe(before);
    // The same event, signed properly, is then accepted: the refusals did not mark it seen.
    expect((await deliver(payload, signed(payload))).body.data.duplicate).toBe(false);
    expect(await t.balance(owner.id)).toBe(before + 500);
  });

  it('ignores other event types and never credits a mismatched amount', async () => {
    const before = await t.balance(owner.id);
    const other = JSON.stringify({
      id: 'evt_other',
      object: 'event',
      type: 'customer.created',
      data: { object: {} },
    });
    expect((await deliver(other, signed(other))).status).toBe(200);
    const s = await openSession(6);
    const cheat = completedEvent('evt_mismatch', { id: s.sessionId, amount_total: 60_000 });
    expect((await deliver(cheat, signed(cheat))).status).toBe(200);
    expect(await t.balance(owner.id)).toBe(before);
  });

  it('adopts a paid session it has no record of from the signed metadata, if the user exists', async () => {
    const before = await t.balance(other.id);
    const p = completedEvent('evt_adopt', {
      id: 'cs_test_made_elsewhere',
      amount_total: 777,
      metadata: { userId: other.id },
    });
    expect((await deliver(p, signed(p))).status).toBe(200);
    expect(await t.balance(other.id)).toBe(before + 777);
    const ghost = completedEvent('evt_ghost', {
      id: 'cs_test_ghost',
      amount_total: 100,
      metadata: { userId: 'usr_nobody' },
    });
    expect((await deliver(ghost, signed(ghost))).status).toBe(200);
    await expectConsistent(other);
  });
});

describe('StripeProvider is wired when STRIPE_SECRET_KEY is set (no network in tests)', () => {
  let s: PluginApp;
  beforeAll(async () => {
    s = await bootWithPlugins({
      STRIPE_SECRET_KEY: 'sk_test_fake_key_for_tests',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
  });
  afterAll(() => s?.close());

  it('serves no local checkout page, and verifies webhooks with the SDK', async () => {
    const u = await s.signUp();
    expect(
      (await s.request('/api/v1/payment/local-checkout/cs_local_x', { headers: u.session })).status,
    ).toBe(404);
    const p = completedEvent('evt_stripe_1', {
      id: 'cs_test_live_path',
      amount_total: 1500,
      metadata: { userId: u.id },
    });
    const headers = { 'content-type': 'application/json', 'stripe-signature': signed(p) };
    const res = await s.request('/api/v1/payment/webhook', { method: 'POST', headers, raw: p });
    expect(res.status, res.text).toBe(200);
    expect(await s.balance(u.id)).toBe(1500);
    const bad = await s.request('/api/v1/payment/webhook', {
      method: 'POST',
      headers: { ...headers, 'stripe-signature': signed(p, now() - 1000) },
      raw: p,
    });
    expect(bad.status).toBe(400);
  });
});

describe('without a webhook secret the webhook refuses every delivery', () => {
  it('answers 503 and credits nothing', async () => {
    const n = await bootWithPlugins({});
    try {
      const p = completedEvent('evt_unconfigured', { id: 'cs_x', amount_total: 100 });
      const res = await n.request('/api/v1/payment/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signed(p) },
        raw: p,
      });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await n.close();
    }
  });
});

describe('plugin wiring: documented, configured at start-up, absent when disabled', () => {
  it('lists the payment and ai routes and their error codes in the OpenAPI document', async () => {
    const doc = (await t.request('/api/v1/openapi.json')).body;
    for (const path of [
      '/api/v1/payment/create-checkout-session',
      '/api/v1/payment/verify-and-capture',
      '/api/v1/payment/webhook',
      '/api/v1/payment/local-checkout/{sessionId}',
      '/api/v1/ai/generate',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(JSON.stringify(doc.components.schemas)).toContain('INVALID_SIGNATURE');
    expect(JSON.stringify(doc.components.schemas)).toContain('AI_PROVIDER_ERROR');
  });

  it('a bad STRIPE_SECRET_KEY stops start-up with one line naming it', async () => {
    const { loadPlugins } = await import('../../src/plugins/load.js');
    await expect(
      loadPlugins({ ids: ['ledger', 'credits', 'payments'], source: { STRIPE_SECRET_KEY: 'pk_live_nope' } }),
    ).rejects.toThrow(/STRIPE_SECRET_KEY must be a Stripe secret key/);
  });

  it('payments needs credits; without payments enabled its routes do not exist', async () => {
    const { loadPlugins } = await import('../../src/plugins/load.js');
    await expect(loadPlugins({ ids: ['payments'], source: {} })).rejects.toThrow(/depends on "credits"/);
    const { createTestApp } = await import('../helpers/test-app.js');
    const bare = await createTestApp({ plugins: ['ledger', 'credits'] });
    try {
      const u = await bare.signUp();
      const res = await bare.request(CREATE, { method: 'POST', headers: u.session, json: { amount: 5 } });
      expect(res.status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
