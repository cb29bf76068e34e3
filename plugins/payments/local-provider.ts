import { and, eq, isNull } from 'drizzle-orm';
import { type Db, randomBase62 } from 'regis/plugin';
import type { CheckoutRequest, CheckoutSession, PaymentProvider, SessionState } from './provider.js';
import { localSessions } from './schema.js';
import { verifyStripeWebhook } from './webhook-signature.js';

export interface LocalProviderOptions {
  db: Db;
  /** Where Regis is reachable, e.g. http://localhost:3000; the checkout page is served under it. */
  baseUrl: string;
  /** Lets the webhook route be exercised locally with Stripe-format signatures. */
  webhookSecret?: string | undefined;
}

export const LOCAL_CHECKOUT_PATH = '/api/v1/payment/local-checkout';

/**
 * For development and tests: sessions live in a table, and the checkout URL is a page Regis serves
 * itself whose button marks the session paid. Nothing leaves the machine.
 */
export class LocalTestProvider implements PaymentProvider {
  readonly name = 'local' as const;
  readonly #db: Db;
  readonly #baseUrl: string;
  readonly #webhookSecret: string | undefined;

  get webhookConfigured(): boolean {
    return Boolean(this.#webhookSecret);
  }

  constructor(options: LocalProviderOptions) {
    this.#db = options.db;
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#webhookSecret = options.webhookSecret;
  }

  async createCheckoutSession(req: CheckoutRequest): Promise<CheckoutSession> {
    // The id is the checkout URL's only secret (a capability, as Stripe's): fresh CSPRNG bytes, ~190 bits.
    const id = `cs_local_${randomBase62(32)}`;
    await this.#db.insert(localSessions).values({
      id,
      userId: req.userId,
      amountMinor: req.amountMinor,
      currency: req.currency,
      successUrl: req.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', id),
      cancelUrl: req.cancelUrl.replaceAll('{CHECKOUT_SESSION_ID}', id),
    });
    return { sessionId: id, checkoutUrl: `${this.#baseUrl}${LOCAL_CHECKOUT_PATH}/${id}` };
  }

  async retrieveSession(id: string): Promise<SessionState | null> {
    const row = await this.find(id);
    if (!row) return null;
    return {
      id: row.id,
      paid: row.paidAt !== null,
      amountMinor: row.amountMinor,
      currency: row.currency,
      userId: row.userId,
    };
  }

  parseWebhook(rawBody: string, signatureHeader: string | undefined) {
    return verifyStripeWebhook(rawBody, signatureHeader, this.#webhookSecret ?? '');
  }

  /** The page's row (amount, owner, where to go next). */
  async find(id: string) {
    const rows = await this.#db.select().from(localSessions).where(eq(localSessions.id, id)).limit(1);
    return rows[0] ?? null;
  }

  /** What the checkout page's button does; paying twice is a no-op. */
  async markPaid(id: string): Promise<void> {
    await this.#db
      .update(localSessions)
      .set({ paidAt: new Date() })
      .where(and(eq(localSessions.id, id), isNull(localSessions.paidAt)));
  }
}
