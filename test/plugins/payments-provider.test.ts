import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { amountSchema, toMinorUnits } from '../../plugins/payments/amount.js';
import { paymentsConfigSchema } from '../../plugins/payments/config.js';
import { WebhookSignatureError } from '../../plugins/payments/provider.js';
import { StripeProvider } from '../../plugins/payments/stripe-provider.js';
import { verifyStripeWebhook, WEBHOOK_TOLERANCE_SECONDS } from '../../plugins/payments/webhook-signature.js';

const SECRET = 'whsec_test_unit_secret';
const stripe = new Stripe('sk_test_fake_key_for_tests');
const now = () => Math.floor(Date.now() / 1000);

const payload = JSON.stringify({
  id: 'evt_unit_1',
  object: 'event',
  type: 'checkout.session.completed',
  data: {
    object: {
      id: 'cs_test_unit',
      object: 'checkout.session',
      amount_total: 1050,
      currency: 'usd',
      payment_status: 'paid',
      metadata: { userId: 'user_1' },
    },
  },
});
const sign = (timestamp?: number, secret = SECRET, body = payload) =>
  stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp ? { timestamp } : {}) });
const rejects = (header: string | undefined, body = payload) => {
  expect(() => verifyStripeWebhook(body, header, SECRET)).toThrow(WebhookSignatureError);
};

describe('webhook signatures (Stripe SDK format, offline HMAC)', () => {
  it('accepts a header made by the SDK test helper and reads the checkout session', () => {
    const event = verifyStripeWebhook(payload, sign(), SECRET);
    expect(event).toEqual({
      id: 'evt_unit_1',
      type: 'checkout.session.completed',
      session: { id: 'cs_test_unit', paid: true, amountMinor: 1050, currency: 'usd', userId: 'user_1' },
    });
  });

  it('refuses a wrong secret, a changed body, a missing or garbled header', () => {
    rejects(sign(undefined, 'whsec_someone_else'));
    rejects(sign(), payload.replace('1050', '99999'));
    rejects(undefined);
    rejects('');
    rejects('t=abc,v1=nothex');
  });

  it('refuses a stale timestamp beyond the SDK default tolerance (300 s)', () => {
    expect(WEBHOOK_TOLERANCE_SECONDS).toBe(300);
    rejects(sign(now() - WEBHOOK_TOLERANCE_SECONDS - 60));
    expect(verifyStripeWebhook(payload, sign(now() - 120), SECRET).id).toBe('evt_unit_1');
  });

  it('refuses a timestamp further in the future than the tolerance (the SDK alone lets it through)', () => {
    const future = sign(now() + WEBHOOK_TOLERANCE_SECONDS + 60);
    expect(() => stripe.webhooks.constructEvent(payload, future, SECRET)).not.toThrow();
    rejects(future);
    expect(verifyStripeWebhook(payload, sign(now() + 60), SECRET).id).toBe('evt_unit_1');
  });
});

describe('StripeProvider construction (no network)', () => {
  it('builds an SDK client from a fake key and verifies webhooks with its secret', () => {
    const provider = new StripeProvider({ secretKey: 'sk_test_fake_key_for_tests', webhookSecret: SECRET });
    expect(provider.name).toBe('stripe');
    expect(provider.client).toBeInstanceOf(Stripe);
    expect(provider.webhookConfigured).toBe(true);
    expect(provider.parseWebhook(payload, sign()).session?.id).toBe('cs_test_unit');
  });

  it('without a webhook secret every delivery is refused', () => {
    const provider = new StripeProvider({ secretKey: 'sk_test_fake_key_for_tests' });
    expect(provider.webhookConfigured).toBe(false);
    expect(() => provider.parseWebhook(payload, sign())).toThrow(WebhookSignatureError);
  });
});

describe('configuration is validated at start-up', () => {
  const bad = (env: Record<string, string>) => paymentsConfigSchema.safeParse(env).success;
  it('rejects malformed keys, secrets, currencies and limits', () => {
    expect(bad({ STRIPE_SECRET_KEY: 'pk_test_123' })).toBe(false);
    expect(bad({ STRIPE_WEBHOOK_SECRET: 'secret' })).toBe(false);
    expect(bad({ PAYMENTS_CURRENCY: 'USD' })).toBe(false);
    expect(bad({ PAYMENTS_MAX_AMOUNT: 'lots' })).toBe(false);
    expect(bad({ STRIPE_SECRET_KEY: 'sk_live_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toBe(true);
  });
});

describe('amounts: major units with 2 decimals → integer minor units', () => {
  it('converts exactly and refuses sub-cent or out-of-range values', () => {
    expect(toMinorUnits(10)).toBe(1000);
    expect(toMinorUnits(0.5)).toBe(50);
    expect(toMinorUnits(19.99)).toBe(1999);
    expect(toMinorUnits(0.29)).toBe(29);
    expect(toMinorUnits(10.005)).toBeNull();
    const schema = amountSchema(10_000);
    expect(schema.safeParse(0.49).success).toBe(false);
    expect(schema.safeParse(0.5).success).toBe(true);
    expect(schema.safeParse(10_000.01).success).toBe(false);
    expect(schema.safeParse(1.234).success).toBe(false);
    expect(schema.safeParse('10').success).toBe(false);
  });
});
