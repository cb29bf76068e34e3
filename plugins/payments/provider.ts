/** What the payments plugin needs from a payment processor; Stripe and the local test provider implement it. */
export interface CheckoutRequest {
  /** Integer minor units (cents). */
  amountMinor: number;
  /** ISO 4217, lower case ("usd"). */
  currency: string;
  userId: string;
  /** May contain `{CHECKOUT_SESSION_ID}`, which the provider fills in. */
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  sessionId: string;
  checkoutUrl: string;
}

export interface SessionState {
  id: string;
  paid: boolean;
  amountMinor: number;
  currency: string;
  /** The Regis user who opened the session (from the provider's own record). */
  userId: string | null;
}

/** A verified webhook event, reduced to what Regis acts on. */
export interface PaymentEvent {
  id: string;
  type: string;
  /** Set for checkout.session.* events. */
  session?: SessionState;
}

export interface PaymentProvider {
  /** False when no webhook signing secret is configured: every delivery is then refused. */
  readonly webhookConfigured: boolean;
  readonly name: 'stripe' | 'local';
  createCheckoutSession(req: CheckoutRequest): Promise<CheckoutSession>;
  /** null when the processor does not know the id. */
  retrieveSession(id: string): Promise<SessionState | null>;
  /** Verifies the signature and parses; throws WebhookSignatureError on anything wrong. */
  parseWebhook(rawBody: string, signatureHeader: string | undefined): PaymentEvent;
}

export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}
