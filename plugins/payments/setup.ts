import type { Logger } from 'pino';
import type { Db, PluginApp } from 'regis/plugin';
import { mountCheckoutRoutes } from './checkout-routes.js';
import { type PaymentsConfig, publicBaseUrl, redirectUrls } from './config.js';
import type { PaymentsDeps, PaymentsLedger } from './deps.js';
import { mountLocalCheckout } from './local-checkout-routes.js';
import { LocalTestProvider } from './local-provider.js';
import type { PaymentProvider } from './provider.js';
import { mountReturnPages } from './return-pages.js';
import { StripeProvider } from './stripe-provider.js';
import { mountWebhookRoute } from './webhook-route.js';

export interface PaymentsSetup {
  db: Db;
  ledger: PaymentsLedger;
  config: PaymentsConfig;
  /** Core settings that decide where the local checkout page lives. */
  env: { BASE_URL?: string | undefined; PORT: number };
  logger: Logger;
}

/** Stripe when STRIPE_SECRET_KEY is set, otherwise the local test provider. */
export function chooseProvider(s: PaymentsSetup): PaymentProvider {
  if (s.config.STRIPE_SECRET_KEY) {
    return new StripeProvider({
      secretKey: s.config.STRIPE_SECRET_KEY,
      webhookSecret: s.config.STRIPE_WEBHOOK_SECRET,
    });
  }
  return new LocalTestProvider({
    db: s.db,
    baseUrl: publicBaseUrl(s.env),
    webhookSecret: s.config.STRIPE_WEBHOOK_SECRET,
  });
}

/** Builds the provider and mounts every payment route (the local checkout page only without Stripe). */
export function mountPayments(app: PluginApp, s: PaymentsSetup): PaymentProvider {
  const provider = chooseProvider(s);
  const deps: PaymentsDeps = {
    db: s.db,
    ledger: s.ledger,
    provider,
    config: s.config,
    urls: redirectUrls(s.config, publicBaseUrl(s.env)),
    logger: s.logger,
  };
  mountCheckoutRoutes(app, deps);
  mountWebhookRoute(app, deps);
  mountReturnPages(app);
  if (provider instanceof LocalTestProvider) mountLocalCheckout(app, provider);
  if (s.config.STRIPE_SECRET_KEY && !s.config.STRIPE_WEBHOOK_SECRET) {
    s.logger.warn('STRIPE_WEBHOOK_SECRET is not set: webhooks are refused; payments credit on verify only');
  }
  return provider;
}
