import Stripe from 'stripe';
import { type PaymentEvent, type SessionState, WebhookSignatureError } from './provider.js';

/** The SDK's default window (300 s), applied in both directions. */
export const WEBHOOK_TOLERANCE_SECONDS = Stripe.webhooks.DEFAULT_TOLERANCE;

function signedAt(header: string): number | null {
  const t = /(?:^|,)\s*t=(\d+)/.exec(header)?.[1];
  return t === undefined ? null : Number(t);
}

interface CheckoutObject {
  id?: unknown;
  amount_total?: unknown;
  currency?: unknown;
  payment_status?: unknown;
  client_reference_id?: unknown;
  metadata?: { userId?: unknown } | null;
}

/** A Checkout Session object (from the API or an event) → the provider-neutral state. */
export function sessionStateOf(obj: CheckoutObject): SessionState | undefined {
  if (typeof obj.id !== 'string') return undefined;
  const userId = obj.metadata?.userId ?? obj.client_reference_id;
  return {
    id: obj.id,
    paid: obj.payment_status === 'paid' || obj.payment_status === 'no_payment_required',
    amountMinor: typeof obj.amount_total === 'number' ? obj.amount_total : 0,
    currency: typeof obj.currency === 'string' ? obj.currency : '',
    userId: typeof userId === 'string' ? userId : null,
  };
}

/**
 * Checks a `Stripe-Signature` header with the SDK's own `constructEvent` (HMAC + the default
 * tolerance for old timestamps). The SDK lets a timestamp from the future through, so a header
 * signed more than the tolerance ahead of our clock is refused here too: a captured request cannot
 * be post-dated to outlive the replay window.
 */
export function verifyStripeWebhook(raw: string, header: string | undefined, secret: string): PaymentEvent {
  if (!header) throw new WebhookSignatureError('Missing Stripe-Signature header');
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(raw, header, secret);
  } catch (err) {
    throw new WebhookSignatureError(err instanceof Error ? err.message.split('\n')[0]! : 'Bad signature');
  }
  const t = signedAt(header);
  if (t === null || t - Math.floor(Date.now() / 1000) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError('Timestamp outside the tolerance zone');
  }
  if (typeof event.id !== 'string' || typeof event.type !== 'string') {
    throw new WebhookSignatureError('Not a Stripe event');
  }
  const out: PaymentEvent = { id: event.id, type: event.type };
  if (event.type.startsWith('checkout.session.')) {
    const session = sessionStateOf(event.data.object as CheckoutObject);
    if (session) out.session = session;
  }
  return out;
}
