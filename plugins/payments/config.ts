import { z } from 'regis/plugin';
import { RETURN_PATHS } from './return-pages.js';

/** The payments plugin's environment, validated at start-up (a bad value stops Regis, naming it). */
export const paymentsConfigSchema = z.object({
  /** Set: real Stripe Checkout. Unset: the local test provider. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9_+/=]+$/, 'must be a webhook signing secret (whsec_…)')
    .optional(),
  PAYMENTS_CURRENCY: z
    .string()
    .regex(/^[a-z]{3}$/, 'must be a lower-case ISO 4217 code such as usd')
    .default('usd'),
  /** Largest single top-up, in major units. */
  PAYMENTS_MAX_AMOUNT: z.coerce.number().min(1).max(999_999.99).default(10_000),
  /** Where the processor sends the browser afterwards; `{CHECKOUT_SESSION_ID}` is filled in. */
  PAYMENTS_SUCCESS_URL: z.url().optional(),
  PAYMENTS_CANCEL_URL: z.url().optional(),
  /** Core settings (validated by core too), read here for where the local checkout page lives. */
  BASE_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
});

export type PaymentsConfig = z.infer<typeof paymentsConfigSchema>;

/** The public origin of this Regis (BASE_URL, else localhost on PORT): local checkout pages live there. */
export function publicBaseUrl(env: { BASE_URL?: string | undefined; PORT: number }): string {
  return (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

/** The processor's redirects: the configured ones, else the plugin's own return pages. */
export function redirectUrls(config: PaymentsConfig, base: string) {
  return {
    successUrl:
      config.PAYMENTS_SUCCESS_URL ?? `${base}${RETURN_PATHS.success}?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: config.PAYMENTS_CANCEL_URL ?? `${base}${RETURN_PATHS.cancelled}`,
  };
}
