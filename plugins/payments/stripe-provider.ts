import Stripe from 'stripe';
import type { CheckoutRequest, CheckoutSession, PaymentProvider, SessionState } from './provider.js';
import { sessionStateOf, verifyStripeWebhook } from './webhook-signature.js';

export interface StripeProviderOptions {
  secretKey: string;
  /** Without it the webhook route refuses every delivery. */
  webhookSecret?: string | undefined;
  /** Tests and proxies only; the SDK defaults to api.stripe.com. */
  client?: Stripe;
}

/** Real Checkout Sessions through the official SDK. */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  readonly client: Stripe;
  readonly #webhookSecret: string | undefined;

  get webhookConfigured(): boolean {
    return Boolean(this.#webhookSecret);
  }

  constructor(options: StripeProviderOptions) {
    this.client = options.client ?? new Stripe(options.secretKey, { maxNetworkRetries: 2, timeout: 20_000 });
    this.#webhookSecret = options.webhookSecret;
  }

  async createCheckoutSession(req: CheckoutRequest): Promise<CheckoutSession> {
    const session = await this.client.checkout.sessions.create({
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: req.currency,
            unit_amount: req.amountMinor,
            product_data: { name: 'Account credit' },
          },
        },
      ],
      client_reference_id: req.userId,
      metadata: { userId: req.userId, amountMinor: String(req.amountMinor) },
      success_url: req.successUrl,
      cancel_url: req.cancelUrl,
    });
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { sessionId: session.id, checkoutUrl: session.url };
  }

  async retrieveSession(id: string): Promise<SessionState | null> {
    try {
      return sessionStateOf(await this.client.checkout.sessions.retrieve(id)) ?? null;
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null;
      throw err;
    }
  }

  parseWebhook(rawBody: string, signatureHeader: string | undefined) {
    return verifyStripeWebhook(rawBody, signatureHeader, this.#webhookSecret ?? '');
  }
}
